# /ecs/shop-prod/api (aws_cloudwatch_log_group.api)
resource "aws_cloudwatch_log_group" "api" {
  provider = aws.eu_west_1

  name              = "/ecs/shop-prod/api"
  retention_in_days = 30
}

# shop/api (aws_ecr_repository.service["api"])
resource "aws_ecr_repository" "service" {
  for_each = toset(["api", "worker"])
  provider = aws.eu_west_1

  name                 = "shop/${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

# shop-prod (aws_ecs_cluster.main)
resource "aws_ecs_cluster" "main" {
  provider = aws.eu_west_1

  name = "shop-prod"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# shop-prod (eu-central-1) (aws_ecs_cluster.main_euc1)
# Added by the design: aws_ecs_cluster.main in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_ecs_cluster" "main_euc1" {
  provider = aws.eu_central_1

  name = "shop-prod-eu-central-1"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# api (aws_ecs_service.api)
resource "aws_ecs_service" "api" {
  provider = aws.eu_west_1

  name            = "api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = 1
  launch_type     = "FARGATE"

  network_configuration {
    subnets = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    # TODO(archmap): attach the security groups that admit only the callers of aws_ecs_service.api.
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8080
  }
}

# api (eu-central-1) (aws_ecs_service.api_euc1)
# Added by the design: aws_ecs_service.api in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_ecs_service" "api_euc1" {
  provider = aws.eu_central_1

  name            = "api-eu-central-1"
  cluster         = aws_ecs_cluster.main_euc1.id
  task_definition = aws_ecs_task_definition.api_euc1.arn
  desired_count   = 1
  launch_type     = "FARGATE"

  network_configuration {
    subnets = var.private_subnet_ids_eu_central_1
    # TODO(archmap): attach the security groups that admit only the callers of aws_ecs_service.api_euc1.
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api_euc1.arn
    container_name   = "api"
    container_port   = 8080
  }
}

# shop-prod-api (aws_ecs_task_definition.api)
resource "aws_ecs_task_definition" "api" {
  provider = aws.eu_west_1

  family                   = "shop-prod-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.api_execution.arn
  task_role_arn            = aws_iam_role.api_task.arn

  container_definitions = jsonencode([
    {
      name      = "api"
      image     = var.api_image
      essential = true
      portMappings = [
        {
          containerPort = 8080
        },
      ]
      environment = [
        {
          name  = "DATABASE_HOST"
          value = aws_db_instance.orders.address
        },
        {
          name  = "DATABASE_NAME"
          value = aws_db_instance.orders.db_name
        },
        {
          name  = "ORDERS_QUEUE_URL"
          value = aws_sqs_queue.orders.url
        },
        {
          name  = "PORT"
          value = "8080"
        },
        {
          name  = "REDIS_HOST"
          value = aws_elasticache_replication_group.cache.primary_endpoint_address
        },
      ]
    },
  ])
}

# shop-prod-api (eu-central-1) (aws_ecs_task_definition.api_euc1)
# Added by the design: aws_ecs_task_definition.api in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_ecs_task_definition" "api_euc1" {
  provider = aws.eu_central_1

  family                   = "shop-prod-api-eu-central-1"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.api_execution.arn
  task_role_arn            = aws_iam_role.api_task.arn

  container_definitions = jsonencode([
    {
      name      = "api"
      image     = var.api_euc1_image
      essential = true
      portMappings = [
        {
          containerPort = 8080
        },
      ]
      environment = [
        {
          name  = "DATABASE_NAME"
          value = "orders"
        },
        {
          name  = "ORDERS_QUEUE_URL"
          value = aws_sqs_queue.orders_euc1.id
        },
        {
          name  = "PORT"
          value = "8080"
        },
      ]
    },
  ])
}

# shop-prod-order-worker (aws_iam_policy.worker)
resource "aws_iam_policy" "worker" {
  provider = aws.eu_west_1

  name = "shop-prod-order-worker"
  # TODO(archmap): least-privilege statements for this policy.
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = []
  })
}

# shop-prod-api-execution (aws_iam_role.api_execution)
resource "aws_iam_role" "api_execution" {
  provider = aws.eu_west_1

  name = "shop-prod-api-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
      },
    ]
  })
}

# shop-prod-api-task (aws_iam_role.api_task)
resource "aws_iam_role" "api_task" {
  provider = aws.eu_west_1

  name = "shop-prod-api-task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
      },
    ]
  })
}

