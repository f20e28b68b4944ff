variable "name" {
  type        = string
  description = "Name prefix of every resource of the VPC (for example ledgerflow-prod)."
}

variable "cidr" {
  type        = string
  description = "IPv4 CIDR block of the VPC; subnets are carved from it (/20 private, /24 public and database)."

  validation {
    condition     = can(cidrhost(var.cidr, 0)) && tonumber(split("/", var.cidr)[1]) <= 16
    error_message = "The VPC CIDR must be a valid IPv4 block of /16 or larger."
  }
}

variable "azs" {
  type        = list(string)
  description = "Availability zones to spread the subnets over (three for production)."

  validation {
    condition     = length(var.azs) >= 2 && length(var.azs) <= 4
    error_message = "Between two and four availability zones."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "Share one NAT gateway between all zones (cheaper, for dev); false gives one per zone."
  default     = false
}

variable "flow_logs_bucket_arn" {
  type        = string
  description = "S3 bucket ARN receiving rejected-traffic flow logs; null disables flow logs."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
