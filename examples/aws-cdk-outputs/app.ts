import * as path from 'path';
import * as aws from 'aws-cdk-lib';
import { App, Chart, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { addAutoscalingAwsStack } from './aws-stack';
import {
  AmiSelection, AwsCdkResolver, CapacityType, Ec2NodeClass, NodePool, PodIdentity, Requirement, ScaledObject, ScalerTrigger,
  ScaleTarget, TriggerAuthentication,
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
 * Seed 003's SQS producer/consumer scenario with its AWS resources defined in AWS CDK: the queue
 * URL and the KEDA role ARN flow into the ScaledObject and the TriggerAuthentication, the node
 * role name into Karpenter's EC2NodeClass, all resolved from the stack's CfnOutputs at synth.
 *
 * @param resolver reads the deployed outputs; by default the recorded ones. Pass
 *   `new AwsCdkResolver()` to read them from CloudFormation with your AWS credentials.
 */
export function buildApp(outdir: string, resolver: AwsCdkResolver = AwsCdkResolver.fromOutputsFile(RECORDED_OUTPUTS_FILE)): App {
  const awsStack = addAutoscalingAwsStack(new aws.App());

  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART, resolvers: [resolver] });

  const consumerChart = new Chart(app, 'sqs-consumer', { namespace: 'moc', disableResourceNameHashes: true });
  const consumer = new kplus.Deployment(consumerChart, 'consumer', {
    metadata: { name: 'consumer' },
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(consumerChart, 'moc-user', 'moc-user'),
    containers: [{
      name: 'curl-container',
      image: 'curlimages/curl:8.11.1',
      command: ['/bin/sh', '-c'],
      args: ['while true; do curl -s moc.moc.svc.cluster.local:8000/receive-message; sleep 5; done'],
      securityContext: { user: 100, group: 101 },
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      },
    }],
  });
  const authentication = new TriggerAuthentication(consumerChart, 'keda-aws', {
    metadata: { name: 'keda-trigger-auth-aws-credentials' },
    podIdentity: PodIdentity.aws({ roleArn: awsStack.kedaSqsRole.roleArn }),
  });
  new ScaledObject(consumerChart, 'moc-high-queue', {
    metadata: { name: 'moc-high-queue' },
    target: ScaleTarget.fromWorkload(consumer),
    // Seed 003 also sets pollingInterval 10s and cooldownPeriod 30s, which do nothing above zero replicas.
    minReplicas: 1,
    maxReplicas: 30,
    triggers: [ScalerTrigger.awsSqsQueue({
      queueUrl: awsStack.queue.queueUrl,
      // The URL is a token until synth, so the region cannot be read from it.
      region: awsStack.region,
      queueLength: 10,
      authentication,
    })],
  });

  const nodesChart = new Chart(app, 'karpenter-nodes', { disableResourceNameHashes: true });
  const discovery = { 'karpenter.sh/discovery': CLUSTER_NAME };
  const nodeClass = new Ec2NodeClass(nodesChart, 'spot', {
    metadata: { name: 'spotpool' },
    amiSelection: AmiSelection.bottlerocket('v1.20.3'),
    role: awsStack.karpenterNodeRole.roleName,
    subnetSelectorTerms: [{ tags: discovery }],
    securityGroupSelectorTerms: [{ tags: discovery }],
  });
  new NodePool(nodesChart, 'spotpool', {
    metadata: { name: 'spotpool' },
    nodeClass,
    requirements: [Requirement.capacityType(CapacityType.SPOT)],
    limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
  });

  return app;
}
