variable "api_image" {
  description = "Container image (repository:tag) of aws_ecs_task_definition.api."
  type        = string
}

variable "db_password_secret_value" {
  description = "Value of aws_secretsmanager_secret_version.db_password."
  type        = string
  sensitive   = true
}

variable "orders_writer_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.orders_writer."
  type        = string
}

variable "project" {
  description = "Prefix for physical resource names."
  type        = string
  default     = "shop"
}

variable "worker_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.worker."
  type        = string
}
