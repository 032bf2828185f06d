import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import * as YAML from 'yaml';
import { docOf, expectMessage, newChart, synthApp, thrownBy } from './support';
import { WorkloadReference } from '../../src/common/references';
import { warningsOf } from '../../src/core/warnings';
import {
  HpaScalingPolicy, PodIdentity, ScaledObject, ScalerTrigger, SqsIdentityOwner, TriggerAuthentication,
} from '../../src/keda';
import { expectValidManifests } from '../support/manifest-validator';
import { vendorPath } from '../support/vendor';

// Each seed's KEDA objects, rebuilt with the library and compared field by field with the upstream files.
const REFERENCE = vendorPath('manifests', 'reference');

function upstream(file: string, kind: string, name: string): any {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(REFERENCE, file), 'utf8')).map(d => d.toJSON());
  return docOf(docs.filter(d => d), kind, name);
}

function mocDeployment(chart: Chart, name: string): kplus.Deployment {
  return new kplus.Deployment(chart, name, {
    metadata: { name },
    containers: [{
      name,
      image: 'cquinta/moc-app:beta1',
      portNumber: 8000,
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      },
    }],
  });
}

function mocAuth(chart: Chart): TriggerAuthentication {
  return new TriggerAuthentication(chart, 'keda-trigger-auth-aws-credentials', {
    metadata: { name: 'keda-trigger-auth-aws-credentials' },
    podIdentity: PodIdentity.aws({ roleArn: 'arn:aws:iam::707257249187:role/webinar-infnet-keda' }),
  });
}

const STABILIZE_30S = { scaleDown: { stabilizationWindow: Duration.seconds(30) }, scaleUp: { stabilizationWindow: Duration.seconds(30) } };

