variable "https_certificate_arn_us_east_1" {
  description = "ACM certificate of aws_lb_listener.https in us-east-1."
  type        = string
}

variable "project" {
  description = "Prefix for physical resource names."
  type        = string
  default     = "ledger"
}

variable "web_ami" {
  description = "AMI of aws_instance.web[0]."
  type        = string
}
