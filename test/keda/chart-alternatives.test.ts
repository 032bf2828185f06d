import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ChartAlternatives, ScaledObject, ScalerTrigger, WorkloadReference } from '../../src';

function setup() {
  const app = Testing.app();
  const base = new Chart(app, 'base', { namespace: 'moc', disableResourceNameHashes: true });
  const moc = new kplus.Deployment(base, 'moc', {
    metadata: { name: 'moc' },
    containers: [{ image: 'example/moc:1.0', resources: { cpu: { request: kplus.Cpu.millis(250) } } }],
  });
  const variant = (id: string) => new Chart(app, id, { namespace: 'moc', disableResourceNameHashes: true });
  const keda = (chart: Chart) => new ScaledObject(chart, 'so', {
    metadata: { name: 'moc-high-tps' },
    target: WorkloadReference.fromWorkload(moc),
    maxReplicas: 30,
    triggers: [ScalerTrigger.prometheus({ serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: 10 })],
  });
  const hpa = (chart: Chart) => new kplus.HorizontalPodAutoscaler(chart, 'hpa', {
    metadata: { name: 'moc-hpa' },
    target: moc,
    maxReplicas: 5,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(60))],
  });
  return { app, variant, keda, hpa };
}

describe('ChartAlternatives', () => {
  test('lets alternative charts each scale the same workload', () => {
    const { app, variant, keda, hpa } = setup();
    const tps = variant('04-keda-tps');
    const cpu = variant('06-hpa-cpu');
    keda(tps);
    hpa(cpu);
    ChartAlternatives.declare(tps, cpu);
    expect(() => app.synth()).not.toThrow();
  });

  test('fails when the second autoscaler sits in a chart applied together with the first', () => {
    const { app, variant, keda, hpa } = setup();
    const tps = variant('04-keda-tps');
    const cpu = variant('06-hpa-cpu');
    const other = variant('07-extra');
    keda(tps);
    hpa(cpu);
    keda(other);
    ChartAlternatives.declare(tps, cpu);
    expect(() => app.synth()).toThrow(/\[07-extra\/so\] target: got "Deployment\/moc \(apps\/v1\)"; is already scaled by ScaledObject 04-keda-tps\/so/);
  });

  test('throws when fewer than two different charts are declared', () => {
    const { variant } = setup();
    const one = variant('only');
    expect(() => ChartAlternatives.declare(one, one)).toThrow(/charts: got \["only","only"\]; declare at least two different charts/);
  });
});
