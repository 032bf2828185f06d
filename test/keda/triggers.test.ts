import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { deployment, docOf, expectMessage, newChart, synthApp, synthFailure, thrownBy } from './support';
import { WorkloadReference } from '../../src/common/references';
import { warningsOf } from '../../src/core/warnings';
import {
  AwsSqsQueueTriggerOptions, MetricTargetType, PodIdentity, PrometheusAuthMode, PrometheusTriggerOptions, ScaledObject, ScalerTrigger,
  SqsIdentityOwner, TriggerAuthentication,
} from '../../src/keda';
import { expectValidManifests } from '../support/manifest-validator';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/707257249187/orders';

/** A chart in namespace `shop` with a Deployment `web`, a TriggerAuthentication `aws` and a ScaledObject `so` (min 1). */
function setup(resources: kplus.ContainerResources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(128) } }) {
  const { app, chart } = newChart('shop');
  const web = deployment(chart, 'web', resources);
  const aws = new TriggerAuthentication(chart, 'aws', { metadata: { name: 'aws' }, podIdentity: PodIdentity.aws() });
  const so = new ScaledObject(chart, 'so', { metadata: { name: 'web' }, target: WorkloadReference.fromWorkload(web), minReplicas: 1 });
  return { app, chart, web, aws, so };
}

/** The synthesized trigger after adding `trigger` to a fresh ScaledObject; checks the schema on the way. */
function rendered(make: (s: ReturnType<typeof setup>) => ScalerTrigger): any {
  const s = setup();
  s.so.addTrigger(make(s));
  const docs = synthApp(s.app);
  expectValidManifests(docs);
  return docOf(docs, 'ScaledObject').spec.triggers[0];
}

function addFails(make: (s: ReturnType<typeof setup>) => ScalerTrigger): string {
  const s = setup();
  return thrownBy(() => s.so.addTrigger(make(s)));
}

const PROM: PrometheusTriggerOptions = { serverAddress: 'http://prometheus-operated.monitoring.svc:9090', query: 'sum(rate(http_requests_total[1m]))', threshold: 10 };

