variable "environment" {
  type        = string
  description = "Environment name, part of every resource name."
  default     = "prod"
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
  default     = false
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
  default = {
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
}

variable "rds_instance_class" {
  type        = string
  description = "RDS instance class."
  default     = "db.r6g.xlarge"
}

variable "rds_multi_az" {
  type        = bool
  description = "RDS Multi-AZ standby with automatic failover."
  default     = true
}

variable "rds_backup_retention_days" {
  type        = number
  description = "Days of RDS automated backups."
  default     = 30
}

variable "rds_deletion_protection" {
  type        = bool
  description = "Protect the RDS instance against deletion."
  default     = true
}

variable "msk_broker_instance_type" {
  type        = string
  description = "MSK broker instance type."
  default     = "kafka.m7g.large"
}

variable "kafka_partitions" {
  type        = number
  description = "Partitions per topic (upper bound of the consumers' replicas)."
  default     = 12
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