# shop-prod-order-worker (aws_iam_role.worker)
resource "aws_iam_role" "worker" {
  provider = aws.eu_west_1

  name = "shop-prod-order-worker"
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

# orders-queue (aws_iam_role_policy.api_task)
resource "aws_iam_role_policy" "api_task" {
  provider = aws.eu_west_1

  name = "orders-queue"
  role = aws_iam_role.api_task.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
        Effect   = "Allow"
        Resource = aws_sqs_queue.orders.arn
      },
      {
        Action   = ["secretsmanager:GetSecretValue"]
        Effect   = "Allow"
        Resource = aws_secretsmanager_secret.db_password.arn
      },
    ]
  })
}

# api_execution (aws_iam_role_policy_attachment.api_execution)
resource "aws_iam_role_policy_attachment" "api_execution" {
  provider = aws.eu_west_1

  role       = aws_iam_role.api_execution.id
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# worker (aws_iam_role_policy_attachment.worker)
resource "aws_iam_role_policy_attachment" "worker" {
  provider = aws.eu_west_1

  role       = "shop-prod-order-worker"
  policy_arn = aws_iam_policy.worker.arn
}

# worker_vpc (aws_iam_role_policy_attachment.worker_vpc)
resource "aws_iam_role_policy_attachment" "worker_vpc" {
  provider = aws.eu_west_1

  role       = "shop-prod-order-worker"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# worker_orders (aws_lambda_event_source_mapping.worker_orders)
resource "aws_lambda_event_source_mapping" "worker_orders" {
  provider = aws.eu_west_1

  event_source_arn        = aws_sqs_queue.orders.arn
  function_name           = aws_lambda_function.worker.function_name
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}

# worker_orders (eu-central-1) (aws_lambda_event_source_mapping.worker_orders_euc1)
# Added by the design: aws_lambda_event_source_mapping.worker_orders in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_lambda_event_source_mapping" "worker_orders_euc1" {
  provider = aws.eu_central_1

  event_source_arn        = aws_sqs_queue.orders_euc1.arn
  function_name           = aws_lambda_function.worker_euc1.function_name
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}

# shop-prod-order-worker (aws_lambda_function.worker)
resource "aws_lambda_function" "worker" {
  provider = aws.eu_west_1

  function_name = "shop-prod-order-worker"
  role          = aws_iam_role.worker.arn
  runtime       = "nodejs20.x"
  handler       = "handler.handler"
  # TODO(archmap): point at the build artefact of this function.
  filename    = var.worker_package
  memory_size = 512
  timeout     = 30

  tracing_config {
    mode = "Active"
  }

  vpc_config {
    subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    # TODO(archmap): the security group of this function.
    security_group_ids = []
  }

  environment {
    variables = {
      ORDERS_TABLE    = aws_dynamodb_table.orders.name
      RECEIPTS_BUCKET = aws_s3_bucket.receipts.bucket
    }
  }
}

# shop-prod-order-worker (eu-central-1) (aws_lambda_function.worker_euc1)
# Added by the design: aws_lambda_function.worker in eu-central-1: full capacity, idle until failover (hot standby)
resource "aws_lambda_function" "worker_euc1" {
  provider = aws.eu_central_1

  function_name = "shop-prod-order-worker-eu-central-1"
  role          = aws_iam_role.worker.arn
  runtime       = "nodejs20.x"
  handler       = "handler.handler"
  # TODO(archmap): point at the build artefact of this function.
  filename    = var.worker_euc1_package
  memory_size = 512
  timeout     = 30

  tracing_config {
    mode = "Active"
  }

  vpc_config {
    subnet_ids = var.private_subnet_ids_eu_central_1
    # TODO(archmap): the security group of this function.
    security_group_ids = []
  }

  environment {
    variables = {
      ORDERS_TABLE    = "shop-prod-orders"
      RECEIPTS_BUCKET = "shop-prod-receipts"
    }
  }
}

resource "aws_iam_role" "assets_replication" {
  provider = aws.eu_west_1

  name = "${var.project}-assets-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "s3.amazonaws.com"
        }
      },
    ]
  })
}

resource "aws_iam_role" "receipts_replication" {
  provider = aws.eu_west_1

  name = "${var.project}-receipts-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "s3.amazonaws.com"
        }
      },
    ]
  })
}
