// Catalog: AWS SAM — which CloudFormation type each `AWS::Serverless::*` type becomes (so it reuses that type's
// entry), and what each SAM policy template grants. Source: the AWS SAM developer guide, "AWS SAM resources and
// properties" and "AWS SAM policy templates" (docs.aws.amazon.com/serverless-application-model/latest/developerguide/).

/** `AWS::Serverless::*` type → the CloudFormation type whose catalog entry describes it. */
export const samResourceTypes: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
  'AWS::Serverless::Application': 'AWS::CloudFormation::Stack',
  'AWS::Serverless::GraphQLApi': 'AWS::AppSync::GraphQLApi',
};

/** What a SAM policy template lets the function do to the resource named by `param`. */
export interface SamPolicyTemplate {
  /** The template parameter that names the resource (`TableName`, `QueueName`…). */
  param: string;
  /** The CloudFormation type of that resource, to find it by name when the parameter is literal text. */
  cfnType: string;
  /** Representative IAM actions of the template (the full lists are in the SAM policy template table). */
  actions: readonly string[];
}

const t = (param: string, cfnType: string, ...actions: string[]): SamPolicyTemplate => ({
  param,
  cfnType,
  actions,
});

const TABLE = 'AWS::DynamoDB::Table';
const BUCKET = 'AWS::S3::Bucket';
const QUEUE = 'AWS::SQS::Queue';
const TOPIC = 'AWS::SNS::Topic';
const STREAM = 'AWS::Kinesis::Stream';

/** SAM policy templates by name. */
export const samPolicyTemplates: Readonly<Record<string, SamPolicyTemplate>> = {
  DynamoDBCrudPolicy: t('TableName', TABLE, 'dynamodb:GetItem', 'dynamodb:PutItem'),
  DynamoDBReadPolicy: t('TableName', TABLE, 'dynamodb:GetItem', 'dynamodb:Query'),
  DynamoDBWritePolicy: t('TableName', TABLE, 'dynamodb:PutItem', 'dynamodb:UpdateItem'),
  DynamoDBReconfigurePolicy: t('TableName', TABLE, 'dynamodb:UpdateTable'),
  DynamoDBRestoreFromBackupPolicy: t('TableName', TABLE, 'dynamodb:RestoreTableFromBackup'),
  DynamoDBStreamReadPolicy: t('TableName', TABLE, 'dynamodb:GetRecords'),
  DynamoDBBackupFullAccessPolicy: t('TableName', TABLE, 'dynamodb:CreateBackup'),
  S3CrudPolicy: t('BucketName', BUCKET, 's3:GetObject', 's3:PutObject'),
  S3ReadPolicy: t('BucketName', BUCKET, 's3:GetObject'),
  S3WritePolicy: t('BucketName', BUCKET, 's3:PutObject'),
  S3FullAccessPolicy: t('BucketName', BUCKET, 's3:GetObject', 's3:PutObject'),
  SQSSendMessagePolicy: t('QueueName', QUEUE, 'sqs:SendMessage'),
  SQSPollerPolicy: t('QueueName', QUEUE, 'sqs:ReceiveMessage', 'sqs:DeleteMessage'),
  SNSPublishMessagePolicy: t('TopicName', TOPIC, 'sns:Publish'),
  SNSCrudPolicy: t('TopicName', TOPIC, 'sns:Publish'),
  KinesisCrudPolicy: t('StreamName', STREAM, 'kinesis:PutRecord', 'kinesis:GetRecords'),
  KinesisStreamReadPolicy: t('StreamName', STREAM, 'kinesis:GetRecords'),
  FirehoseWritePolicy: t('DeliveryStreamName', 'AWS::KinesisFirehose::DeliveryStream', 'firehose:PutRecord'),
  FirehoseCrudPolicy: t('DeliveryStreamName', 'AWS::KinesisFirehose::DeliveryStream', 'firehose:PutRecord'),
  LambdaInvokePolicy: t('FunctionName', 'AWS::Lambda::Function', 'lambda:InvokeFunction'),
  StepFunctionsExecutionPolicy: t(
    'StateMachineName',
    'AWS::StepFunctions::StateMachine',
    'states:StartExecution',
  ),
  EventBridgePutEventsPolicy: t('EventBusName', 'AWS::Events::EventBus', 'events:PutEvents'),
  SSMParameterReadPolicy: t('ParameterName', 'AWS::SSM::Parameter', 'ssm:GetParameter'),
  SSMParameterWithSlashPrefixReadPolicy: t('ParameterName', 'AWS::SSM::Parameter', 'ssm:GetParameter'),
  AWSSecretsManagerGetSecretValuePolicy: t(
    'SecretArn',
    'AWS::SecretsManager::Secret',
    'secretsmanager:GetSecretValue',
  ),
  ElasticsearchHttpPostPolicy: t('DomainName', 'AWS::OpenSearchService::Domain', 'es:ESHttpPost'),
};
