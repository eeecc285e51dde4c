# ledger-web (aws_iam_instance_profile.web)
resource "aws_iam_instance_profile" "web" {
  provider = aws.us_east_1

  name = "${var.project}-web"
  role = aws_iam_role.web.name
}

# ledger-web (aws_iam_role.web)
resource "aws_iam_role" "web" {
  provider = aws.us_east_1

  name = "${var.project}-web"
  # TODO(archmap): which service assumes this role?
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          Service = "ec2.amazonaws.com"
        }
      },
    ]
  })
}

# web[0] (aws_instance.web[0])
resource "aws_instance" "web" {
  count    = 2
  provider = aws.us_east_1

  # TODO(archmap): choose the AMI (a variable keeps it out of the code).
  ami                    = var.web_ami
  instance_type          = "m6i.large"
  subnet_id              = aws_subnet.private_a.id
  vpc_security_group_ids = [aws_security_group.web.id]
  monitoring             = true

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted   = true
    volume_size = 30
  }
}
