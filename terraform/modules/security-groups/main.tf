# Least-privilege security groups: PostgreSQL and Kafka accept connections only from the EKS
# cluster security group (the nodes and therefore the pods), on their own ports.

locals {
  tags = merge(var.tags, { "ledgerflow/module" = "security-groups" })
}

resource "aws_security_group" "rds" {
  name        = "${var.name}-rds"
  description = "PostgreSQL: from the EKS nodes only"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${var.name}-rds" })
}

resource "aws_vpc_security_group_ingress_rule" "rds_from_eks" {
  security_group_id            = aws_security_group.rds.id
  description                  = "PostgreSQL from the EKS cluster security group"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.eks_security_group_id
}

resource "aws_security_group" "msk" {
  name        = "${var.name}-msk"
  description = "Kafka (TLS + IAM): from the EKS nodes only"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${var.name}-msk" })
}

# 9098 is MSK's TLS listener with IAM authentication inside the VPC; no plaintext port is open.
resource "aws_vpc_security_group_ingress_rule" "msk_from_eks" {
  security_group_id            = aws_security_group.msk.id
  description                  = "Kafka TLS/IAM from the EKS cluster security group"
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  referenced_security_group_id = var.eks_security_group_id
}

# Brokers replicate among themselves.
resource "aws_vpc_security_group_ingress_rule" "msk_between_brokers" {
  security_group_id            = aws_security_group.msk.id
  description                  = "Broker to broker"
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  referenced_security_group_id = aws_security_group.msk.id
}
