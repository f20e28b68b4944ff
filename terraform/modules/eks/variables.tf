variable "name" {
  type        = string
  description = "Name of the EKS cluster and prefix of its IAM roles."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the control plane (the manifests are validated against it)."
  default     = "1.34"
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets (one per zone) for the control plane's network interfaces and the nodes."
}

variable "public_access_cidrs" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the public API endpoint; empty keeps the endpoint private only."
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
  description = "Managed node groups by name: instance types, ON_DEMAND or SPOT, sizes and node labels."
}

variable "admin_role_arns" {
  type        = list(string)
  description = "IAM role ARNs granted cluster-admin through EKS access entries (operators, CI)."
  default     = []
}

variable "log_retention_days" {
  type        = number
  description = "Days to keep the control plane's logs in CloudWatch."
  default     = 90
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
