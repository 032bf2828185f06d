import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { deployment, docOf, expectMessage, newChart, synthApp, synthFailure } from './support';
import { WorkloadReference } from '../../src/common/references';
import { PodIdentity, ScaledObject, ScalerTrigger, TriggerAuthentication } from '../../src/keda';
import { expectValidManifests } from '../support/manifest-validator';

const REQUESTS = {
  cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
  memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
};
const PROM = { serverAddress: 'http://prometheus-kube-prometheus-prometheus.prometheus.svc.cluster.local:9090', query: 'sum(rate(http_requests_total[1m]))', threshold: 10 };

/** Seed 003-6: the native CPU HPA `moc-hpa`. */
function cpuHpa(chart: Chart, target: kplus.IScalable, name = 'moc-hpa'): kplus.HorizontalPodAutoscaler {
  return new kplus.HorizontalPodAutoscaler(chart, name, {
    metadata: { name },
    target,
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(60))],
    scaleUp: { stabilizationWindow: Duration.seconds(20), policies: [{ replicas: kplus.Replicas.absolute(3), duration: Duration.seconds(30) }] },
    scaleDown: { stabilizationWindow: Duration.seconds(20), policies: [{ replicas: kplus.Replicas.absolute(1), duration: Duration.seconds(30) }] },
  });
}

