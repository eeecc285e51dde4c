variable "certificate_arn_us_east_1" {
  description = "ACM certificate for the API's custom domain in us-east-1."
  type        = string
}

variable "create_order_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.create_order."
  type        = string
}

variable "get_order_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.get_order."
  type        = string
}

variable "list_orders_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.list_orders."
  type        = string
}

variable "process_payment_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.process_payment."
  type        = string
}

variable "project" {
  description = "Prefix for physical resource names."
  type        = string
  default     = "orders-api"
}

variable "receipts_endpoint" {
  description = "endpoint of aws_sns_topic_subscription.receipts: the subscriber."
  type        = string
}

variable "send_receipt_package" {
  description = "Path of the deployment package (zip) of aws_lambda_function.send_receipt."
  type        = string
}
