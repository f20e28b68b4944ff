variable "name" {
  type        = string
  description = "Name prefix of the security groups."
}

variable "vpc_id" {
  type        = string
  description = "VPC the security groups belong to."
}

variable "eks_security_group_id" {
  type        = string
  description = "The EKS cluster security group (attached to the managed nodes): the only allowed client."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