describe('prometheus trigger', () => {
  test('renders every option as KEDA metadata strings', () => {
    const trigger = rendered(({ aws }) => ScalerTrigger.prometheus({
      ...PROM,
      name: 'rps',
      threshold: 0.5,
      activationThreshold: 1,
      namespace: 'tenant-a',
      customHeaders: { 'X-Scope-OrgID': 'shop', 'X-Env': 'prod' },
      queryParameters: { dedup: 'true' },
      ignoreNullValues: false,
      awsRegion: 'eu-west-1',
      timeout: Duration.seconds(3),
      metricType: MetricTargetType.VALUE,
      useCachedMetrics: true,
      authentication: aws,
    }));
    expect(trigger).toEqual({
      type: 'prometheus',
      name: 'rps',
      metricType: 'Value',
      useCachedMetrics: true,
      authenticationRef: { name: 'aws' },
      metadata: {
        serverAddress: 'http://prometheus-operated.monitoring.svc:9090',
        query: 'sum(rate(http_requests_total[1m]))',
        threshold: '0.5',
        activationThreshold: '1',
        namespace: 'tenant-a',
        customHeaders: 'X-Scope-OrgID=shop,X-Env=prod',
        queryParameters: 'dedup=true',
        ignoreNullValues: 'false',
        awsRegion: 'eu-west-1',
        timeout: '3000',
      },
    });
  });

  test('writes authModes for credentials from a secret-based TriggerAuthentication', () => {
    const trigger = rendered(({ chart }) => ScalerTrigger.prometheus({
      ...PROM,
      authModes: [PrometheusAuthMode.BEARER, PrometheusAuthMode.TLS],
      authentication: new TriggerAuthentication(chart, 'bearer', {
        secretTargets: [{ parameter: 'bearerToken', secret: kplus.Secret.fromSecretName(chart, 's', 'prom-token'), key: 'token' }],
      }),
    }));
    expect(trigger.metadata.authModes).toBe('bearer,tls');
  });

  test('accepts unsafeSsl when the ScaledObject opts in', () => {
    const { app, chart } = newChart('shop');
    new ScaledObject(chart, 'so', {
      target: WorkloadReference.fromName({ name: 'web' }),
      allowUnsafeSsl: true,
      triggers: [ScalerTrigger.prometheus({ ...PROM, unsafeSsl: true })],
    });
    expect(docOf(synthApp(app), 'ScaledObject').spec.triggers[0].metadata.unsafeSsl).toBe('true');
  });

  test('warns on a query without top-level aggregation, and not on aggregated ones', () => {
    const s = setup();
    s.so.addTrigger(ScalerTrigger.prometheus({ ...PROM, query: 'rate(http_requests_total[1m])' }));
    s.so.addTrigger(ScalerTrigger.prometheus({ ...PROM, query: 'histogram_quantile(0.9, sum(rate(x_bucket[1m])) by (le))' }));
    expect(warningsOf(s.chart)).toEqual([expect.stringContaining('[test/so] triggers[0].query: "rate(http_requests_total[1m])" has no top-level aggregation')]);
  });

  test.each<[string, Partial<PrometheusTriggerOptions>, string, string, string]>([
    ['a server address without scheme', { serverAddress: 'prometheus:9090' }, 'triggers[0].serverAddress', '"prometheus:9090"', 'must be an http:// or https:// URL'],
    ['credentials in the server address', { serverAddress: 'https://admin:hunter2@prom.example.com' }, 'triggers[0].serverAddress',
      '"https://<redacted>@prom.example.com/"', 'must not embed credentials'],
    ['an empty query', { query: '  ' }, 'triggers[0].query', '"  "', 'must be a PromQL query'],
    ['a zero threshold', { threshold: 0 }, 'triggers[0].threshold', 'got 0', 'must be a number > 0'],
    ['a NaN threshold', { threshold: NaN }, 'triggers[0].threshold', 'got NaN', 'must be a number > 0'],
    ['a negative activation threshold', { activationThreshold: -1 }, 'triggers[0].activationThreshold', 'got -1', 'must be a number >= 0'],
    ['a namespace that is not a DNS label', { namespace: 'Tenant A' }, 'triggers[0].namespace', '"Tenant A"', 'must be a DNS-1123 label'],
    ['an Authorization header', { customHeaders: { Authorization: 'Bearer x' } }, 'triggers[0].customHeaders key', '"Authorization"', 'must not carry credentials'],
    ['a header value with a comma', { customHeaders: { 'X-A': 'a,b' } }, 'triggers[0].customHeaders["X-A"]', '"a,b"', 'must not contain "=" or ","'],
    ['a query parameter key with "="', { queryParameters: { 'a=b': 'c' } }, 'triggers[0].queryParameters key', '"a=b"', 'must be non-empty without "="'],
    ['a sub-millisecond timeout', { timeout: Duration.millis(0.5) }, 'triggers[0].timeout', 'got', 'must be a positive whole number of milliseconds'],
    ['a malformed region', { awsRegion: 'US-EAST-1' }, 'triggers[0].awsRegion', '"US-EAST-1"', 'must be an AWS region'],
    ['authModes without authentication', { authModes: [PrometheusAuthMode.BASIC] }, 'triggers[0].authModes', '["basic"]', 'needs authentication'],
    ['empty authModes', { authModes: [] }, 'triggers[0].authModes', 'got []', 'must list at least one mode'],
    ['unsafeSsl without the opt-in', { unsafeSsl: true }, 'triggers[0].unsafeSsl', 'got true', 'set allowUnsafeSsl: true on the ScaledObject'],
    ['a Utilization metric type', { metricType: MetricTargetType.UTILIZATION }, 'triggers[0].metricType', '"Utilization"', 'must be AverageValue or Value'],
    ['a trigger name with spaces', { name: 'my trigger' }, 'triggers[0].name', '"my trigger"', 'must start with a letter'],
    ['a server address whose host is a placeholder, not a token', { serverAddress: 'http://${PROM_HOST}:9090' }, 'triggers[0].serverAddress',
      '"http://${PROM_HOST}:9090"', 'must be an http:// or https:// URL with a host'],
    ['an infinite threshold', { threshold: Infinity }, 'triggers[0].threshold', 'got Infinity', 'must be a number > 0'],
    ['a forged metric type', { metricType: { value: 'x' } as any }, 'triggers[0].metricType', '{"value":"x"}', 'must be made by MetricTargetType: MetricTargetType.AVERAGE_VALUE'],
    ['a forged auth mode', { authModes: [{ value: 'x' } as any] }, 'triggers[0].authModes[0]', '{"value":"x"}', 'must be made by PrometheusAuthMode'],
  ])('throws on %s', (_case, override, field, value, allowed) => {
    expectMessage(addFails(() => ScalerTrigger.prometheus({ ...PROM, ...override })), '[test/so]', field, value, allowed);
  });

  test('throws on authModes with a pod identity authentication (PR-05)', () => {
    expectMessage(addFails(({ aws }) => ScalerTrigger.prometheus({ ...PROM, authModes: [PrometheusAuthMode.BEARER], authentication: aws })),
      '[test/so]', 'triggers[0].authModes', '["bearer"]', 'cannot be combined with the pod identity (aws)');
  });
});

