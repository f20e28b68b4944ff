variable "name" {
  type        = string
  description = "Name of the MSK cluster."
}

variable "kafka_version" {
  type        = string
  description = "Apache Kafka version of the brokers."
  default     = "3.9.x"
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets for the brokers, one broker per subnet (one per zone)."
}

variable "security_group_id" {
  type        = string
  description = "Security group allowing TLS/IAM clients from the EKS nodes."
}

variable "broker_instance_type" {
  type        = string
  description = "Broker instance type."
}

variable "broker_volume_gib" {
  type        = number
  description = "EBS volume per broker in GiB."
  default     = 100
}

variable "default_partitions" {
  type        = number
  description = "Partitions of new topics (the consumers' HPAs never exceed this many replicas)."
  default     = 12
}

variable "retention_hours" {
  type        = number
  description = "Hours a message stays in a topic (read models can be rebuilt from the ledger beyond it)."
  default     = 168
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
