variable "name" {
  type        = string
  description = "Prefix of the role names (roles are <name>-<workload>)."
}

variable "namespace" {
  type        = string
  description = "Kubernetes namespace of the workloads' service accounts."
  default     = "ledgerflow"
}

variable "oidc_provider_arn" {
  type        = string
  description = "ARN of the EKS cluster's IAM OIDC provider."
}

variable "oidc_issuer" {
  type        = string
  description = "OIDC issuer of the cluster without https:// (prefix of the trust conditions)."
}

variable "workloads" {
  type = map(object({
    secret_arns      = list(string)
    topics_read      = list(string)
    topics_write     = list(string)
    consumer_group   = optional(string)
    create_topics    = optional(bool, false)
    describe_cluster = optional(bool, false)
    database_role    = optional(string)
  }))
  description = "Workloads by service-account name: their own secrets (none for a workload whose values all come from shared secrets), the MSK topics they read and write, their consumer group, whether they only describe the cluster (connect without topic access), and the PostgreSQL role they log in as."
}

variable "msk_cluster_name" {
  type        = string
  description = "Name of the MSK cluster (part of topic and group ARNs)."
}

variable "msk_cluster_uuid" {
  type        = string
  description = "UUID of the MSK cluster (part of topic and group ARNs)."
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "KMS key encrypting the platform's secrets."
}

variable "external_secrets_arns" {
  type        = list(string)
  description = "Secrets External Secrets Operator may read (all the platform's secrets, nothing else)."
}

variable "rds_master_user_secret_arn" {
  type        = string
  description = "Secret in which RDS keeps the master user's credentials; External Secrets Operator reads it for the migration step."
}

variable "rds_master_user_secret_kms_key_arn" {
  type        = string
  description = "KMS key encrypting the RDS master user's secret (External Secrets Operator decrypts it)."
}

variable "rds_resource_id" {
  type        = string
  description = "DB resource id of the RDS instance (part of the rds-db:connect ARNs)."
}

variable "database_iam_auth" {
  type        = bool
  description = "Allow each workload with a database_role rds-db:connect as that role (RDS IAM database authentication)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
