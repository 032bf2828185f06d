import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { WorkloadReference } from '../../src/common/references';
import { AutoscalingDashboard, DashboardPanel, GrafanaDashboard } from '../../src/grafana';
import { expectValidManifests } from '../support/manifest-validator';

const SEED_001_QUERY = 'rate(traefik_service_requests_total{service="hpa-example-php-apache-80@kubernetes",code="200"}[2m])';

function dashboardOf(chart: any) {
  const configMap = Testing.synth(chart).find(d => d.kind === 'ConfigMap');
  const [key] = Object.keys(configMap.data);
  return { configMap, key, json: JSON.parse(configMap.data[key]) };
}

describe('AutoscalingDashboard', () => {
  test('reproduces seed 001 as a sidecar-labeled ConfigMap', () => {
    const chart = Testing.chart();
    new AutoscalingDashboard(chart, 'Dashboard', {
      metadata: { name: 'hpa-example-dashboard', namespace: 'grafana' },
      uid: 'hpa-example',
      title: 'Horizontal Pod Autoscaling Example',
      requestRateQuery: SEED_001_QUERY,
      replicasQuery: 'count(kube_pod_info{namespace="hpa-example"})',
      nodesByInstanceTypeQuery: 'count(kubelet_node_name) by (beta_kubernetes_io_instance_type)',
    });
    const { configMap, key, json } = dashboardOf(chart);
    expect(configMap.metadata).toEqual({ name: 'hpa-example-dashboard', namespace: 'grafana', labels: { grafana_dashboard: '1' } });
    expect(key).toBe('hpa-example.json');
    expect(json).toMatchObject({ uid: 'hpa-example', title: 'Horizontal Pod Autoscaling Example', refresh: '10s', time: { from: 'now-15m', to: 'now' } });
    expect(json.panels.map((p: any) => [p.type, p.title, p.gridPos])).toEqual([
      ['row', 'Cluster Auto Scaling', { h: 1, w: 24, x: 0, y: 0 }],
      ['timeseries', 'Nodes by Instance Type', { h: 8, w: 24, x: 0, y: 1 }],
      ['row', 'Pod Auto Scaling', { h: 1, w: 24, x: 0, y: 9 }],
      ['timeseries', 'Requests per second', { h: 8, w: 12, x: 0, y: 10 }],
      ['timeseries', 'Number of Pods', { h: 8, w: 12, x: 12, y: 10 }],
    ]);
    expect(json.panels[3].targets).toEqual([{ refId: 'A', expr: SEED_001_QUERY, datasource: { type: 'prometheus', uid: '${datasource}' } }]);
    expect(json.panels[3].fieldConfig.defaults.unit).toBe('reqps');
    expect(json.panels[1].targets[0].expr).toBe('count(kubelet_node_name) by (beta_kubernetes_io_instance_type)');
    expectValidManifests(Testing.synth(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('charts the replicas of a Deployment given as an object', () => {
    const chart = Testing.chart();
    const workload = new kplus.Deployment(chart, 'App', { metadata: { name: 'php-apache', namespace: 'hpa-example' }, containers: [{ image: 'registry.k8s.io/hpa-example:latest' }] });
    new AutoscalingDashboard(chart, 'Dashboard', { requestRateQuery: 'sum(rate(http_requests_total[1m]))', workload: WorkloadReference.fromWorkload(workload) });
    const { json } = dashboardOf(chart);
    expect(json.title).toBe('Horizontal Pod Autoscaling');
    expect(json.panels[4].targets[0].expr).toBe('sum(kube_deployment_status_replicas{deployment="php-apache",namespace="hpa-example"})');
    expect(json.panels[1].targets[0].expr).toBe('count(kubelet_node_name) by (node_kubernetes_io_instance_type)');
  });

  test('charts the replicas of a Deployment referenced by name, and refuses other kinds', () => {
    const chart = Testing.chart();
    new AutoscalingDashboard(chart, 'Dashboard', { requestRateQuery: 'up', workload: WorkloadReference.fromName({ name: 'php-apache' }) });
    expect(dashboardOf(chart).json.panels[4].targets[0].expr).toBe('sum(kube_deployment_status_replicas{deployment="php-apache"})');
    expect(() => new AutoscalingDashboard(chart, 'Other', { requestRateQuery: 'up', workload: WorkloadReference.fromName({ name: 'db', kind: 'StatefulSet' }) }))
      .toThrow('[test/Other] workload: got "StatefulSet/db (apps/v1)"; must be an apps/v1 Deployment (kube_deployment_status_replicas); give replicasQuery for other kinds');
  });

  test('throws unless exactly one of workload and replicasQuery is given', () => {
    const chart = Testing.chart();
    expect(() => new AutoscalingDashboard(chart, 'Dashboard', { requestRateQuery: 'up' }))
      .toThrow('[test/Dashboard] workload: got undefined; give exactly one of workload and replicasQuery');
  });

  test('throws on a malformed request rate query', () => {
    const chart = Testing.chart();
    expect(() => new AutoscalingDashboard(chart, 'Dashboard', { requestRateQuery: 'sum(rate(x[1m])', replicasQuery: 'up' }))
      .toThrow('[test/Dashboard] panels[3].queries[0].expr: got "sum(rate(x[1m])"; must be a PromQL expression with balanced (), [], {} and quotes');
  });
});

describe('GrafanaDashboard', () => {
  test('renders a custom sidecar label, tags, refresh, range and wraps panels past 24 columns', () => {
    const chart = Testing.chart();
    const dashboard = new GrafanaDashboard(chart, 'Dashboard', {
      title: 'Webinar',
      uid: 'webinar',
      sidecarLabel: 'grafana.com/dashboard',
      sidecarLabelValue: 'webinar',
      tags: ['autoscaling'],
      refresh: Duration.seconds(30),
      timeRange: Duration.hours(1),
      panels: [DashboardPanel.timeSeries({ title: 'TPS', queries: [{ expr: 'sum(rate(http_requests_total[1m]))', legend: 'tps' }], width: 16 })],
    });
    dashboard.addPanel(DashboardPanel.timeSeries({ title: 'CPU', queries: [{ expr: 'sum(rate(container_cpu_usage_seconds_total{container="moc"}[1m]))' }], width: 16, height: 6 }));
    const { configMap, json } = dashboardOf(chart);
    expect(configMap.metadata.labels).toEqual({ 'grafana.com/dashboard': 'webinar' });
    expect(json).toMatchObject({ tags: ['autoscaling'], refresh: '30s', time: { from: 'now-1h' } });
    expect(json.panels.map((p: any) => p.gridPos)).toEqual([{ h: 8, w: 16, x: 0, y: 0 }, { h: 6, w: 16, x: 0, y: 8 }]);
    expect(json.panels[0].targets[0].legendFormat).toBe('tps');
    expectValidManifests(Testing.synth(chart));
  });

  test.each<[string, () => DashboardPanel, string]>([
    ['a width above 24', () => DashboardPanel.timeSeries({ title: 'a', queries: [{ expr: 'up' }], width: 25 }), 'panels[0].width: got 25; must be an integer from 1 to 24'],
    ['a panel without queries', () => DashboardPanel.timeSeries({ title: 'a', queries: [] }), 'panels[0].queries: got 0; a panel needs 1 to 26 queries'],
    ['an empty query', () => DashboardPanel.timeSeries({ title: 'a', queries: [{ expr: ' ' }] }), 'panels[0].queries[0].expr: got " "; must be a PromQL expression'],
    ['an unterminated string', () => DashboardPanel.timeSeries({ title: 'a', queries: [{ expr: 'up{job="x}' }] }), 'panels[0].queries[0].expr: got "up{job=\\"x}"; must be a PromQL expression'],
    ['an empty title', () => DashboardPanel.row(''), 'panels[0].title: got ""; must not be empty'],
    ['a height beyond int32', () => DashboardPanel.timeSeries({ title: 'a', queries: [{ expr: 'up' }], height: 2 ** 31 }), 'panels[0].height: got 2147483648; must be an integer from 1 to 2147483647'],
    ['a NaN width', () => DashboardPanel.timeSeries({ title: 'a', queries: [{ expr: 'up' }], width: NaN }), 'panels[0].width: got NaN; must be an integer from 1 to 24'],
    ['a forged panel', () => ({ panelType: 'timeseries', title: 'a' }) as any, 'panels[0]: got {"panelType":"timeseries","title":"a"}; must be made by DashboardPanel'],
  ])('throws on %s', (_name, panel, message) => {
    const chart = Testing.chart();
    const dashboard = new GrafanaDashboard(chart, 'Dashboard', { title: 'x' });
    expect(() => dashboard.addPanel(panel())).toThrow(`[test/Dashboard] ${message}`);
  });

  test('throws on an invalid uid, title, label and sub-second refresh', () => {
    const chart = Testing.chart();
    expect(() => new GrafanaDashboard(chart, 'A', { title: 'x', uid: 'has space' })).toThrow('[test/A] uid: got "has space"; must be 1-40 letters, digits, "-" or "_"');
    expect(() => new GrafanaDashboard(chart, 'B', { title: ' ' })).toThrow('[test/B] title: got " "; must not be empty');
    expect(() => new GrafanaDashboard(chart, 'C', { title: 'x', sidecarLabelValue: 'not valid' })).toThrow('[test/C] metadata.labels["grafana_dashboard"]: got "not valid"; must be a label value');
    expect(() => new GrafanaDashboard(chart, 'D', { title: 'x', refresh: Duration.millis(500) })).toThrow('[test/D] refresh: got "500 millis"; must be a whole number of seconds');
    expect(() => new GrafanaDashboard(chart, 'E', { title: 'x', timeRange: Duration.seconds(NaN) })).toThrow('[test/E] timeRange: got "NaN ms"; must be a whole number of seconds');
    expect(() => new GrafanaDashboard(chart, 'F', { title: 'x', timeRange: Duration.days(2 ** 31) })).toThrow('[test/F] timeRange: got "2147483648 days"; must be at most 2562047h47m16s');
    expect(() => new GrafanaDashboard(chart, 'G', { title: 'x', timeRange: Duration.seconds(0) })).toThrow('[test/G] timeRange: got "0 seconds"; must be at least one second (GD-09)');
    expect(() => new GrafanaDashboard(chart, 'H', { title: 'x', refresh: Duration.millis(0) })).toThrow('[test/H] refresh: got "0 millis"; must be at least one second (GD-09)');
  });

  test('throws on bad metadata: labels, namespace, annotations, and a name from an unset environment variable', () => {
    const chart = Testing.chart();
    expect(() => new GrafanaDashboard(chart, 'A', { title: 'x', metadata: { labels: { 'a b': 'x' } } })).toThrow('[test/A] metadata.labels key: got "a b"');
    expect(() => new GrafanaDashboard(chart, 'B', { title: 'x', metadata: { namespace: 'Istio_Ingress' } })).toThrow('[test/B] metadata.namespace: got "Istio_Ingress"; must be a DNS-1123 label');
    expect(() => new GrafanaDashboard(chart, 'C', { title: 'x', metadata: { annotations: { 'a b': 'x' } } })).toThrow('[test/C] metadata.annotations key: got "a b"; must be a qualified name');
    expect(() => new GrafanaDashboard(chart, 'D', { title: 'x', metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET ?? '' } })).toThrow('[test/D] metadata.name: got ""');
  });

  test('throws on a workload referenced by a name that would break the replicas query', () => {
    const chart = Testing.chart();
    expect(() => new AutoscalingDashboard(chart, 'A', { requestRateQuery: 'sum(up)', workload: WorkloadReference.fromName({ name: 'web"}) or vector(1' }) }))
      .toThrow('[test/A] workload.name: got "web\\"}) or vector(1"; must be a DNS-1123 subdomain');
    expect(() => new AutoscalingDashboard(chart, 'B', { requestRateQuery: 'sum(up)', workload: { name: 'web', isDeployment: true } as any }))
      .toThrow('[test/B] workload: got {"name":"web","isDeployment":true}; must be made by WorkloadReference');
  });
});
