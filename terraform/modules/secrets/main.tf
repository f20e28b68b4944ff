# One Secrets Manager secret per workload, named <prefix>/<workload>, encrypted with a customer
# key. Terraform creates the containers; the operator writes their values (k8s/README.md), which
# never pass through Terraform state. External Secrets Operator copies them into Kubernetes.
#
# The exceptions are the service-to-service bearer tokens (var.service_tokens) and the generated
# passwords (var.passwords, e.g. the database roles'): Terraform generates them and writes them
# once, through an ephemeral password and a write-only argument, so that they reach Secrets
# Manager but neither the plan nor the state.

locals {
  tags = merge(var.tags, { "ledgerflow/module" = "secrets" })

  # The generated secrets are containers like the others, their keys the accepted list's and
  # one per caller.
  token_secrets = {
    for name, t in var.service_tokens : name => {
      description = t.description
      keys        = concat([t.accepted_key], [for caller in sort(keys(t.callers)) : t.callers[caller]])
    }
  }

  # One token per secret and caller, e.g. "ledger-auth/billing".
  tokens = merge([
    for name, t in var.service_tokens : { for caller in keys(t.callers) : "${name}/${caller}" => name }
  ]...)

  # One generated password per secret and key, e.g. "database/DB_PASSWORD_LEDGER".
  passwords = merge([
    for name, p in var.passwords : { for key in p.keys : "${name}/${key}" => name }
  ]...)
}

resource "aws_kms_key" "secrets" {
  description             = "Secrets Manager entries of ${var.name_prefix}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags
}

resource "aws_secretsmanager_secret" "this" {
  for_each                = merge(var.secrets, local.token_secrets, var.passwords)
  name                    = "${var.name_prefix}/${each.key}"
  description             = each.value.description
  kms_key_id              = aws_kms_key.secrets.arn
  recovery_window_in_days = var.recovery_window_days
  tags                    = merge(local.tags, { "ledgerflow/keys" = join(".", each.value.keys) })
}

# Letters and digits only: the tokens stand in name=token,… lists.
ephemeral "aws_secretsmanager_random_password" "token" {
  for_each            = local.tokens
  password_length     = var.token_length
  exclude_punctuation = true
  include_space       = false
}

resource "aws_secretsmanager_secret_version" "tokens" {
  for_each  = var.service_tokens
  secret_id = aws_secretsmanager_secret.this[each.key].id
  # The accepted list and each caller's copy of its own token, from the same generated values.
  secret_string_wo = jsonencode(merge(
    { (each.value.accepted_key) = join(",", [for caller in sort(keys(each.value.callers)) : "${caller}=${ephemeral.aws_secretsmanager_random_password.token["${each.key}/${caller}"].random_password}"]) },
    { for caller, key in each.value.callers : key => ephemeral.aws_secretsmanager_random_password.token["${each.key}/${caller}"].random_password },
  ))
  # Written again only when this changes: rotations made with put-secret-value stay in place.
  secret_string_wo_version = var.service_tokens_version
}

# Letters and digits only, like the tokens: a password stands in a URL (the services' database
# URLs) and in SQL (ALTER ROLE … PASSWORD '…'), where nothing then needs escaping.
ephemeral "aws_secretsmanager_random_password" "password" {
  for_each            = local.passwords
  password_length     = var.password_length
  exclude_punctuation = true
  include_space       = false
}

resource "aws_secretsmanager_secret_version" "passwords" {
  for_each         = var.passwords
  secret_id        = aws_secretsmanager_secret.this[each.key].id
  secret_string_wo = jsonencode({ for key in each.value.keys : key => ephemeral.aws_secretsmanager_random_password.password["${each.key}/${key}"].random_password })
  # Written again only when this changes: a password rotated with put-secret-value stays in place.
  secret_string_wo_version = var.passwords_version
}