describe('aws-sqs-queue trigger', () => {
  const sqs = (aws: TriggerAuthentication, o: Partial<AwsSqsQueueTriggerOptions> = {}) =>
    ScalerTrigger.awsSqsQueue({ queueUrl: QUEUE_URL, authentication: aws, ...o });

  test('renders every option and takes the region from the URL', () => {
    const trigger = rendered(({ aws }) => sqs(aws, { queueLength: 20, activationQueueLength: 1, scaleOnInFlight: false, scaleOnDelayed: true, name: 'orders' }));
    expect(trigger).toEqual({
      type: 'aws-sqs-queue',
      name: 'orders',
      authenticationRef: { name: 'aws' },
      metadata: {
        awsRegion: 'us-east-1',
        queueURL: QUEUE_URL,
        queueLength: '20',
        activationQueueLength: '1',
        scaleOnInFlight: 'false',
        scaleOnDelayed: 'true',
      },
    });
  });

  test('accepts FIFO queues, China regions and a custom endpoint', () => {
    expect(rendered(({ aws }) => sqs(aws, { queueUrl: 'https://sqs.us-east-1.amazonaws.com/707257249187/orders.fifo' })).metadata.queueURL).toMatch(/\.fifo$/);
    expect(rendered(({ aws }) => sqs(aws, { queueUrl: 'https://sqs.cn-north-1.amazonaws.com.cn/707257249187/orders' })).metadata.awsRegion).toBe('cn-north-1');
    const local = rendered(({ aws }) => sqs(aws, { queueUrl: 'http://localstack:4566/000000000000/orders', endpoint: 'http://localstack:4566', region: 'us-east-1' }));
    expect(local.metadata).toMatchObject({ awsEndpoint: 'http://localstack:4566', awsRegion: 'us-east-1' });
  });

  test('accepts a queue URL from the target\'s environment with an explicit region', () => {
    expect(rendered(({ aws }) => sqs(aws, { queueUrl: undefined, queueUrlFromEnv: 'SQS_QUEUE_URL', region: 'us-east-1' })).metadata)
      .toEqual({ awsRegion: 'us-east-1', queueURLFromEnv: 'SQS_QUEUE_URL' });
  });

  test('accepts an unresolved AWS CDK token as the queue URL', () => {
    const url = '${Token[TOKEN.123]}';
    expect(rendered(({ aws }) => sqs(aws, { queueUrl: url, region: 'us-east-1' })).metadata.queueURL).toBe(url);
  });

  test('accepts the operator identity without authentication, with a deprecation warning', () => {
    const s = setup();
    s.so.addTrigger(ScalerTrigger.awsSqsQueue({ queueUrl: QUEUE_URL, identityOwner: SqsIdentityOwner.OPERATOR }));
    expect(warningsOf(s.chart)).toEqual([expect.stringContaining('triggers[0].identityOwner: deprecated since KEDA 2.13')]);
  });

  test.each<[string, Partial<AwsSqsQueueTriggerOptions>, string, string, string]>([
    ['both queueUrl and queueUrlFromEnv', { queueUrlFromEnv: 'URL' }, 'triggers[0].queueUrl', QUEUE_URL, 'exactly one of queueUrl and queueUrlFromEnv'],
    ['neither queueUrl nor queueUrlFromEnv', { queueUrl: undefined }, 'triggers[0].queueUrl', 'undefined', 'exactly one of queueUrl and queueUrlFromEnv'],
    ['a queue name instead of a URL', { queueUrl: 'orders' }, 'triggers[0].queueUrl', '"orders"', 'must be https://sqs.<region>.amazonaws.com/<12-digit account>/<queue name>'],
    ['an 11-digit account', { queueUrl: 'https://sqs.us-east-1.amazonaws.com/70725718924/orders' }, 'triggers[0].queueUrl', '70725718924', '<12-digit account>'],
    ['a plain-http queue URL', { queueUrl: 'http://sqs.us-east-1.amazonaws.com/707257249187/orders' }, 'triggers[0].queueUrl', 'http://', 'must be https://'],
    ['a region that contradicts the URL', { region: 'eu-west-1' }, 'triggers[0].region', '"eu-west-1"', 'must match the queue URL\'s region "us-east-1"; omit region to take it from the URL (SQ-08)'],
    ['no region with queueUrlFromEnv', { queueUrl: undefined, queueUrlFromEnv: 'URL' }, 'triggers[0].region', 'undefined', 'is required when the queue URL does not name a region'],
    ['an invalid env var name', { queueUrl: undefined, queueUrlFromEnv: '1URL', region: 'us-east-1' }, 'triggers[0].queueUrlFromEnv', '"1URL"', 'must be an environment variable name'],
    ['queueLength 0', { queueLength: 0 }, 'triggers[0].queueLength', 'got 0', 'must be an integer >= 1'],
    ['a fractional queueLength', { queueLength: 1.5 }, 'triggers[0].queueLength', 'got 1.5', 'must be an integer >= 1'],
    ['a negative activationQueueLength', { activationQueueLength: -1 }, 'triggers[0].activationQueueLength', 'got -1', 'must be an integer >= 0'],
    ['a malformed region', { region: 'useast1' }, 'triggers[0].region', '"useast1"', 'must be an AWS region'],
    ['a malformed endpoint', { endpoint: 'localstack' }, 'triggers[0].endpoint', '"localstack"', 'must be an http:// or https:// URL'],
    ['a queue URL with a placeholder that is not a token', { queueUrl: 'orders-${env}' }, 'triggers[0].queueUrl', '"orders-${env}"', 'must be https://sqs.<region>.amazonaws.com/<12-digit account>/<queue name>'],
    ['a region with a placeholder inside', { region: 'us-${REGION}-1' }, 'triggers[0].region', '"us-${REGION}-1"', 'must be an AWS region'],
    ['a forged identity owner', { identityOwner: { value: 'pod' } as any }, 'triggers[0].identityOwner', '{"value":"pod"}', 'must be made by SqsIdentityOwner'],
  ])('throws on %s', (_case, override, field, value, allowed) => {
    expectMessage(addFails(({ aws }) => sqs(aws, override)), '[test/so]', field, value, allowed);
  });

  test('throws without authentication (SQ-05)', () => {
    expectMessage(addFails(() => ScalerTrigger.awsSqsQueue({ queueUrl: QUEUE_URL })), '[test/so]', 'triggers[0].authentication', 'got undefined',
      'without it the scaler has no AWS credentials');
  });
});

