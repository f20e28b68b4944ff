# Every input of the root. Inputs that differ between environments have no default: each
# <env>.tfvars sets them, so an environment states its whole shape in one file and a forgotten
# value fails the plan instead of silently taking another environment's. Inputs that belong to
# the operator's account (OIDC issuer, admin roles, API allow-list) come from a local var file
# (local.tfvars.example).

variable "environment" {
  type        = string
  description = "Environment name (dev, prod), part of every resource name; set in <env>.tfvars."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.environment))
    error_message = "environment is a short lowercase name such as dev or prod."
  }
}

variable "region" {
  type        = string
  description = "AWS region of the environment."
  default     = "eu-west-1"
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR of the VPC (keep in step with the ipBlocks of k8s/base NetworkPolicies)."
  default     = "10.40.0.0/16"
}

variable "single_nat_gateway" {
  type        = bool
  description = "One shared NAT gateway instead of one per zone."
}

variable "kubernetes_version" {
  type        = string
  description = "EKS Kubernetes version."
  default     = "1.34"
}

variable "eks_public_access_cidrs" {
  type        = list(string)
  description = "CIDRs allowed to reach the public EKS API endpoint (operators, CI); empty for private only."
  default     = []
}

variable "eks_admin_role_arns" {
  type        = list(string)
  description = "IAM roles granted cluster-admin (operators, CI)."
  default     = []
}

variable "node_groups" {
  type = map(object({
    instance_types = list(string)
    capacity_type  = string
    min_size       = number
    desired_size   = number
    max_size       = number
    disk_size_gib  = number
    labels         = map(string)
  }))
  description = "EKS managed node groups."
}

variable "rds_instance_class" {
  type        = string
  description = "RDS instance class."
}

variable "rds_multi_az" {
  type        = bool
  description = "RDS Multi-AZ standby with automatic failover."
  default     = true
}

variable "rds_backup_retention_days" {
  type        = number
  description = "Days of RDS automated backups."
}

variable "rds_deletion_protection" {
  type        = bool
  description = "Protect the RDS instance against deletion."
}

variable "msk_broker_instance_type" {
  type        = string
  description = "MSK broker instance type."
}

variable "kafka_partitions" {
  type        = number
  description = "Partitions per topic (upper bound of the consumers' replicas)."
}

variable "oidc_issuer" {
  type        = string
  description = "OIDC issuer URL of the operators' identity provider (admin-api and oauth2-proxy)."
}

variable "service_tokens_version" {
  type        = number
  description = "Raise by one to generate every service-to-service token anew (all services restart on the new values at once; k8s/README.md describes the rotation without downtime)."
  default     = 1
}

variable "db_passwords_version" {
  type        = number
  description = "Raise by one to generate every database role's password anew in ledgerflow/database (then run the migration step, which sets them, and restart the services: docs/dba.md, Rotating credentials)."
  default     = 1
}

variable "database_iam_auth" {
  type        = bool
  description = "Allow each service's IRSA role rds-db:connect as its own database role (RDS IAM database authentication; the migration step then runs with DB_IAM_AUTH=true, docs/dba.md). Passwords otherwise."
  default     = false
}
