# One IAM role per workload for its Kubernetes service account (IRSA), each with only what the
# workload uses: its own secret if it has one, on MSK the topics it reads or writes and its
# consumer group, and with RDS IAM authentication a login as its own database role. External
# Secrets Operator gets its own role, reading the platform's secrets and the RDS master user's
# only.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  tags      = merge(var.tags, { "ledgerflow/module" = "iam" })
  partition = data.aws_partition.current.partition
  account   = data.aws_caller_identity.current.account_id
  region    = data.aws_region.current.region
  kafka_arn = "arn:${local.partition}:kafka:${local.region}:${local.account}"
  cluster   = "${var.msk_cluster_name}/${var.msk_cluster_uuid}"
  db_user   = "arn:${local.partition}:rds-db:${local.region}:${local.account}:dbuser:${var.rds_resource_id}"

  # The workloads with anything to grant: a policy needs at least one statement, and a workload
  # that reads no secret, no Kafka and logs in with a password has none (its role stays, for
  # what it may be granted later).
  granted = {
    for name, w in var.workloads : name => w
    if length(w.secret_arns) + length(w.topics_read) + length(w.topics_write) > 0 || w.describe_cluster || (var.database_iam_auth && w.database_role != null)
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = var.workloads
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${each.key}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "workload" {
  for_each             = var.workloads
  name                 = "${var.name}-${each.key}"
  assume_role_policy   = data.aws_iam_policy_document.assume[each.key].json
  max_session_duration = 3600
  tags                 = merge(local.tags, { "ledgerflow/workload" = each.key })
}

data "aws_iam_policy_document" "workload" {
  for_each = local.granted

  # Only for a workload that has a secret of its own: a statement without resources is invalid.
  dynamic "statement" {
    for_each = length(each.value.secret_arns) > 0 ? [1] : []
    content {
      sid       = "OwnSecret"
      actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      resources = each.value.secret_arns
    }
  }

  dynamic "statement" {
    for_each = length(each.value.secret_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptOwnSecret"
      actions   = ["kms:Decrypt"]
      resources = [var.secrets_kms_key_arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${local.region}.amazonaws.com"]
      }
    }
  }

  # RDS IAM database authentication: a token for its own database role, and no other.
  dynamic "statement" {
    for_each = var.database_iam_auth && each.value.database_role != null ? [each.value.database_role] : []
    content {
      sid       = "DatabaseConnect"
      actions   = ["rds-db:connect"]
      resources = ["${local.db_user}/${statement.value}"]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.topics_read) + length(each.value.topics_write) > 0 || each.value.describe_cluster ? [1] : []
    content {
      sid       = "KafkaConnect"
      actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
      resources = ["${local.kafka_arn}:cluster/${local.cluster}"]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.topics_read) > 0 ? [1] : []
    content {
      sid       = "KafkaRead"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
      resources = [for topic in each.value.topics_read : "${local.kafka_arn}:topic/${local.cluster}/${topic}"]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.topics_write) > 0 ? [1] : []
    content {
      sid       = "KafkaWrite"
      actions   = concat(["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"], each.value.create_topics ? ["kafka-cluster:CreateTopic"] : [])
      resources = [for topic in each.value.topics_write : "${local.kafka_arn}:topic/${local.cluster}/${topic}"]
    }
  }

  dynamic "statement" {
    for_each = each.value.consumer_group == null ? [] : [each.value.consumer_group]
    content {
      sid       = "KafkaConsumerGroup"
      actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
      resources = ["${local.kafka_arn}:group/${local.cluster}/${statement.value}"]
    }
  }

  # The idempotent producer needs a producer id from the cluster.
  dynamic "statement" {
    for_each = length(each.value.topics_write) > 0 ? [1] : []
    content {
      sid       = "KafkaIdempotentWrite"
      actions   = ["kafka-cluster:WriteDataIdempotently"]
      resources = ["${local.kafka_arn}:cluster/${local.cluster}"]
    }
  }
}

resource "aws_iam_role_policy" "workload" {
  for_each = local.granted
  name     = "least-privilege"
  role     = aws_iam_role.workload[each.key].id
  policy   = data.aws_iam_policy_document.workload[each.key].json
}

# External Secrets Operator's controller (namespace external-secrets, service account
# external-secrets) reads the platform's secrets for the ClusterSecretStore, and the RDS master
# user's, which only the migration step's ExternalSecret renders.
data "aws_iam_policy_document" "external_secrets_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:external-secrets:external-secrets"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "external_secrets" {
  name               = "${var.name}-external-secrets"
  assume_role_policy = data.aws_iam_policy_document.external_secrets_assume.json
  tags               = local.tags
}

data "aws_iam_policy_document" "external_secrets" {
  statement {
    sid       = "PlatformSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"]
    resources = var.external_secrets_arns
  }
  statement {
    sid       = "RdsMasterUserSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.rds_master_user_secret_arn]
  }
  statement {
    sid       = "DecryptSecrets"
    actions   = ["kms:Decrypt"]
    resources = distinct([var.secrets_kms_key_arn, var.rds_master_user_secret_kms_key_arn])
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "external_secrets" {
  name   = "read-platform-secrets"
  role   = aws_iam_role.external_secrets.id
  policy = data.aws_iam_policy_document.external_secrets.json
}
