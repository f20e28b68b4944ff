output "secret_arns" {
  description = "ARN of each secret, by name (a workload's, the service tokens', the generated passwords')."
  value       = { for name, secret in aws_secretsmanager_secret.this : name => secret.arn }
}

output "secret_names" {
  description = "Name of each secret, by name (a workload's, the service tokens', the generated passwords')."
  value       = { for name, secret in aws_secretsmanager_secret.this : name => secret.name }
}

output "kms_key_arn" {
  description = "KMS key encrypting the secrets (readers need kms:Decrypt on it)."
  value       = aws_kms_key.secrets.arn
}
