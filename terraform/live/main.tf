# The LedgerFlow platform in one AWS account and region: network, EKS, PostgreSQL, Kafka, the
# workloads' secrets and IRSA roles. One root for every environment: what differs between them
# is in <env>.tfvars, where its state lives in <env>.s3.tfbackend (k8s/README.md, Running in
# production).
# `terraform output -raw kustomize_deploy_settings` feeds the Kubernetes overlay of the same
# environment.

locals {
  name = "ledgerflow-${var.environment}"
  azs  = slice(data.aws_availability_zones.available.names, 0, 3)

  # Kafka topics (the names the services use) and who touches them.
  topics = {
    accounts     = "ledgerflow.ledger.accounts.v1"
    transactions = "ledgerflow.ledger.transactions.v1"
    dlq          = "ledgerflow.ledger.dlq.v1"
  }

  secrets = {
    ledger       = { description = "Ledger database URL", keys = ["DATABASE_URL"] }
    relay        = { description = "Outbox relay database URL", keys = ["DATABASE_URL"] }
    projector    = { description = "Projector database URLs (write and read models)", keys = ["DATABASE_URL", "READ_DATABASE_URL"] }
    billing      = { description = "Billing database URL", keys = ["DATABASE_URL"] }
    admin-api    = { description = "admin-api database URLs (its tables, the read model) and OIDC client secret", keys = ["DATABASE_URL", "READ_DATABASE_URL", "OIDC_CLIENT_SECRET"] }
    oauth2-proxy = { description = "oauth2-proxy OIDC client secret and cookie secret", keys = ["OAUTH2_PROXY_CLIENT_SECRET", "OAUTH2_PROXY_COOKIE_SECRET"] }
  }

  # Bearer tokens between the services, generated and written by Terraform into secrets of their
  # own (never into the state). Per called service: the key of the list it accepts, and per
  # caller the key of that caller's own token. Rotation: k8s/README.md.
  service_tokens = {
    ledger-auth  = { description = "Bearer tokens the ledger accepts, and each caller's own", accepted_key = "LEDGER_AUTH_TOKENS", callers = { admin-api = "ADMIN_API_LEDGER_TOKEN", billing = "BILLING_LEDGER_TOKEN" } }
    billing-auth = { description = "Bearer tokens billing accepts, and each caller's own", accepted_key = "BILLING_AUTH_TOKENS", callers = { admin-api = "ADMIN_API_BILLING_TOKEN" } }
  }

  tags = { "ledgerflow/environment" = var.environment }
}

data "aws_availability_zones" "available" {
  state = "available"
}

module "vpc" {
  source             = "../modules/vpc"
  name               = local.name
  cidr               = var.vpc_cidr
  azs                = local.azs
  single_nat_gateway = var.single_nat_gateway
  tags               = local.tags
}

module "eks" {
  source              = "../modules/eks"
  name                = local.name
  kubernetes_version  = var.kubernetes_version
  private_subnet_ids  = module.vpc.private_subnet_ids
  public_access_cidrs = var.eks_public_access_cidrs
  admin_role_arns     = var.eks_admin_role_arns
  node_groups         = var.node_groups
  tags                = local.tags
}

module "security_groups" {
  source                = "../modules/security-groups"
  name                  = local.name
  vpc_id                = module.vpc.vpc_id
  eks_security_group_id = module.eks.cluster_security_group_id
  tags                  = local.tags
}

module "rds" {
  source                = "../modules/rds"
  name                  = local.name
  subnet_ids            = module.vpc.database_subnet_ids
  security_group_id     = module.security_groups.rds_security_group_id
  instance_class        = var.rds_instance_class
  multi_az              = var.rds_multi_az
  backup_retention_days = var.rds_backup_retention_days
  deletion_protection   = var.rds_deletion_protection
  tags                  = local.tags
}

module "msk" {
  source               = "../modules/msk"
  name                 = local.name
  subnet_ids           = module.vpc.database_subnet_ids
  security_group_id    = module.security_groups.msk_security_group_id
  broker_instance_type = var.msk_broker_instance_type
  default_partitions   = var.kafka_partitions
  tags                 = local.tags
}

module "secrets" {
  source                 = "../modules/secrets"
  secrets                = local.secrets
  service_tokens         = local.service_tokens
  service_tokens_version = var.service_tokens_version
  tags                   = local.tags
}

module "iam" {
  source                = "../modules/iam"
  name                  = local.name
  oidc_provider_arn     = module.eks.oidc_provider_arn
  oidc_issuer           = module.eks.oidc_issuer
  msk_cluster_name      = module.msk.cluster_name
  msk_cluster_uuid      = module.msk.cluster_uuid
  secrets_kms_key_arn   = module.secrets.kms_key_arn
  external_secrets_arns = values(module.secrets.secret_arns)
  tags                  = local.tags

  workloads = {
    ledger = {
      secret_arns  = [module.secrets.secret_arns["ledger"]]
      topics_read  = []
      topics_write = []
    }
    relay = {
      secret_arns   = [module.secrets.secret_arns["relay"]]
      topics_read   = []
      topics_write  = [local.topics.accounts, local.topics.transactions]
      create_topics = true
    }
    projector = {
      secret_arns    = [module.secrets.secret_arns["projector"]]
      topics_read    = [local.topics.accounts, local.topics.transactions, local.topics.dlq]
      topics_write   = [local.topics.dlq]
      consumer_group = "ledgerflow-projector"
    }
    billing = {
      secret_arns    = [module.secrets.secret_arns["billing"]]
      topics_read    = [local.topics.transactions]
      topics_write   = []
      consumer_group = "ledgerflow-billing"
    }
    # The health page describes the Kafka cluster (brokers, controller); no topic access.
    admin-api = {
      secret_arns      = [module.secrets.secret_arns["admin-api"]]
      topics_read      = []
      topics_write     = []
      describe_cluster = true
    }
  }
}
