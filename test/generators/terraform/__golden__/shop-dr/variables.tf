variable "api_euc1_image" {
  description = "Container image (repository:tag) of aws_ecs_task_definition.api_euc1."
  type        = string
}

variable "api_image" {
  description = "Container image (repository:tag) of aws_ecs_task_definition.api."
  type        = string
}

variable "db_password_secret_value" {
  description = "Value of aws_secretsmanager_secret_version.db_password."
  type        = string
  sensitive   = true
}

variable "https_euc1_certificate_arn_eu_central_1" {
  description = "ACM certificate of aws_lb_listener.https_euc1 in eu-central-1."
  type        = string
}

variable "private_subnet_ids_eu_central_1" {
  description = "Private subnet ids in eu-central-1."
  type        = list(string)
}

variable "project" {
  description = "Prefix for physical resource names."
  type        = string
  default     = "shop"
}

variable "public_subnet_ids_eu_central_1" {
  description = "Public subnet ids in eu-central-1."
  type        = list(string)
}

variable "worker_euc1_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.worker_euc1."
  type        = string
}

variable "worker_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.worker."
  type        = string
}
