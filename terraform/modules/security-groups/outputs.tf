output "rds_security_group_id" {
  description = "Security group of the RDS instance."
  value       = aws_security_group.rds.id
}

output "msk_security_group_id" {
  description = "Security group of the MSK brokers."
  value       = aws_security_group.msk.id
}
