// Catalog: AWS CDK — the CloudFormation type that each widely used aws-cdk-lib construct class synthesizes to, so
// that a CDK app read from source reuses the catalog entry of that type. Source: the aws-cdk-lib API reference
// (docs.aws.amazon.com/cdk/api/v2/), "Resource" of each construct. `Cfn*` (L1) classes map by name.

/** Construct class name (as imported: `Table`, `NodejsFunction`…) → the CloudFormation type of its main resource. */
export const cdkConstructTypes: Readonly<Record<string, string>> = {
  Function: 'AWS::Lambda::Function',
  NodejsFunction: 'AWS::Lambda::Function',
  DockerImageFunction: 'AWS::Lambda::Function',
  PythonFunction: 'AWS::Lambda::Function',
  GoFunction: 'AWS::Lambda::Function',
  SingletonFunction: 'AWS::Lambda::Function',
  Table: 'AWS::DynamoDB::Table',
  TableV2: 'AWS::DynamoDB::GlobalTable',
  Queue: 'AWS::SQS::Queue',
  Topic: 'AWS::SNS::Topic',
  Bucket: 'AWS::S3::Bucket',
  RestApi: 'AWS::ApiGateway::RestApi',
  LambdaRestApi: 'AWS::ApiGateway::RestApi',
  SpecRestApi: 'AWS::ApiGateway::RestApi',
  HttpApi: 'AWS::ApiGatewayV2::Api',
  WebSocketApi: 'AWS::ApiGatewayV2::Api',
  EventBus: 'AWS::Events::EventBus',
  Rule: 'AWS::Events::Rule',
  Schedule: 'AWS::Scheduler::Schedule',
  StateMachine: 'AWS::StepFunctions::StateMachine',
  Stream: 'AWS::Kinesis::Stream',
  DeliveryStream: 'AWS::KinesisFirehose::DeliveryStream',
  Cluster: 'AWS::ECS::Cluster',
  FargateService: 'AWS::ECS::Service',
  Ec2Service: 'AWS::ECS::Service',
  FargateTaskDefinition: 'AWS::ECS::TaskDefinition',
  ApplicationLoadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  NetworkLoadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  ApplicationLoadBalancedFargateService: 'AWS::ECS::Service',
  NetworkLoadBalancedFargateService: 'AWS::ECS::Service',
  QueueProcessingFargateService: 'AWS::ECS::Service',
  Vpc: 'AWS::EC2::VPC',
  DatabaseInstance: 'AWS::RDS::DBInstance',
  DatabaseCluster: 'AWS::RDS::DBCluster',
  ServerlessCluster: 'AWS::RDS::DBCluster',
  Secret: 'AWS::SecretsManager::Secret',
  StringParameter: 'AWS::SSM::Parameter',
  UserPool: 'AWS::Cognito::UserPool',
  Distribution: 'AWS::CloudFront::Distribution',
  GraphqlApi: 'AWS::AppSync::GraphQLApi',
  Key: 'AWS::KMS::Key',
  Role: 'AWS::IAM::Role',
  LogGroup: 'AWS::Logs::LogGroup',
  Repository: 'AWS::ECR::Repository',
  CfnReplicationGroup: 'AWS::ElastiCache::ReplicationGroup',
};

/** Constructs that expose a second resource worth a node (the load balancer of an ALB-fronted Fargate service). */
export const cdkPatternParts: Readonly<Record<string, { attr: string; cfnType: string; id: string }[]>> = {
  ApplicationLoadBalancedFargateService: [
    { attr: 'loadBalancer', cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: 'LB' },
  ],
  NetworkLoadBalancedFargateService: [
    { attr: 'loadBalancer', cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: 'LB' },
  ],
  QueueProcessingFargateService: [{ attr: 'sqsQueue', cfnType: 'AWS::SQS::Queue', id: 'EcsProcessingQueue' }],
};
