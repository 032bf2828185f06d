import * as aws from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Name of the AWS CDK stack, as CloudFormation (and `cdk deploy --outputs-file`) knows it. */
export const AWS_STACK_NAME = 'eks-autoscaling-aws';

/** Adds the example's stack to an AWS CDK app, in the webinar lab's region. */
export function addAutoscalingAwsStack(awsApp: aws.App): AutoscalingAwsStack {
  return new AutoscalingAwsStack(awsApp, 'AutoscalingAws', { stackName: AWS_STACK_NAME, env: { region: 'us-east-1' } });
}

/**
 * The AWS side of the webinar's lab: the SQS queue the consumer drains, the role KEDA assumes to
 * read the queue's length, and the role of the nodes Karpenter launches. Each value the
 * manifests need is a CfnOutput, which is what AwsCdkResolver reads back at synth.
 */
export class AutoscalingAwsStack extends aws.Stack {
  public readonly queue: sqs.Queue;
  /** Assumed by the KEDA operator (roleArn of the TriggerAuthentication) to read queue attributes. */
  public readonly kedaSqsRole: iam.Role;
  /** The role of Karpenter's nodes; Karpenter creates their instance profile from it. */
  public readonly karpenterNodeRole: iam.Role;

  public constructor(scope: Construct, id: string, props: aws.StackProps) {
    super(scope, id, props);

    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: 'teste',
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });

    // The KEDA operator runs with its own identity (EKS Pod Identity on its service account) and
    // assumes this role for the scaler, so only KEDA's role is trusted (the lab's principal block on the KEDA role).
    const kedaOperatorRole = new iam.Role(this, 'KedaOperatorRole', {
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
      description: 'KEDA operator (EKS Pod Identity for keda/keda-operator)',
    });
    this.kedaSqsRole = new iam.Role(this, 'KedaSqsRole', {
      assumedBy: kedaOperatorRole,
      description: 'Assumed by KEDA to read the length of the consumer queue',
    });
    this.queue.grant(this.kedaSqsRole, 'sqs:GetQueueAttributes');

    this.karpenterNodeRole = new iam.Role(this, 'KarpenterNodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Nodes launched by Karpenter',
      managedPolicies: ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore']
        .map(name => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });

    new aws.CfnOutput(this, 'QueueUrl', { value: this.queue.queueUrl });
    new aws.CfnOutput(this, 'KedaOperatorRoleArn', { value: kedaOperatorRole.roleArn });
    new aws.CfnOutput(this, 'KedaSqsRoleArn', { value: this.kedaSqsRole.roleArn });
    new aws.CfnOutput(this, 'KarpenterNodeRoleName', { value: this.karpenterNodeRole.roleName });
  }
}