describe('ScaledObjects beside native HPAs', () => {
  test('seed 003: cdk8s-plus HPAs on CPU and on a custom Pods metric coexist with a ScaledObject on another workload', () => {
    const { app, chart } = newChart('moc');
    const moc = deployment(chart, 'moc', REQUESTS);
    const api = deployment(chart, 'api', REQUESTS);
    const consumer = deployment(chart, 'consumer', REQUESTS);
    cpuHpa(chart, moc);
    new kplus.HorizontalPodAutoscaler(chart, 'moc-hpa-requests', {
      metadata: { name: 'moc-hpa-requests' },
      target: api,
      minReplicas: 1,
      maxReplicas: 30,
      metrics: [kplus.Metric.pods({ name: 'http_requests_per_second', target: kplus.MetricTarget.averageValue(10) })],
    });
    new ScaledObject(chart, 'queue', {
      metadata: { name: 'moc-high-queue' },
      target: WorkloadReference.fromWorkload(consumer),
      minReplicas: 1,
      maxReplicas: 30,
      triggers: [ScalerTrigger.awsSqsQueue({
        queueUrl: 'https://sqs.us-east-1.amazonaws.com/707257249187/teste',
        queueLength: 10,
        authentication: new TriggerAuthentication(chart, 'auth', { podIdentity: PodIdentity.aws({ roleArn: 'arn:aws:iam::707257249187:role/webinar-infnet-keda' }) }),
      })],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docs.filter(d => d.kind === 'HorizontalPodAutoscaler').map(d => d.metadata.name)).toEqual(['moc-hpa', 'moc-hpa-requests']);
    expect(docOf(docs, 'ScaledObject').spec.scaleTargetRef).toEqual({ name: 'consumer' });
  });

  test('fails when a ScaledObject and an HPA scale the same Deployment, naming both and the ownership transfer', () => {
    const { app, chart } = newChart('moc');
    const moc = deployment(chart, 'moc', REQUESTS);
    cpuHpa(chart, moc);
    new ScaledObject(chart, 'tps', { metadata: { name: 'moc-high-tps' }, target: WorkloadReference.fromWorkload(moc), triggers: [ScalerTrigger.prometheus(PROM)] });
    expectMessage(synthFailure(app), '[test/tps]', 'target: got "Deployment/moc (apps/v1)"', 'is already scaled by HorizontalPodAutoscaler test/moc-hpa ("moc-hpa")',
      '(SO-10)', 'set transferHpaOwnership: true with hpaName: "moc-hpa"');
  });

  test('fails when an HPA targets a workload the ScaledObject references by name', () => {
    const { app, chart } = newChart('moc');
    cpuHpa(chart, deployment(chart, 'moc', REQUESTS));
    new ScaledObject(chart, 'tps', { target: WorkloadReference.fromName({ name: 'moc' }), triggers: [ScalerTrigger.prometheus(PROM)] });
    expectMessage(synthFailure(app), '[test/tps]', 'is already scaled by HorizontalPodAutoscaler test/moc-hpa');
  });

  test('fails when two ScaledObjects scale the same workload, reported once on the second', () => {
    const { app, chart } = newChart('moc');
    const moc = deployment(chart, 'moc', REQUESTS);
    new ScaledObject(chart, 'tps', { metadata: { name: 'moc-high-tps' }, target: WorkloadReference.fromWorkload(moc), triggers: [ScalerTrigger.prometheus(PROM)] });
    new ScaledObject(chart, 'cpu', {
      metadata: { name: 'cpu-scaledobject' },
      target: WorkloadReference.fromName({ name: 'moc' }),
      minReplicas: 1,
      triggers: [ScalerTrigger.cpu({ utilizationPercent: 50 })],
    });
    const message = synthFailure(app);
    expectMessage(message, '[test/cpu]', 'target: got "Deployment/moc (apps/v1)"', 'is already scaled by ScaledObject test/tps ("moc-high-tps")', '(SO-08)');
    expect(message).not.toContain('[test/tps]');
  });

  test('fails across charts of the same app', () => {
    const { app, chart } = newChart('moc');
    const moc = deployment(chart, 'moc', REQUESTS);
    new ScaledObject(chart, 'tps', { target: WorkloadReference.fromWorkload(moc), triggers: [ScalerTrigger.prometheus(PROM)] });
    const other = new Chart(app, 'other', { namespace: 'moc' });
    new ScaledObject(other, 'again', { target: WorkloadReference.fromName({ name: 'moc' }), triggers: [ScalerTrigger.prometheus(PROM)] });
    expectMessage(synthFailure(app), '[other/again]', 'is already scaled by ScaledObject test/tps');
  });

  test('accepts workloads of the same name in different namespaces', () => {
    const { app, chart } = newChart('a');
    new ScaledObject(chart, 'one', { target: WorkloadReference.fromName({ name: 'moc' }), triggers: [ScalerTrigger.prometheus(PROM)] });
    new ScaledObject(chart, 'two', { metadata: { namespace: 'b' }, target: WorkloadReference.fromName({ name: 'moc' }), triggers: [ScalerTrigger.prometheus(PROM)] });
    expect(() => synthApp(app)).not.toThrow();
  });

  test('fails when two ScaledObjects claim the same HPA name (SO-09)', () => {
    const { app, chart } = newChart('moc');
    new ScaledObject(chart, 'one', { target: WorkloadReference.fromName({ name: 'a' }), hpaName: 'shared', triggers: [ScalerTrigger.prometheus(PROM)] });
    new ScaledObject(chart, 'two', { target: WorkloadReference.fromName({ name: 'b' }), hpaName: 'shared', triggers: [ScalerTrigger.prometheus(PROM)] });
    expectMessage(synthFailure(app), '[test/two]', 'hpaName: got "shared"', 'is already managed by ScaledObject test/one', '(SO-09)');
  });

  test('fails when the HPA name KEDA would manage belongs to a cdk8s-plus HPA', () => {
    const { app, chart } = newChart('moc');
    cpuHpa(chart, deployment(chart, 'api', REQUESTS), 'api-hpa');
    new ScaledObject(chart, 'so', { target: WorkloadReference.fromName({ name: 'web' }), hpaName: 'api-hpa', triggers: [ScalerTrigger.prometheus(PROM)] });
    expectMessage(synthFailure(app), '[test/so]', 'hpaName: got "api-hpa"', 'is the name of HorizontalPodAutoscaler test/api-hpa');
  });

  test('takes over a live HPA through the ownership-transfer annotation', () => {
    const { app, chart } = newChart('moc');
    new ScaledObject(chart, 'so', {
      target: WorkloadReference.fromName({ name: 'moc' }),
      hpaName: 'moc-hpa',
      transferHpaOwnership: true,
      triggers: [ScalerTrigger.prometheus(PROM)],
    });
    const so = docOf(synthApp(app), 'ScaledObject');
    expect(so.metadata.annotations).toEqual({ 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' });
    expect(so.spec.advanced.horizontalPodAutoscalerConfig.name).toBe('moc-hpa');
  });
});
