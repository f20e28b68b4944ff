output "bootstrap_brokers_iam" {
  description = "Comma-separated TLS/IAM bootstrap brokers (host:9098), the services' KAFKA_BROKERS."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "cluster_arn" {
  description = "ARN of the MSK cluster."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "Name of the MSK cluster (part of topic and group ARNs)."
  value       = aws_msk_cluster.this.cluster_name
}

output "cluster_uuid" {
  description = "UUID of the MSK cluster (part of topic and group ARNs)."
  value       = aws_msk_cluster.this.cluster_uuid
}
