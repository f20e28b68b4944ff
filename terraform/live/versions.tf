terraform {
  # 1.10 added S3-native state locking (use_lockfile) and ephemeral resources, 1.11 write-only
  # arguments (the generated service tokens never enter the state).
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.14"
    }
  }

  # Partial configuration: the state key of each environment comes from <env>.s3.tfbackend,
  # bucket and region from the operator's backend.hcl (not committed, see k8s/README.md), so no
  # account-specific name is committed:
  #   terraform init -reconfigure -backend-config=dev.s3.tfbackend -backend-config=backend.hcl
  # The lock is an S3 object next to the state (use_lockfile); a DynamoDB lock table
  # (dynamodb_table = "...") is the older alternative for Terraform releases before 1.10.
  backend "s3" {
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "ledgerflow/environment" = var.environment
      "ledgerflow/managed-by"  = "terraform"
    }
  }
}
