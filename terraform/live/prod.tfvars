# The production environment: a NAT gateway per zone, on-demand nodes over two instance families,
# a month of backups, deletion protection.
#   terraform plan -var-file=prod.tfvars -var-file=prod.local.tfvars
environment = "prod"

single_nat_gateway = false

node_groups = {
  general = {
    instance_types = ["m6i.xlarge", "m6a.xlarge"]
    capacity_type  = "ON_DEMAND"
    min_size       = 3
    desired_size   = 3
    max_size       = 12
    disk_size_gib  = 50
    labels         = { "ledgerflow/pool" = "general" }
  }
}

rds_instance_class        = "db.r6g.xlarge"
rds_backup_retention_days = 30
rds_deletion_protection   = true

msk_broker_instance_type = "kafka.m7g.large"
kafka_partitions         = 12
