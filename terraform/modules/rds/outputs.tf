output "address" {
  description = "Host name of the PostgreSQL endpoint."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the PostgreSQL endpoint."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "Name of the database."
  value       = aws_db_instance.this.db_name
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master credentials (managed by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "master_user_secret_kms_key_arn" {
  description = "KMS key encrypting the master user's secret (its readers need kms:Decrypt on it)."
  value       = var.master_user_secret_kms_key_arn
}

output "resource_id" {
  description = "DB resource id, for rds-db:connect IAM policies."
  value       = aws_db_instance.this.resource_id
}
