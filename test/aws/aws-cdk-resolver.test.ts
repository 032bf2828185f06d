import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as aws from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import { useFakeAwsEnvironment, FAKE_ACCESS_KEY_ID } from './support/aws-env';
import { FakeCloudFormation } from './support/fake-cloudformation';
import * as keda from '../../imports/keda-scaledobjects-keda.sh';
import * as kedaAuth from '../../imports/keda-triggerauthentications-keda.sh';
import { AwsCdkResolver, AwsCdkResolverProps } from '../../src/aws';
import { expectValidManifests } from '../support/manifest-validator';

// Each DescribeStacks runs the AWS SDK in a child node process; allow for slow machines.
jest.setTimeout(60_000);

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/111111111111/orders';
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:111111111111:orders';
const KEDA_ROLE_ARN = 'arn:aws:iam::111111111111:role/keda-operator';

let cloudFormation: FakeCloudFormation;
let restoreEnv: () => void;

beforeAll(async () => {
  cloudFormation = await FakeCloudFormation.start({
    stacks: {
      'autoscaling': { outputs: { QueueUrl: QUEUE_URL, QueueArn: QUEUE_ARN, KedaRoleArn: KEDA_ROLE_ARN, QueuePath: `${QUEUE_URL}/x` } },
      'west': { outputs: { QueueUrl: 'https://sqs.us-west-2.amazonaws.com/111111111111/west' } },
      'half-deployed': { outputs: {}, status: 'UPDATE_ROLLBACK_COMPLETE' },
    },
    failures: {
      forbidden: { httpStatus: 403, code: 'AccessDenied', message: 'User is not authorized to perform: cloudformation:DescribeStacks' },
    },
  });
});

afterAll(async () => {
  await cloudFormation.stop();
});

beforeEach(() => {
  restoreEnv = useFakeAwsEnvironment(cloudFormation.endpoint);
});

afterEach(() => {
  restoreEnv();
});

/** An AWS CDK app with seed 003's queue and the KEDA role, exported as outputs. */
function awsStack(stackName = 'autoscaling', env?: aws.Environment) {
  const awsApp = new aws.App();
  const stack = new aws.Stack(awsApp, 'AutoscalingStack', { stackName, env });
  const queue = new sqs.Queue(stack, 'Queue');
  const kedaRole = new iam.Role(stack, 'KedaRole', { assumedBy: new iam.AccountRootPrincipal() });
  new aws.CfnOutput(stack, 'QueueUrl', { value: queue.queueUrl });
  new aws.CfnOutput(stack, 'QueueArn', { value: queue.queueArn });
  new aws.CfnOutput(stack, 'KedaRoleArn', { value: kedaRole.roleArn });
  return { awsApp, stack, queue, kedaRole };
}

function chartWith(props: AwsCdkResolverProps = {}) {
  const app = Testing.app({ resolvers: [new AwsCdkResolver(props)] });
  return new Chart(app, 'chart', { disableResourceNameHashes: true });
}

function configMap(chart: Chart, data: { [key: string]: unknown }) {
  return new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data });
}

/** The message Testing.synth throws, so tests can check each part of it. */
function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e: any) {
    return e.message;
  }
  throw new Error('expected synthesis to fail');
}