describe('cpu and memory triggers', () => {
  test('render Utilization with an integer percent', () => {
    expect(rendered(() => ScalerTrigger.cpu({ utilizationPercent: 60 }))).toEqual({ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } });
    expect(rendered(() => ScalerTrigger.memory({ utilizationPercent: 80, name: 'mem' })))
      .toEqual({ type: 'memory', name: 'mem', metricType: 'Utilization', metadata: { value: '80' } });
  });

  test('render AverageValue as a quantity, for one container', () => {
    expect(rendered(() => ScalerTrigger.cpu({ averageValue: kplus.Cpu.millis(500), containerName: 'web' })))
      .toEqual({ type: 'cpu', metricType: 'AverageValue', metadata: { value: '500m', containerName: 'web' } });
    expect(rendered(() => ScalerTrigger.memory({ averageValue: Size.mebibytes(512) })).metadata.value).toBe('512Mi');
  });

  test('never get a fallback metric type', () => {
    const { app, chart } = newChart('shop');
    new ScaledObject(chart, 'so', {
      target: WorkloadReference.fromWorkload(deployment(chart, 'web')),
      minReplicas: 1,
      fallback: { replicas: 2 },
      triggers: [ScalerTrigger.cpu({ utilizationPercent: 50 }), ScalerTrigger.prometheus(PROM)],
    });
    expect(docOf(synthApp(app), 'ScaledObject').spec.triggers.map((t: any) => t.metricType)).toEqual(['Utilization', 'AverageValue']);
  });

  test.each<[string, () => ScalerTrigger, string, string, string]>([
    ['both targets', () => ScalerTrigger.cpu({ utilizationPercent: 50, averageValue: kplus.Cpu.millis(100) }), 'triggers[0].utilizationPercent', 'got 50', 'exactly one of'],
    ['no target', () => ScalerTrigger.memory({}), 'triggers[0].utilizationPercent', 'got undefined', 'exactly one of'],
    ['a zero percentage', () => ScalerTrigger.cpu({ utilizationPercent: 0 }), 'triggers[0].utilizationPercent', 'got 0', 'must be an integer from 1 to 2147483647'],
    ['a fractional percentage', () => ScalerTrigger.cpu({ utilizationPercent: 50.5 }), 'triggers[0].utilizationPercent', 'got 50.5', 'must be an integer from 1 to 2147483647'],
    ['a zero average', () => ScalerTrigger.cpu({ averageValue: kplus.Cpu.millis(0) }), 'triggers[0].averageValue', '"0m"', 'must be a finite, positive CPU quantity'],
    ['a bad container name', () => ScalerTrigger.cpu({ utilizationPercent: 50, containerName: 'Web' }), 'triggers[0].containerName', '"Web"', 'must be a DNS-1123 label'],
    ['a percentage beyond int32', () => ScalerTrigger.cpu({ utilizationPercent: 2 ** 31 }), 'triggers[0].utilizationPercent', 'got 2147483648', 'from 1 to 2147483647'],
    ['a NaN CPU average', () => ScalerTrigger.cpu({ averageValue: kplus.Cpu.units(NaN) }), 'triggers[0].averageValue', '"NaN"', 'must be a finite, positive CPU quantity'],
    ['an infinite CPU average', () => ScalerTrigger.cpu({ averageValue: kplus.Cpu.units(Infinity) }), 'triggers[0].averageValue', '"Infinity"', 'must be a finite, positive CPU quantity'],
    ['a NaN memory average', () => ScalerTrigger.memory({ averageValue: Size.mebibytes(NaN) }), 'triggers[0].averageValue', '"NaN KiB"', 'must be a whole number of bytes'],
    ['a fractional-byte memory average', () => ScalerTrigger.memory({ averageValue: Size.gibibytes(0.1) }), 'triggers[0].averageValue', '"104857.6 KiB"',
      'must be a whole number of bytes'],
    ['a zero memory average', () => ScalerTrigger.memory({ averageValue: Size.kibibytes(0) }), 'triggers[0].averageValue', '"0 KiB"', 'from 1 to 2^63 - 1'],
    ['useCachedMetrics on cpu', () => ScalerTrigger.custom('cpu', { value: '50' }, { useCachedMetrics: true }), 'triggers[0].useCachedMetrics', 'got true',
      'is not supported by the "cpu" scaler'],
  ])('throw on %s', (_case, make, field, value, allowed) => {
    expectMessage(addFails(make), '[test/so]', field, value, allowed);
  });

  test('fail at synth when a measured container has no request', () => {
    const s = setup({ cpu: { request: kplus.Cpu.millis(250) } });
    s.so.addTrigger(ScalerTrigger.memory({ utilizationPercent: 80 }));
    expectMessage(synthFailure(s.app), '[test/so]', 'triggers[0]', 'got "memory trigger on container \\"web\\" without a memory request"',
      'every container the trigger measures needs a memory request');
  });

  test('accept a limit alone, which Kubernetes copies into the request', () => {
    const s = setup({ cpu: { limit: kplus.Cpu.millis(500) } });
    s.so.addTrigger(ScalerTrigger.cpu({ utilizationPercent: 80 }));
    expect(() => synthApp(s.app)).not.toThrow();
  });

  test('fail at synth when containerName is not a container of the target', () => {
    const s = setup();
    s.so.addTrigger(ScalerTrigger.cpu({ utilizationPercent: 80, containerName: 'sidecar' }));
    expectMessage(synthFailure(s.app), '[test/so]', 'triggers[0].containerName: got "sidecar"', 'must name a container of Deployment/web (apps/v1): web');
  });

  test('check only the named container', () => {
    const { app, chart } = newChart('shop');
    const web = deployment(chart, 'web', { cpu: { request: kplus.Cpu.millis(250) } });
    web.addContainer({ name: 'proxy', image: 'envoy:1.30', resources: {} });
    new ScaledObject(chart, 'so', {
      target: WorkloadReference.fromWorkload(web),
      minReplicas: 1,
      triggers: [ScalerTrigger.cpu({ utilizationPercent: 80, containerName: 'web' })],
    });
    expect(() => synthApp(app)).not.toThrow();
  });
});

