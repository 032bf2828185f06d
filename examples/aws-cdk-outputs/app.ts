import * as path from 'path';
import * as aws from 'aws-cdk-lib';
import { App, Chart, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { addAutoscalingAwsStack } from './aws-stack';
import {
  AmiSelection, AwsCdkResolver, CapacityType, Ec2NodeClass, NodePool, PodIdentity, PodSecurity, Requirement, ScaledObject, ScalerTrigger,
  TriggerAuthentication, WorkloadReference,
} from '../../src';

/** The cluster whose subnets and security groups carry the `karpenter.sh/discovery` tag. */
const CLUSTER_NAME = 'webinar-eks';

/**
 * Outputs of the AWS stack as `cdk deploy --outputs-file` writes them. The checked-in file holds
 * placeholder values (account 111111111111) so `npm run synth` runs offline; deploying the stack
 * with `--outputs-file deployed-outputs.json` replaces them with the real ones.
 */
export const RECORDED_OUTPUTS_FILE = path.join(__dirname, 'deployed-outputs.json');

/**
 * The image's own user and group: curl-container's build creates `curl_user` in `curl_group` on Alpine
 * and runs as it (see the README).
 */
const CURL_USER = { user: 100, group: 101 };

/** Properties of the SQS consumer chart: AWS CDK attributes, tokens until the resolver reads the deployed outputs. */
export interface SqsConsumerChartProps {
  /** URL of the queue the consumer drains. */
  readonly queueUrl: string;
  /** Region of the queue; the URL is a token until synth, so it cannot be read from it. */
  readonly queueRegion: string;
  /** ARN of the role KEDA's operator assumes to read the queue's length. */
  readonly kedaRoleArn: string;
}

/**
 * The `consumer` Deployment, scaled by KEDA on the depth of the SQS queue (1 to 30 replicas, one per
 * 10 messages). The namespace `moc` and the ServiceAccount `moc-user` are not part of this chart.
 */
export class SqsConsumerChart extends Chart {
  public constructor(scope: Construct, id: string, props: SqsConsumerChartProps) {
    super(scope, id, { namespace: 'moc', disableResourceNameHashes: true });
    const consumer = new kplus.Deployment(this, 'consumer', {
      metadata: { name: 'consumer' },
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(this, 'moc-user', 'moc-user'),
      containers: [PodSecurity.restrictedContainer({
        name: 'curl-container',
        image: 'curlimages/curl:8.11.1',
        command: ['/bin/sh', '-c'],
        args: ['while true; do curl -s moc.moc.svc.cluster.local:8000/receive-message; sleep 5; done'],
        // curl prints to stdout and writes no file, so the read-only root needs no writable mount.
        securityContext: CURL_USER,
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
        },
      })],
    });
    const authentication = new TriggerAuthentication(this, 'keda-aws', {
      metadata: { name: 'keda-trigger-auth-aws-credentials' },
      podIdentity: PodIdentity.aws({ roleArn: props.kedaRoleArn }),
    });
    new ScaledObject(this, 'moc-high-queue', {
      metadata: { name: 'moc-high-queue' },
      target: WorkloadReference.fromWorkload(consumer),
      minReplicas: 1,
      maxReplicas: 30,
      triggers: [ScalerTrigger.awsSqsQueue({
        queueUrl: props.queueUrl,
        region: props.queueRegion,
        queueLength: 10,
        authentication,
      })],
    });
  }
}

/** Properties of the Karpenter chart. */
export interface KarpenterNodesChartProps {
  /** Name of the IAM role of the nodes; Karpenter creates their instance profile from it. */
  readonly nodeRoleName: string;
}

/** A Spot NodePool on Bottlerocket, whose EC2NodeClass finds subnets and security groups by the discovery tag. */
export class KarpenterNodesChart extends Chart {
  public constructor(scope: Construct, id: string, props: KarpenterNodesChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const discovery = { 'karpenter.sh/discovery': CLUSTER_NAME };
    const nodeClass = new Ec2NodeClass(this, 'spot', {
      metadata: { name: 'spotpool' },
      amiSelection: AmiSelection.bottlerocket('v1.20.3'),
      role: props.nodeRoleName,
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
    });
    new NodePool(this, 'spotpool', {
      metadata: { name: 'spotpool' },
      nodeClass,
      requirements: [Requirement.capacityType(CapacityType.SPOT)],
      limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
    });
  }
}

/**
 * The webinar's SQS producer/consumer scenario with its AWS resources defined in AWS CDK: the queue
 * URL and the KEDA role ARN flow into the ScaledObject and the TriggerAuthentication, the node
 * role name into Karpenter's EC2NodeClass, all resolved from the stack's CfnOutputs at synth.
 *
 * @param resolver reads the deployed outputs; by default the recorded ones. Pass
 *   `new AwsCdkResolver()` to read them from CloudFormation with your AWS credentials.
 */
export function buildApp(outdir: string, resolver: AwsCdkResolver = AwsCdkResolver.fromOutputsFile(RECORDED_OUTPUTS_FILE)): App {
  const awsStack = addAutoscalingAwsStack(new aws.App());

  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART, resolvers: [resolver] });
  new SqsConsumerChart(app, 'sqs-consumer', {
    queueUrl: awsStack.queue.queueUrl,
    queueRegion: awsStack.region,
    kedaRoleArn: awsStack.kedaSqsRole.roleArn,
  });
  new KarpenterNodesChart(app, 'karpenter-nodes', { nodeRoleName: awsStack.karpenterNodeRole.roleName });

  PodSecurity.enforceRestricted(app);
  return app;
}
