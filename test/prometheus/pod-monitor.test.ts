import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { WorkloadReference } from '../../src/common/references';
import { warningsOf } from '../../src/core/warnings';
import { MonitorNamespaceSelector, PodMonitor, PrometheusSelector, RelabelRule } from '../../src/prometheus';
import { expectValidManifests } from '../support/manifest-validator';

function podMonitorDoc(chart: any) {
  return Testing.synth(chart).find(d => d.kind === 'PodMonitor');
}

function deployment(chart: any, namespace?: string) {
  return new kplus.Deployment(chart, 'App', {
    metadata: { name: 'moc', namespace },
    containers: [{ image: 'cquinta/moc-app:beta1', ports: [{ number: 8000, name: 'http' }, { number: 9090 }] }],
  });
}

describe('PodMonitor', () => {
  test('reproduces seed 003 envoy-stats-monitor', () => {
    const chart = Testing.chart();
    new PodMonitor(chart, 'Envoy', {
      metadata: { name: 'envoy-stats-monitor', namespace: 'istio-system', labels: { monitoring: 'istio-proxies' } },
      prometheusSelector: PrometheusSelector.helmRelease('istio'),
      pods: { expressions: [kplus.LabelExpression.doesNotExist('istio-prometheus-ignore')] },
      namespaceSelector: MonitorNamespaceSelector.all(),
      jobLabel: 'envoy-stats',
      path: '/stats/prometheus',
      interval: Duration.seconds(15),
      relabelings: [
        RelabelRule.keep({ sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: 'istio-proxy' }),
        RelabelRule.keep({ sourceLabels: ['__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape'] }),
        RelabelRule.replace({
          regex: '(\\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})',
          replacement: '[$2]:$1',
          sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_port', '__meta_kubernetes_pod_ip'],
          targetLabel: '__address__',
        }),
        RelabelRule.replace({
          regex: '(\\d+);((([0-9]+?)(\\.|$)){4})',
          replacement: '$2:$1',
          sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_port', '__meta_kubernetes_pod_ip'],
          targetLabel: '__address__',
        }),
        RelabelRule.labelDrop('__meta_kubernetes_pod_label_(.+)'),
        RelabelRule.replace({ sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' }),
        RelabelRule.replace({ sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod_name' }),
      ],
    });
    const doc = podMonitorDoc(chart);
    expect(doc.metadata).toEqual({ name: 'envoy-stats-monitor', namespace: 'istio-system', labels: { monitoring: 'istio-proxies', release: 'istio' } });
    expect(doc.spec.selector).toEqual({ matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }] });
    expect(doc.spec.namespaceSelector).toEqual({ any: true });
    expect(doc.spec.jobLabel).toBe('envoy-stats');
    expect(doc.spec.podMetricsEndpoints[0].path).toBe('/stats/prometheus');
    expect(doc.spec.podMetricsEndpoints[0].interval).toBe('15s');
    expect(doc.spec.podMetricsEndpoints[0].relabelings[4]).toEqual({ action: 'labeldrop', regex: '__meta_kubernetes_pod_label_(.+)' });
    expectValidManifests(Testing.synth(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('selects a workload by its selector and checks named container ports', () => {
    const chart = Testing.chart();
    const app = deployment(chart);
    const monitor = new PodMonitor(chart, 'Monitor', {
      workload: WorkloadReference.fromWorkload(app), port: 'http', prometheusSelector: PrometheusSelector.all(),
    });
    monitor.addEndpoint({ portNumber: 9090, path: '/metrics' });
    const doc = podMonitorDoc(chart);
    expect(doc.spec.selector).toEqual({ matchLabels: app.matchLabels });
    expect(doc.spec.podMetricsEndpoints).toEqual([{ port: 'http' }, { portNumber: 9090, path: '/metrics' }]);
    expectValidManifests(Testing.synth(chart));
  });

  test('adds a namespaceSelector when the workload is in another namespace', () => {
    const chart = Testing.chart();
    const app = deployment(chart, 'moc');
    new PodMonitor(chart, 'Monitor', {
      metadata: { namespace: 'monitoring' }, workload: WorkloadReference.fromWorkload(app), port: 'http', prometheusSelector: PrometheusSelector.all(),
    });
    expect(podMonitorDoc(chart).spec.namespaceSelector).toEqual({ matchNames: ['moc'] });
  });

  test('renders a label query', () => {
    const chart = Testing.chart();
    new PodMonitor(chart, 'Monitor', {
      pods: { labels: { app: 'moc' }, expressions: [kplus.LabelExpression.in('tier', ['web'])] },
      prometheusSelector: PrometheusSelector.all(),
    });
    expect(podMonitorDoc(chart).spec.selector).toEqual({
      matchLabels: { app: 'moc' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
    });
  });

  test('fails when a named port is not a container port of the workload', () => {
    const chart = Testing.chart();
    new PodMonitor(chart, 'Monitor', {
      workload: WorkloadReference.fromWorkload(deployment(chart)), port: 'metrics', prometheusSelector: PrometheusSelector.all(),
    });
    expect(() => Testing.synth(chart)).toThrow('[test/Monitor] podMetricsEndpoints[0].port: got "metrics"; must be the name of a container port of workload');
  });

  test('fails when a port number is not a container port of the workload', () => {
    const chart = Testing.chart();
    new PodMonitor(chart, 'Monitor', {
      workload: WorkloadReference.fromWorkload(deployment(chart)), portNumber: 7000, prometheusSelector: PrometheusSelector.all(),
    });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Monitor\] podMetricsEndpoints\[0\]\.portNumber: got 7000; must be a container port of workload ".*" \(its ports: http=8000, 9090\)/);
  });

  test('throws when both port and portNumber are given, or portNumber is out of range', () => {
    const chart = Testing.chart();
    const pods = { labels: { app: 'moc' } };
    expect(() => new PodMonitor(chart, 'A', { pods, port: 'http', portNumber: 80, prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/A] podMetricsEndpoints[0].portNumber: got 80; give either port ("http") or portNumber, not both');
    expect(() => new PodMonitor(chart, 'B', { pods, portNumber: 70000, prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/B] podMetricsEndpoints[0].portNumber: got 70000; must be an integer from 1 to 65535');
  });

  test('throws on an empty label query', () => {
    const chart = Testing.chart();
    expect(() => new PodMonitor(chart, 'Monitor', { pods: {}, prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/Monitor] pods: got {}; give at least one label or expression; an empty selector scrapes every pod');
  });

  test('throws on an invalid query label', () => {
    const chart = Testing.chart();
    expect(() => new PodMonitor(chart, 'Monitor', {
      pods: { labels: { app: 'not valid' } }, prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/Monitor] pods.labels["app"]: got "not valid"; must be a label value');
  });

  test('selects the pods of a workload referenced by name by the pod labels given with it', () => {
    const chart = Testing.chart();
    const monitor = new PodMonitor(chart, 'Monitor', {
      metadata: { namespace: 'moc' },
      workload: WorkloadReference.fromName({ name: 'moc', podLabels: { app: 'moc' } }),
      port: 'http',
      prometheusSelector: PrometheusSelector.all(),
    });
    const doc = podMonitorDoc(chart);
    expect(doc.spec).toEqual({ selector: { matchLabels: { app: 'moc' } }, podMetricsEndpoints: [{ port: 'http' }] });
    expect(monitor.workload?.name).toBe('moc');
    expect(warningsOf(monitor)).toEqual([]);
    expectValidManifests(Testing.synth(chart));
  });

  test('throws unless exactly one of workload and pods is given', () => {
    const chart = Testing.chart();
    expect(() => new PodMonitor(chart, 'A', { prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/A] workload: got undefined; give exactly one of workload and pods');
    expect(() => new PodMonitor(chart, 'B', {
      workload: WorkloadReference.fromName({ name: 'moc', podLabels: { app: 'moc' } }), pods: { labels: { app: 'moc' } }, prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/B] workload: got "Deployment/moc (apps/v1)"; give exactly one of workload and pods');
  });

  test.each<[string, () => any, string]>([
    ['an empty workload name', () => ({ workload: WorkloadReference.fromName({ name: '', podLabels: { app: 'moc' } }) }), 'workload.name: got ""; must be a DNS-1123 subdomain'],
    ['a forged workload', () => ({ workload: { name: 'moc', podLabels: { app: 'moc' } } }), 'workload: got {"name":"moc","podLabels":{"app":"moc"}}; must be made by WorkloadReference'],
    ['a container port name no port can have', () => ({ pods: { labels: { app: 'moc' } }, port: 'Metrics_Port' }),
      'podMetricsEndpoints[0].port: got "Metrics_Port"; must be a container port name'],
    ['a port name over 15 characters', () => ({ pods: { labels: { app: 'moc' } }, port: 'http-metrics-port' }), 'podMetricsEndpoints[0].port: got "http-metrics-port"'],
    ['an In expression without values', () => ({ pods: { expressions: [kplus.LabelExpression.in('app', [])] } }),
      'pods.expressions[0].values: got []; needs at least one value with operator In (PM-07)'],
    ['an expression key with a space', () => ({ pods: { expressions: [kplus.LabelExpression.exists('a b')] } }), 'pods.expressions[0].key: got "a b"; must be a qualified name'],
    ['an expression value that is not a label value', () => ({ pods: { expressions: [kplus.LabelExpression.notIn('app', ['a b'])] } }),
      'pods.expressions[0].values[0]: got "a b"; must be a label value'],
    ['a forged expression', () => ({ pods: { expressions: [{ key: 'app', operator: 'Exists' }] } }), 'pods.expressions[0]: got {"key":"app","operator":"Exists"}; must be made by LabelExpression'],
  ])('throws on %s', (_case, props, message) => {
    const chart = Testing.chart();
    expect(() => new PodMonitor(chart, 'Monitor', { prometheusSelector: PrometheusSelector.all(), ...props() })).toThrow(`[test/Monitor] ${message}`);
  });

  test('throws when a workload referenced by name comes without pod labels', () => {
    const chart = Testing.chart();
    expect(() => new PodMonitor(chart, 'Monitor', { workload: WorkloadReference.fromName({ name: 'moc' }), prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/Monitor] workload.podLabels: got undefined; give the labels of the pods of Deployment/moc (apps/v1)');
  });
});
