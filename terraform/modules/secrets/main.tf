# One Secrets Manager secret per workload, named <prefix>/<workload>, encrypted with a customer
# key. Terraform creates the containers only: values are written by the operator (k8s/README.md)
# and never pass through Terraform state. External Secrets Operator copies them into Kubernetes.

locals {
  tags = merge(var.tags, { "ledgerflow/module" = "secrets" })
}

resource "aws_kms_key" "secrets" {
  description             = "Secrets Manager entries of ${var.name_prefix}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags
}

resource "aws_secretsmanager_secret" "this" {
  for_each                = var.secrets
  name                    = "${var.name_prefix}/${each.key}"
  description             = each.value.description
  kms_key_id              = aws_kms_key.secrets.arn
  recovery_window_in_days = var.recovery_window_days
  tags                    = merge(local.tags, { "ledgerflow/keys" = join(".", each.value.keys) })
}
