output "role_arns" {
  description = "IRSA role ARN of each workload, by service-account name."
  value       = { for name, role in aws_iam_role.workload : name => role.arn }
}

output "external_secrets_role_arn" {
  description = "IRSA role ARN for External Secrets Operator's controller."
  value       = aws_iam_role.external_secrets.arn
}