describe('resolving from CloudFormation', () => {
  test('replaces CfnOutput tokens in a ScaledObject and a TriggerAuthentication by the deployed values', async () => {
    const { queue, kedaRole } = awsStack();
    const chart = chartWith();
    new kedaAuth.TriggerAuthentication(chart, 'auth', {
      metadata: { name: 'keda-aws', namespace: 'moc' },
      spec: { podIdentity: { provider: kedaAuth.TriggerAuthenticationSpecPodIdentityProvider.AWS, roleArn: kedaRole.roleArn } },
    });
    new keda.ScaledObject(chart, 'consumer', {
      metadata: { name: 'consumer', namespace: 'moc' },
      spec: {
        scaleTargetRef: { name: 'consumer' },
        triggers: [{
          type: 'aws-sqs-queue',
          authenticationRef: { name: 'keda-aws' },
          metadata: { queueURL: queue.queueUrl, queueLength: '10', awsRegion: 'eu-west-1' },
        }],
      },
    });

    const docs = Testing.synth(chart);
    expect(docs[0].spec.podIdentity.roleArn).toBe(KEDA_ROLE_ARN);
    expect(docs[1].spec.triggers[0].metadata.queueURL).toBe(QUEUE_URL);
    expectValidManifests(docs);
    expect(docs).toMatchSnapshot();
  });

  test('reads each stack once per synth, signed with the configured credentials and region', async () => {
    const { queue, kedaRole } = awsStack();
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl, arn: queue.queueArn, role: kedaRole.roleArn });
    const before = (await cloudFormation.requests()).length;

    expect(Testing.synth(chart)[0].data).toEqual({ url: QUEUE_URL, arn: QUEUE_ARN, role: KEDA_ROLE_ARN });
    expect((await cloudFormation.requests()).slice(before)).toEqual([
      { action: 'DescribeStacks', stackName: 'autoscaling', accessKeyId: FAKE_ACCESS_KEY_ID, region: 'eu-west-1' },
    ]);
  });

  test('reads a stack from the region of its env rather than the SDK region', async () => {
    const { queue } = awsStack('west', { region: 'us-west-2' });
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });
    const before = (await cloudFormation.requests()).length;

    expect(Testing.synth(chart)[0].data.url).toBe('https://sqs.us-west-2.amazonaws.com/111111111111/west');
    expect((await cloudFormation.requests()).slice(before).map(r => r.region)).toEqual(['us-west-2']);
  });

  test('reads environment-agnostic stacks from the resolver region when one is given', async () => {
    const { queue } = awsStack();
    const chart = chartWith({ region: 'ap-southeast-2' });
    configMap(chart, { url: queue.queueUrl });
    const before = (await cloudFormation.requests()).length;

    Testing.synth(chart);
    expect((await cloudFormation.requests()).slice(before).map(r => r.region)).toEqual(['ap-southeast-2']);
  });

  test('uses AWS_ENDPOINT_URL when no CloudFormation-specific endpoint is set', () => {
    restoreEnv();
    restoreEnv = useFakeAwsEnvironment(cloudFormation.endpoint, {
      AWS_ENDPOINT_URL_CLOUDFORMATION: undefined,
      AWS_ENDPOINT_URL: cloudFormation.endpoint,
    });
    const { queue } = awsStack();
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });

    expect(Testing.synth(chart)[0].data.url).toBe(QUEUE_URL);
  });

  test('resolves each token inside a longer string from its own output', () => {
    const { queue, kedaRole } = awsStack();
    const chart = chartWith();
    configMap(chart, { both: `queue=${queue.queueUrl} role=${kedaRole.roleArn}` });

    expect(Testing.synth(chart)[0].data.both).toBe(`queue=${QUEUE_URL} role=${KEDA_ROLE_ARN}`);
  });

  test('resolves a concatenated string that is itself the value of a CfnOutput', () => {
    const { stack, queue } = awsStack();
    const queuePath = `${queue.queueUrl}/x`;
    new aws.CfnOutput(stack, 'QueuePath', { value: queuePath });
    const chart = chartWith();
    configMap(chart, { path: queuePath });

    expect(Testing.synth(chart)[0].data.path).toBe(`${QUEUE_URL}/x`);
  });

  test('leaves values without tokens untouched and calls no endpoint', async () => {
    const chart = chartWith();
    configMap(chart, { plain: 'https://example.com/${NOT_A_TOKEN}' });
    const before = (await cloudFormation.requests()).length;

    expect(Testing.synth(chart)[0].data.plain).toBe('https://example.com/${NOT_A_TOKEN}');
    expect((await cloudFormation.requests()).length).toBe(before);
  });
});

describe('resolving from recorded outputs', () => {
  test('uses outputs supplied in the props without calling CloudFormation', async () => {
    const { queue } = awsStack();
    const chart = chartWith({ outputs: { autoscaling: { QueueUrl: 'https://recorded/queue' } } });
    configMap(chart, { url: queue.queueUrl });
    const before = (await cloudFormation.requests()).length;

    expect(Testing.synth(chart)[0].data.url).toBe('https://recorded/queue');
    expect((await cloudFormation.requests()).length).toBe(before);
  });

  test('reads the file `cdk deploy --outputs-file` writes, props taking precedence', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outputs-')), 'cdk-outputs.json');
    fs.writeFileSync(file, JSON.stringify({ autoscaling: { QueueUrl: 'https://from-file/queue', KedaRoleArn: 'arn:from-file' } }));
    const { queue, kedaRole } = awsStack();
    const app = Testing.app({ resolvers: [AwsCdkResolver.fromOutputsFile(file, { outputs: { other: { X: 'y' } } })] });
    configMap(new Chart(app, 'chart'), { url: queue.queueUrl, role: kedaRole.roleArn });

    expect(Testing.synth(app.charts[0])[0].data).toEqual({ url: 'https://from-file/queue', role: 'arn:from-file' });
  });

  test('resolves a token that references no resource from the stack given as awsScope', () => {
    const { stack } = awsStack();
    new aws.CfnOutput(stack, 'Region', { value: aws.Aws.REGION });
    const chart = chartWith({ awsScope: stack, outputs: { autoscaling: { Region: 'eu-central-1' } } });
    configMap(chart, { region: aws.Aws.REGION });

    expect(Testing.synth(chart)[0].data.region).toBe('eu-central-1');
  });
});