describe('custom trigger', () => {
  test('renders its type and metadata as given', () => {
    const trigger = rendered(({ aws }) => ScalerTrigger.custom('kafka', { bootstrapServers: 'kafka:9092', topic: 'orders', lagThreshold: '50' }, { authentication: aws, name: 'lag' }));
    expect(trigger).toEqual({
      type: 'kafka',
      name: 'lag',
      authenticationRef: { name: 'aws' },
      metadata: { bootstrapServers: 'kafka:9092', topic: 'orders', lagThreshold: '50' },
    });
  });

  test('lets FromEnv references through', () => {
    expect(rendered(() => ScalerTrigger.custom('rabbitmq', { hostFromEnv: 'RABBIT_URL', queueName: 'q', mode: 'QueueLength', value: '10' })).metadata.hostFromEnv).toBe('RABBIT_URL');
  });

  test.each<[string, { [key: string]: string }, string, string]>([
    ['an AWS secret key', { awsSecretAccessKey: 'abc' }, 'triggers[0].metadata.awsSecretAccessKey', '"<redacted>"'],
    ['an access key id value', { awsKeyId: 'AKIAIOSFODNN7EXAMPLE' }, 'triggers[0].metadata.awsKeyId', '"<redacted AWS access key id>"'],
    ['a password in a connection URL', { host: 'amqp://guest:guest@rabbit:5672/' }, 'triggers[0].metadata.host', '"amqp://guest:<redacted>@rabbit:5672/"'],
    ['a password key', { Password: 'x' }, 'triggers[0].metadata.Password', '"<redacted>"'],
  ])('throws on credentials in metadata: %s (SQ-06)', (_case, metadata, field, value) => {
    const message = addFails(() => ScalerTrigger.custom('rabbitmq', metadata));
    expectMessage(message, '[test/so]', field, value, 'credentials must not be written into a manifest');
    expect(message).not.toMatch(/guest:guest|AKIAIOSFODNN7EXAMPLE/);
  });

  test('throws on unsafeSsl in metadata without the opt-in', () => {
    expectMessage(addFails(() => ScalerTrigger.custom('metrics-api', { url: 'https://x', unsafeSsl: 'TRUE' })), '[test/so]', 'triggers[0].unsafeSsl', 'allowUnsafeSsl');
  });

  test('throws on a type that is not a scaler name', () => {
    expectMessage(addFails(() => ScalerTrigger.custom('Kafka Queue', {})), '[test/so]', 'triggers[0].type', '"Kafka Queue"', 'must be a KEDA scaler type');
  });

  test('throws on a type KEDA 2.20 builds no scaler for, naming the close ones', () => {
    expectMessage(addFails(() => ScalerTrigger.custom('sqs', { queueURL: QUEUE_URL })), '[test/so]', 'triggers[0].type', 'got "sqs"',
      'must be a scaler type KEDA 2.20 builds', 'did you mean "aws-sqs-queue"', '(KT-02)');
    expectMessage(addFails(() => ScalerTrigger.custom('stan', {})), '[test/so]', 'triggers[0].type', 'got "stan"', '(KT-02)');
  });

  test.each(['aws-sqs-queue', 'kafka', 'external', 'temporal', 'opensearch', 'elastic-forecast', 'kubernetes-resource'])('accepts the KEDA 2.20 type %s', type => {
    expect(rendered(() => ScalerTrigger.custom(type, { a: 'b' })).type).toBe(type);
  });

  test('throws on a forged trigger', () => {
    expectMessage(addFails(() => ({ type: 'kafka' }) as any), '[test/so]', 'triggers[0]: got {"type":"kafka"}',
      'must be made by ScalerTrigger: ScalerTrigger.prometheus(...)', 'ScalerTrigger.custom(...)', '(GEN-70)');
  });
});
