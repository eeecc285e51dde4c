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
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "dynamodb:BatchGetItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:DeleteItem",
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:Query",
          "dynamodb:UpdateItem",
        ]
        Resource = aws_dynamodb_table.orders.arn
      },
    ]
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
  role          = aws_iam_role.lambda_exec.arn
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

# get-order (aws_lambda_function.get_order)
resource "aws_lambda_function" "get_order" {
  provider = aws.us_east_1

  function_name = "orders-api-get-order"
  role          = aws_iam_role.lambda_exec.arn
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

# list-orders (aws_lambda_function.list_orders)
resource "aws_lambda_function" "list_orders" {
  provider = aws.us_east_1

  function_name = "orders-api-list-orders"
  role          = aws_iam_role.lambda_exec.arn
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

# process-payment (aws_lambda_function.process_payment)
resource "aws_lambda_function" "process_payment" {
  provider = aws.us_east_1

  function_name = "orders-api-process-payment"
  role          = aws_iam_role.lambda_exec.arn
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

# send-receipt (aws_lambda_function.send_receipt)
resource "aws_lambda_function" "send_receipt" {
  provider = aws.us_east_1

  function_name = "orders-api-send-receipt"
  role          = aws_iam_role.lambda_exec.arn
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

# apigw (aws_lambda_permission.apigw)
resource "aws_lambda_permission" "apigw" {
  provider = aws.us_east_1

  statement_id  = "AllowApigw"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.create_order.function_name
  principal     = "apigateway.amazonaws.com"
}