describe('seed scenarios', () => {
  test('000-2 montecarlo-pi-latency matches the upstream ScaledObject', () => {
    const { app, chart } = newChart();
    new ScaledObject(chart, 'latency', {
      metadata: { name: 'montecarlo-pi-latency' },
      target: WorkloadReference.fromName({ name: 'montecarlo-pi' }),
      minReplicas: 1,
      maxReplicas: 10,
      behavior: {
        scaleUp: { stabilizationWindow: Duration.seconds(0), policies: [HpaScalingPolicy.percent(100, Duration.seconds(5))] },
        scaleDown: { stabilizationWindow: Duration.seconds(60), policies: [HpaScalingPolicy.percent(100, Duration.seconds(30))] },
      },
      triggers: [ScalerTrigger.prometheus({
        serverAddress: 'http://prometheus-kube-prometheus-prometheus.monitoring.svc:9090',
        metricName: 'monte_carlo_latency_seconds',
        threshold: 0.5,
        query: 'histogram_quantile(0.90, sum(rate(monte_carlo_latency_seconds_bucket{status="200"}[1m])) by (le))\n',
      })],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    const expected = upstream('000/keda/manifests/workload.yaml', 'ScaledObject', 'montecarlo-pi-latency');
    expect(docOf(docs, 'ScaledObject')).toEqual(expected);
    expect(warningsOf(chart)).toEqual([expect.stringContaining('metricName: deprecated since KEDA 2.10')]);
  });

  test('001-4 keda-prometheus-hpa matches upstream and warns about the query without sum()', () => {
    const { app, chart } = newChart('hpa-example');
    new ScaledObject(chart, 'traefik', {
      metadata: { name: 'keda-prometheus-hpa' },
      target: WorkloadReference.fromName({ name: 'php-apache' }),
      minReplicas: 1,
      cooldownPeriod: Duration.seconds(30),
      triggers: [ScalerTrigger.prometheus({
        serverAddress: 'http://prometheus-server.prometheus.svc.cluster.local:80',
        metricName: 'http_requests_total',
        threshold: 1,
        query: 'rate(traefik_service_requests_total{service="hpa-example-php-apache-80@kubernetes",code="200"}[2m])',
      })],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    const expected = upstream('001/Container-Root/eks/deployment/horizontal-pod-autoscaler/hpa-example/keda-scaled-object.yaml', 'ScaledObject', 'keda-prometheus-hpa');
    expect(docOf(docs, 'ScaledObject')).toEqual(expected);
    const warnings = warningsOf(chart).join('\n');
    expect(warnings).toContain('triggers[0].query');
    expect(warnings).toContain('has no top-level aggregation');
    expect(warnings).toContain('cooldownPeriod: only matters when minReplicas or idleReplicas is 0');
  });

  test.each([
    ['variant A (app metric)', '003/assets/keda_scaledobject_tps.yaml', 'sum(rate(http_requests_total[1m]))\n'],
    ['variant B (Istio metric)', '003/assets/old/keda_scale_tps.yaml', 'sum(rate(istio_requests_total{destination_service_name="moc"}[1m])) \n'],
  ])('003-4 moc-high-tps %s and its TriggerAuthentication match upstream', (_variant, file, query) => {
    const { app, chart } = newChart('moc');
    const moc = mocDeployment(chart, 'moc');
    mocAuth(chart);
    new ScaledObject(chart, 'tps', {
      metadata: { name: 'moc-high-tps' },
      target: WorkloadReference.fromWorkload(moc),
      minReplicas: 1,
      maxReplicas: 30,
      pollingInterval: Duration.seconds(10),
      cooldownPeriod: Duration.seconds(30),
      behavior: STABILIZE_30S,
      triggers: [ScalerTrigger.prometheus({
        serverAddress: 'http://prometheus-kube-prometheus-prometheus.prometheus.svc.cluster.local:9090',
        metricName: 'istio_requests_total',
        threshold: 10,
        query,
      })],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docOf(docs, 'ScaledObject')).toEqual(upstream(file, 'ScaledObject', 'moc-high-tps'));
    expect(docOf(docs, 'TriggerAuthentication')).toEqual(upstream(file, 'TriggerAuthentication', 'keda-trigger-auth-aws-credentials'));
    expect(docOf(docs, 'Deployment', 'moc').spec.replicas).toBeUndefined();
  });

  test('003-8 moc-high-queue matches upstream, with the queue region taken from the URL', () => {
    const { app, chart } = newChart('moc');
    const consumer = mocDeployment(chart, 'consumer');
    const auth = mocAuth(chart);
    new ScaledObject(chart, 'queue', {
      metadata: { name: 'moc-high-queue' },
      target: WorkloadReference.fromWorkload(consumer),
      minReplicas: 1,
      maxReplicas: 30,
      pollingInterval: Duration.seconds(10),
      cooldownPeriod: Duration.seconds(30),
      behavior: STABILIZE_30S,
      triggers: [ScalerTrigger.awsSqsQueue({
        authentication: auth,
        queueUrl: 'https://sqs.us-east-1.amazonaws.com/707257249187/teste',
        queueLength: 10,
        identityOwner: SqsIdentityOwner.OPERATOR,
      })],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    const file = '003/assets/keda_scaledobject_consumer.yaml';
    expect(docOf(docs, 'ScaledObject')).toEqual(upstream(file, 'ScaledObject', 'moc-high-queue'));
    expect(docOf(docs, 'TriggerAuthentication')).toEqual(upstream(file, 'TriggerAuthentication', 'keda-trigger-auth-aws-credentials'));
  });

  test('003-8 cpu-scaledobject matches upstream', () => {
    const { app, chart } = newChart('moc');
    new ScaledObject(chart, 'cpu', {
      metadata: { name: 'cpu-scaledobject' },
      target: WorkloadReference.fromWorkload(mocDeployment(chart, 'moc')),
      minReplicas: 1,
      maxReplicas: 30,
      pollingInterval: Duration.seconds(10),
      cooldownPeriod: Duration.seconds(30),
      behavior: STABILIZE_30S,
      triggers: [ScalerTrigger.cpu({ utilizationPercent: 50 })],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docOf(docs, 'ScaledObject')).toEqual(upstream('003/assets/keda_scaledobject_cpu.yaml', 'ScaledObject', 'cpu-scaledobject'));
  });
});

describe('upstream KEDA samples', () => {
  const SAMPLES = vendorPath('manifests', 'upstream-examples', 'keda');
  const sample = (file: string) => YAML.parse(fs.readFileSync(path.join(SAMPLES, file), 'utf8'));

  const sampleProps = (type: string) => ({
    metadata: { name: 'example-scaledobject' },
    target: WorkloadReference.fromName({ name: 'example-deployment' }),
    pollingInterval: Duration.seconds(30),
    cooldownPeriod: Duration.minutes(5),
    minReplicas: 0,
    maxReplicas: 100,
    triggers: [ScalerTrigger.custom(type, { property: 'example-property' })],
  });

  test('the sample ScaledObject is reproduced with an open trigger of a real scaler type', () => {
    const { app, chart } = newChart();
    new ScaledObject(chart, 'sample', sampleProps('external'));
    const docs = synthApp(app);
    expectValidManifests(docs);
    const expected = sample('keda_v1alpha1_scaledobject.yaml');
    expect(docs).toEqual([{ ...expected, spec: { ...expected.spec, triggers: [{ ...expected.spec.triggers[0], type: 'external' }] } }]);
  });

  test('throws on the sample\'s placeholder trigger type, for which KEDA builds no scaler', () => {
    const { chart } = newChart();
    expectMessage(thrownBy(() => new ScaledObject(chart, 'sample', sampleProps('example-trigger'))),
      '[test/sample]', 'triggers[0].type', '"example-trigger"', 'must be a scaler type KEDA 2.20 builds', '(KT-02)');
  });

  test('the sample TriggerAuthentication is reproduced with a Secret reference', () => {
    const { app, chart } = newChart();
    new TriggerAuthentication(chart, 'sample', {
      metadata: { name: 'example-triggerauthentication' },
      secretTargets: [{ parameter: 'example-secret-parameter', secret: kplus.Secret.fromSecretName(chart, 'secret', 'example-secret-name'), key: 'example-role-key' }],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docs).toEqual([sample('keda_v1alpha1_triggerauthentication.yaml')]);
  });
});
