import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as aws from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { App, Testing } from 'cdk8s';
import { useFakeAwsEnvironment } from './support/aws-env';
import { FakeCloudFormation } from './support/fake-cloudformation';
import { buildApp, RECORDED_OUTPUTS_FILE } from '../../examples/aws-cdk-outputs/app';
import { addAutoscalingAwsStack, AWS_STACK_NAME } from '../../examples/aws-cdk-outputs/aws-stack';
import { AwsCdkResolver } from '../../src/aws';
import { warningsOf } from '../../src/core/warnings';
import { expectValidManifests } from '../support/manifest-validator';
import { stepTable } from '../support/readme-steps';

// Synthesizing the AWS stack and running the SDK in a child process take a few seconds.
jest.setTimeout(60_000);

const DEPLOYED = {
  QueueUrl: 'https://sqs.us-east-1.amazonaws.com/222222222222/teste',
  KedaOperatorRoleArn: 'arn:aws:iam::222222222222:role/keda-operator',
  KedaSqsRoleArn: 'arn:aws:iam::222222222222:role/keda-sqs',
  KarpenterNodeRoleName: 'karpenter-node',
};

function synthAll(app: App): any[] {
  return app.charts.flatMap(chart => Testing.synth(chart));
}

function find(docs: any[], kind: string): any {
  return docs.find(d => d.kind === kind);
}

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aws-cdk-outputs-'));
}

const README = path.join(__dirname, '..', '..', 'examples', 'aws-cdk-outputs', 'README.md');

describe('the aws-cdk-outputs example', () => {
  test('feeds the deployed outputs read from CloudFormation into the ScaledObject, TriggerAuthentication and EC2NodeClass', async () => {
    const cloudFormation = await FakeCloudFormation.start({ stacks: { [AWS_STACK_NAME]: { outputs: DEPLOYED } } });
    const restoreEnv = useFakeAwsEnvironment(cloudFormation.endpoint, { AWS_REGION: undefined });
    try {
      const docs = synthAll(buildApp(outdir(), new AwsCdkResolver()));

      expect(find(docs, 'ScaledObject').spec.triggers[0].metadata).toEqual({ awsRegion: 'us-east-1', queueLength: '10', queueURL: DEPLOYED.QueueUrl });
      expect(find(docs, 'TriggerAuthentication').spec.podIdentity).toEqual({ provider: 'aws', roleArn: DEPLOYED.KedaSqsRoleArn });
      expect(find(docs, 'EC2NodeClass').spec.role).toBe(DEPLOYED.KarpenterNodeRoleName);
      // One DescribeStacks, in the region of the stack's env (AWS_REGION is unset).
      expect(await cloudFormation.requests()).toEqual([expect.objectContaining({ stackName: AWS_STACK_NAME, region: 'us-east-1' })]);
      expectValidManifests(docs);
      expect(docs).toMatchSnapshot();
    } finally {
      restoreEnv();
      await cloudFormation.stop();
    }
  });

  test('synthesizes offline from the recorded outputs, valid and without warnings', () => {
    const recorded = JSON.parse(fs.readFileSync(RECORDED_OUTPUTS_FILE, 'utf8'))[AWS_STACK_NAME];
    const app = buildApp(outdir());
    const docs = synthAll(app);

    expect(find(docs, 'ScaledObject').spec.triggers[0].metadata.queueURL).toBe(recorded.QueueUrl);
    expect(find(docs, 'TriggerAuthentication').spec.podIdentity.roleArn).toBe(recorded.KedaSqsRoleArn);
    expect(find(docs, 'EC2NodeClass').spec.role).toBe(recorded.KarpenterNodeRoleName);
    expectValidManifests(docs);
    expect(warningsOf(app)).toEqual([]);
  });

  test('runs the consumer under the restricted profile, as the curl image\'s own user, with nothing writable', () => {
    const app = buildApp(outdir());
    const pod = find(synthAll(app), 'Deployment').spec.template.spec;
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 101,
      runAsNonRoot: true,
      runAsUser: 100,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].volumeMounts).toBeUndefined();
    expect(pod.volumes).toBeUndefined();
  });

  describe('the README step table', () => {
    const { header, rows } = stepTable(fs.readFileSync(README, 'utf8'));
    const chartColumn = header.findIndex(h => h.startsWith('Chart'));
    const named = rows.flatMap(row => [...row[chartColumn].matchAll(/`([\w.-]+\.k8s\.yaml)`/g)].map(m => m[1]));

    test('has the columns source step, command, chart and what the user sees', () => {
      expect(header).toEqual(['Source step', 'Command', 'Chart (file in `examples/dist/aws-cdk-outputs/`)', 'What you see']);
      for (const row of rows) expect(row).toHaveLength(header.length);
    });

    test('names only charts that synthesize, and every chart that does, each applied in its row', () => {
      const dir = outdir();
      buildApp(dir).synth();
      const synthesized = fs.readdirSync(dir);
      for (const file of named) expect(synthesized).toContain(file);
      expect([...new Set(named)].sort()).toEqual([...synthesized].sort());
      for (const row of rows) {
        for (const [, file] of row[chartColumn].matchAll(/`([\w.-]+\.k8s\.yaml)`/g)) expect(row[1]).toContain(`kubectl apply -f $D/${file}`);
      }
    });
  });

  test('records exactly the outputs the AWS stack defines', () => {
    const stack = addAutoscalingAwsStack(new aws.App());
    const recorded = JSON.parse(fs.readFileSync(RECORDED_OUTPUTS_FILE, 'utf8'));

    expect(Object.keys(recorded)).toEqual([AWS_STACK_NAME]);
    expect(Object.keys(recorded[AWS_STACK_NAME]).sort()).toEqual(Object.keys(Template.fromStack(stack).findOutputs('*')).sort());
  });

  test('lets only the KEDA operator role assume the role that reads the queue', () => {
    const stack = addAutoscalingAwsStack(new aws.App());
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'Assumed by KEDA to read the length of the consumer queue',
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('KedaOperatorRole').node.defaultChild as aws.CfnElement), 'Arn'] } } }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'sqs:GetQueueAttributes', Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(stack.queue.node.defaultChild as aws.CfnElement), 'Arn'] } }] },
    });
  });
});
