output "cluster_name" {
  description = "EKS cluster name: aws eks update-kubeconfig --name <this>."
  value       = module.eks.cluster_name
}

output "vpc_cidr" {
  description = "VPC CIDR, allowed for PostgreSQL and Kafka egress in the Kubernetes NetworkPolicies."
  value       = module.vpc.vpc_cidr
}

output "rds_address" {
  description = "PostgreSQL host of the services' database URLs (DATABASE_ADDRESS of the deploy settings)."
  value       = module.rds.address
}

output "rds_master_user_secret_arn" {
  description = "Secret with the RDS master credentials, the migration step's (RDS_MASTER_USER_SECRET_ARN of the deploy settings)."
  value       = module.rds.master_user_secret_arn
}

output "kafka_bootstrap_brokers" {
  description = "MSK TLS/IAM bootstrap brokers, the services' KAFKA_BROKERS."
  value       = module.msk.bootstrap_brokers_iam
}

output "secret_names" {
  description = "Secrets Manager names: the workloads' to fill with their values, and those Terraform generates (service tokens, database passwords)."
  value       = module.secrets.secret_names
}

output "irsa_role_arns" {
  description = "IRSA role ARN of each workload."
  value       = module.iam.role_arns
}

output "external_secrets_role_arn" {
  description = "IRSA role ARN to annotate External Secrets Operator's service account with."
  value       = module.iam.external_secrets_role_arn
}

output "kustomize_deploy_settings" {
  description = "Contents of k8s/overlays/<env>/deploy-settings.env for this environment."
  value = join("\n", concat([
    "AWS_REGION=${var.region}",
    "KAFKA_BROKERS=${module.msk.bootstrap_brokers_iam}",
    "OIDC_ISSUER=${var.oidc_issuer}",
    ], [
    for workload, arn in module.iam.role_arns : "${upper(replace(workload, "-", "_"))}_ROLE_ARN=${arn}"
    ], [
    "DATABASE_ADDRESS=${module.rds.address}",
    "RDS_MASTER_USER_SECRET_ARN=${module.rds.master_user_secret_arn}",
  ]))
}