describe('errors', () => {
  test('fails when no CfnOutput carries the token, naming the stacks inspected', () => {
    const { queue } = awsStack();
    const chart = chartWith();
    configMap(chart, { name: queue.queueName });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.name: got "${Token[');
    expect(message).toContain('the reference to AutoscalingStack/Queue/Resource');
    expect(message).toContain('is not the value of any CfnOutput in the stacks inspected (autoscaling (AutoscalingStack))');
    expect(message).toContain('add `new CfnOutput(');
  });

  test('fails on a token without CfnOutput inside a longer string, naming that token', () => {
    const { queue } = awsStack();
    const chart = chartWith();
    const value = `url=${queue.queueUrl} name=${queue.queueName}`;
    configMap(chart, { both: value });

    const message = synthError(chart);
    expect(message).toContain(`[chart/settings] data.both: got ${JSON.stringify(value)}`);
    expect(message).toContain(`the reference to AutoscalingStack/Queue/Resource (QueueName) ${queue.queueName} is not the value of any CfnOutput`);
  });

  test('fails when CloudFormation has no such stack', () => {
    const { queue } = awsStack('never-deployed');
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.url: got "${Token[');
    expect(message).toContain(`CloudFormation has no stack "never-deployed" in eu-west-1 (region from the AWS SDK: AWS_REGION or the profile) at ${cloudFormation.endpoint}/`);
    expect(message).toContain('Stack with id never-deployed does not exist');
    expect(message).toContain('deploy it (cdk deploy never-deployed)');
  });

  test('fails when the deployed stack has no such output, listing the ones it has', () => {
    const { queue } = awsStack('half-deployed');
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.url: got "${Token[');
    expect(message).toContain('stack "half-deployed" in eu-west-1');
    expect(message).toContain('(status UPDATE_ROLLBACK_COMPLETE) has no output "QueueUrl" (the value of AutoscalingStack/QueueUrl); it has: none');
  });

  test('fails when no region is configured anywhere', () => {
    restoreEnv();
    restoreEnv = useFakeAwsEnvironment(cloudFormation.endpoint, { AWS_REGION: undefined });
    const { queue } = awsStack();
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.url: got "${Token[');
    expect(message).toContain('cannot read output "QueueUrl" of stack "autoscaling": no AWS region');
    expect(message).toContain('set AWS_REGION');
  });

  test('fails when the default credential chain finds no credentials', () => {
    restoreEnv();
    restoreEnv = useFakeAwsEnvironment(cloudFormation.endpoint, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const { queue } = awsStack();
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.url: got "${Token[');
    expect(message).toContain('cannot read output "QueueUrl" of stack "autoscaling" in eu-west-1');
    expect(message).toContain('no AWS credentials (CredentialsProviderError: Could not load credentials from any providers)');
  });

  test('fails with the service error when DescribeStacks is refused', () => {
    const { queue } = awsStack('forbidden');
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.url: got "${Token[');
    expect(message).toContain('DescribeStacks of stack "forbidden" in eu-west-1');
    expect(message).toContain('failed: AccessDenied: User is not authorized to perform: cloudformation:DescribeStacks');
  });

  test('fails on a number token, since CloudFormation outputs are strings', () => {
    const { queue } = awsStack();
    const chart = chartWith();
    const replicas = aws.Token.asNumber(queue.queueUrl);
    configMap(chart, { replicas });

    const message = synthError(chart);
    expect(message).toContain(`[chart/settings] data.replicas: got ${replicas}`);
    expect(message).toContain('a number token cannot be resolved: CloudFormation outputs are strings; use Token.asString(...)');
  });

  test('fails on a list token, since CloudFormation outputs are strings', () => {
    const { queue } = awsStack();
    const chart = chartWith();
    const list = aws.Token.asList(queue.queueUrl);
    configMap(chart, { list });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.list: got ["#{Token[');
    expect(message).toContain('a list token cannot be resolved');
    expect(message).toContain("Fn.join(',', list)");
  });

  test('fails on a token that references no resource when awsScope is not given', () => {
    awsStack();
    const chart = chartWith();
    configMap(chart, { region: aws.Aws.REGION });

    const message = synthError(chart);
    expect(message).toContain(`[chart/settings] data.region: got ${JSON.stringify(aws.Aws.REGION)}`);
    expect(message).toContain('it references no resource, so the AWS CDK app to search is unknown: pass `awsScope`');
  });

  test('fails when CfnOutputs in different stacks carry a token whose value may differ between them', () => {
    const awsApp = new aws.App();
    for (const id of ['One', 'Two']) new aws.CfnOutput(new aws.Stack(awsApp, id), 'Region', { value: aws.Aws.REGION });
    const chart = chartWith({ awsScope: awsApp });
    configMap(chart, { region: aws.Aws.REGION });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.region: got');
    expect(message).toContain('is the value of CfnOutputs in different stacks (One/Region, Two/Region)');
    expect(message).toContain('pass `awsScope` to choose the stack');
  });

  test('fails when the CfnOutput is in a nested stack', () => {
    const { stack } = awsStack();
    const nested = new aws.NestedStack(stack, 'Nested');
    const queue = new sqs.Queue(nested, 'NestedQueue');
    new aws.CfnOutput(nested, 'NestedQueueUrl', { value: queue.queueUrl });
    const chart = chartWith();
    configMap(chart, { url: queue.queueUrl });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.url: got "${Token[');
    expect(message).toContain('is in a nested stack');
    expect(message).toContain('add the CfnOutput to a top-level stack');
  });

  test('fails when the supplied outputs of a stack lack the output', () => {
    const { queue } = awsStack();
    const chart = chartWith({ outputs: { autoscaling: { Other: 'x' } } });
    configMap(chart, { url: queue.queueUrl });

    const message = synthError(chart);
    expect(message).toContain('[chart/settings] data.url: got "${Token[');
    expect(message).toContain('the supplied outputs of stack "autoscaling" have no "QueueUrl" (the value of AutoscalingStack/QueueUrl); they have: Other');
  });

  test('names the position of a token inside a list in the field', () => {
    const { queue } = awsStack();
    const chart = chartWith();
    configMap(chart, { urls: ['plain', queue.queueName] });

    expect(synthError(chart)).toContain('[chart/settings] data.urls[1]: got "${Token[');
  });
});

describe('options', () => {
  test('throws on a region that is not an AWS region code', () => {
    expect(() => new AwsCdkResolver({ region: 'Ireland' }))
      .toThrow('[AwsCdkResolver] region: got "Ireland"; must be an AWS region code such as "us-east-1" or "eu-west-1" (GEN-38)');
  });

  test('throws on a timeout below one millisecond', () => {
    expect(() => new AwsCdkResolver({ timeout: Duration.millis(0.5) }))
      .toThrow('[AwsCdkResolver] timeout: got "0.5 millis"; must be a positive whole number of milliseconds (GEN-39)');
  });

  test('throws on supplied outputs whose values are not strings', () => {
    expect(() => new AwsCdkResolver({ outputs: { autoscaling: { Port: 8080 as unknown as string } } }))
      .toThrow('[AwsCdkResolver] outputs["autoscaling"]["Port"]: got 8080; must be a string (CloudFormation output values are strings) (GEN-40)');
  });

  test('throws on an outputs file that does not exist', () => {
    expect(() => AwsCdkResolver.fromOutputsFile('/nonexistent/cdk-outputs.json'))
      .toThrow(/^\[AwsCdkResolver\] outputsFile: got "\/nonexistent\/cdk-outputs.json"; must be a readable JSON file as written by `cdk deploy --outputs-file` \(ENOENT/);
  });

  test('throws on an outputs file that is not a map of stacks', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outputs-')), 'cdk-outputs.json');
    fs.writeFileSync(file, JSON.stringify({ autoscaling: ['QueueUrl'] }));
    expect(() => AwsCdkResolver.fromOutputsFile(file))
      .toThrow(`[AwsCdkResolver] outputsFile ${file}["autoscaling"]: got ["QueueUrl"]; must map output keys to string values (GEN-40)`);
  });

  test('is accepted as an App resolver with no options', () => {
    const app = new App({ resolvers: [new AwsCdkResolver()] });
    expect(app.resolvers[0]).toBeInstanceOf(AwsCdkResolver);
  });
});
