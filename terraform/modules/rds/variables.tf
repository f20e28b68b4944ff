variable "name" {
  type        = string
  description = "Identifier of the DB instance and prefix of its companions."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Isolated database subnets, one per zone."
}

variable "security_group_id" {
  type        = string
  description = "Security group allowing PostgreSQL from the EKS nodes."
}

variable "engine_major_version" {
  type        = string
  description = "PostgreSQL major version (parameter group family)."
  default     = "17"
}

variable "engine_version" {
  type        = string
  description = "PostgreSQL engine version."
  default     = "17.6"
}

variable "instance_class" {
  type        = string
  description = "DB instance class."
}

variable "database_name" {
  type        = string
  description = "Name of the database created with the instance."
  default     = "ledgerflow"
}

variable "master_username" {
  type        = string
  description = "Master user name; its password is generated and rotated by RDS in Secrets Manager."
  default     = "ledgerflow_admin"
}

variable "master_user_secret_kms_key_arn" {
  type        = string
  description = "KMS key encrypting the secret RDS keeps the master user's credentials in (its readers need kms:Decrypt on it)."
}

variable "allocated_storage_gib" {
  type        = number
  description = "Initial storage in GiB."
  default     = 100
}

variable "max_allocated_storage_gib" {
  type        = number
  description = "Upper bound of storage autoscaling in GiB."
  default     = 1000
}

variable "max_connections" {
  type        = number
  description = "PostgreSQL max_connections (the services' pools times replicas must stay below)."
  default     = 400
}

variable "multi_az" {
  type        = bool
  description = "Keep a synchronous standby in another zone with automatic failover."
  default     = true
}

variable "iam_database_authentication" {
  type        = bool
  description = "Allow IAM database authentication (short-lived tokens instead of passwords)."
  default     = true
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated backups and point-in-time recovery."
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "Backups are required: between 1 and 35 days."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the instance until this is turned off."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
