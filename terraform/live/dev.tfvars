# The development environment: small, cheap, disposable (spot nodes, one NAT gateway, a week of
# backups, no deletion protection).
#   terraform plan -var-file=dev.tfvars -var-file=dev.local.tfvars
environment = "dev"

single_nat_gateway = true

node_groups = {
  general = {
    instance_types = ["m6i.large"]
    capacity_type  = "SPOT"
    min_size       = 2
    desired_size   = 2
    max_size       = 4
    disk_size_gib  = 50
    labels         = { "ledgerflow/pool" = "general" }
  }
}

rds_instance_class        = "db.t4g.medium"
rds_backup_retention_days = 7
rds_deletion_protection   = false

msk_broker_instance_type = "kafka.t3.small"
kafka_partitions         = 6
