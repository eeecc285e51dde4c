variable "alb_all_security_group_id" {
  description = "security_group_id of aws_vpc_security_group_egress_rule.alb_all: the security group."
  type        = string
}

variable "alb_https_security_group_id" {
  description = "security_group_id of aws_vpc_security_group_ingress_rule.alb_https: the security group."
  type        = string
}

variable "api_all_security_group_id" {
  description = "security_group_id of aws_vpc_security_group_egress_rule.api_all: the security group."
  type        = string
}

variable "api_execution_policy_arn" {
  description = "policy_arn of aws_iam_role_policy_attachment.api_execution: the managed policy ARN."
  type        = string
}

variable "api_from_alb_security_group_id" {
  description = "security_group_id of aws_vpc_security_group_ingress_rule.api_from_alb: the security group."
  type        = string
}

variable "api_image" {
  description = "Container image (repository:tag) of aws_ecs_task_definition.api."
  type        = string
}

variable "cache_clients_security_group_id" {
  description = "security_group_id of module.cache.aws_vpc_security_group_ingress_rule.clients[0]: the security group."
  type        = string
}

variable "db_password_secret_id" {
  description = "secret_id of aws_secretsmanager_secret_version.db_password: the secret."
  type        = string
}

variable "db_password_secret_value" {
  description = "Value of aws_secretsmanager_secret_version.db_password."
  type        = string
  sensitive   = true
}

variable "https_certificate_arn_eu_west_1" {
  description = "ACM certificate of aws_lb_listener.https in eu-west-1."
  type        = string
}

variable "main_allocation_id" {
  description = "allocation_id of aws_nat_gateway.main: allocate an Elastic IP."
  type        = string
}

variable "private_a_route_table_id" {
  description = "route_table_id of aws_route_table_association.private_a: the route table to associate."
  type        = string
}

variable "private_a_subnet_id" {
  description = "subnet_id of aws_route_table_association.private_a: the subnet to associate."
  type        = string
}

variable "private_b_route_table_id" {
  description = "route_table_id of aws_route_table_association.private_b: the route table to associate."
  type        = string
}

variable "private_b_subnet_id" {
  description = "subnet_id of aws_route_table_association.private_b: the subnet to associate."
  type        = string
}

variable "private_subnet_ids_eu_west_1" {
  description = "Private subnet ids in eu-west-1."
  type        = list(string)
}

variable "project" {
  description = "Prefix for physical resource names."
  type        = string
  default     = "app"
}

variable "public_a_route_table_id" {
  description = "route_table_id of aws_route_table_association.public_a: the route table to associate."
  type        = string
}

variable "public_a_subnet_id" {
  description = "subnet_id of aws_route_table_association.public_a: the subnet to associate."
  type        = string
}

variable "public_b_route_table_id" {
  description = "route_table_id of aws_route_table_association.public_b: the route table to associate."
  type        = string
}

variable "public_b_subnet_id" {
  description = "subnet_id of aws_route_table_association.public_b: the subnet to associate."
  type        = string
}

variable "worker_all_security_group_id" {
  description = "security_group_id of aws_vpc_security_group_egress_rule.worker_all: the security group."
  type        = string
}

variable "worker_orders_event_source_arn" {
  description = "event_source_arn of aws_lambda_event_source_mapping.worker_orders: the queue or stream."
  type        = string
}

variable "worker_orders_function_name" {
  description = "function_name of aws_lambda_event_source_mapping.worker_orders: the function."
  type        = string
}

variable "worker_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.worker."
  type        = string
}

variable "worker_policy_arn" {
  description = "policy_arn of aws_iam_role_policy_attachment.worker: the managed policy ARN."
  type        = string
}

variable "worker_vpc_policy_arn" {
  description = "policy_arn of aws_iam_role_policy_attachment.worker_vpc: the managed policy ARN."
  type        = string
}
