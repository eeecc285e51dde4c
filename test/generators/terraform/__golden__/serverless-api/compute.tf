# cognito-jwt (aws_apigatewayv2_authorizer.cognito)
# resource "aws_apigatewayv2_authorizer" "cognito" {
#   provider = aws.us_east_1
#
#   # TODO(archmap): archmap has no template for aws_apigatewayv2_authorizer: fill in its required arguments.
#   authorizer_type = "JWT"
# }

# orders-api-lambda (aws_iam_role.lambda_exec)
resource "aws_iam_role" "lambda_exec" {
  provider = aws.us_east_1

  name = "orders-api-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
      },
    ]
  })
}

# data-access (aws_iam_role_policy.lambda_data)
resource "aws_iam_role_policy" "lambda_data" {
  provider = aws.us_east_1

  name = "${var.project}-lambda-data"
  role = aws_iam_role.lambda_exec.name
  # TODO(archmap): least-privilege statements for this role.
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = []
  })
}

# payments (aws_lambda_event_source_mapping.payments)
resource "aws_lambda_event_source_mapping" "payments" {
  provider = aws.us_east_1

  event_source_arn        = aws_sqs_queue.payments.arn
  function_name           = aws_lambda_function.process_payment.arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}

# create-order (aws_lambda_function.create_order)
resource "aws_lambda_function" "create_order" {
  provider = aws.us_east_1

  function_name = "orders-api-create-order"
  role          = aws_iam_role.create_order_role.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  # TODO(archmap): point at the build artefact of this function.
  filename    = var.create_order_package
  memory_size = 512
  timeout     = 10

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      ORDERS_TABLE       = aws_dynamodb_table.orders.name
      PAYMENTS_QUEUE_URL = aws_sqs_queue.payments.url
    }
  }
}

# TODO(archmap): grant least-privilege access to aws_dynamodb_table.orders, aws_sqs_queue.payments.
resource "aws_iam_role" "create_order_role" {
  provider = aws.us_east_1

  name = "${var.project}-create-order-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
      },
    ]
  })
}

# get-order (aws_lambda_function.get_order)
resource "aws_lambda_function" "get_order" {
  provider = aws.us_east_1

  function_name = "orders-api-get-order"
  role          = aws_iam_role.get_order_role.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  # TODO(archmap): point at the build artefact of this function.
  filename    = var.get_order_package
  memory_size = 256
  timeout     = 10

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      ORDERS_TABLE = aws_dynamodb_table.orders.name
    }
  }
}

# TODO(archmap): grant least-privilege access to aws_dynamodb_table.orders.
resource "aws_iam_role" "get_order_role" {
  provider = aws.us_east_1

  name = "${var.project}-get-order-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
      },
    ]
  })
}

# list-orders (aws_lambda_function.list_orders)
resource "aws_lambda_function" "list_orders" {
  provider = aws.us_east_1

  function_name = "orders-api-list-orders"
  role          = aws_iam_role.list_orders_role.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  # TODO(archmap): point at the build artefact of this function.
  filename    = var.list_orders_package
  memory_size = 256
  timeout     = 10

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      ORDERS_TABLE = aws_dynamodb_table.orders.name
    }
  }
}

# TODO(archmap): grant least-privilege access to aws_dynamodb_table.orders.
resource "aws_iam_role" "list_orders_role" {
  provider = aws.us_east_1

  name = "${var.project}-list-orders-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
      },
    ]
  })
}

# process-payment (aws_lambda_function.process_payment)
resource "aws_lambda_function" "process_payment" {
  provider = aws.us_east_1

  function_name = "orders-api-process-payment"
  role          = aws_iam_role.process_payment_role.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  # TODO(archmap): point at the build artefact of this function.
  filename                       = var.process_payment_package
  memory_size                    = 512
  timeout                        = 30
  reserved_concurrent_executions = 50

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      ORDERS_TABLE                = aws_dynamodb_table.orders.name
      ORDER_EVENTS_TOPIC_ARN      = aws_sns_topic.order_events.arn
      PAYMENT_PROVIDER_SECRET_ARN = aws_secretsmanager_secret.payment_provider.arn
    }
  }
  # TODO(archmap): PAYMENT_PROVIDER_SECRET_ARN must come from Secrets Manager or SSM, never a plain value.
}

# TODO(archmap): grant least-privilege access to aws_dynamodb_table.orders, aws_secretsmanager_secret.payment_provider, aws_sns_topic.order_events, external:api.stripe.com.
resource "aws_iam_role" "process_payment_role" {
  provider = aws.us_east_1

  name = "${var.project}-process-payment-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
      },
    ]
  })
}

# send-receipt (aws_lambda_function.send_receipt)
resource "aws_lambda_function" "send_receipt" {
  provider = aws.us_east_1

  function_name = "orders-api-send-receipt"
  role          = aws_iam_role.send_receipt_role.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  # TODO(archmap): point at the build artefact of this function.
  filename    = var.send_receipt_package
  memory_size = 512
  timeout     = 10

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      RECEIPTS_BUCKET = aws_s3_bucket.receipts.bucket
    }
  }
}

# TODO(archmap): grant least-privilege access to aws_s3_bucket.receipts.
resource "aws_iam_role" "send_receipt_role" {
  provider = aws.us_east_1

  name = "${var.project}-send-receipt-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
      },
    ]
  })
}

# apigw (aws_lambda_permission.apigw)
resource "aws_lambda_permission" "apigw" {
  provider = aws.us_east_1

  statement_id  = "AllowApigw"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.create_order.function_name
  principal     = "apigateway.amazonaws.com"
}
