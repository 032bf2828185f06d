import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ServiceReference } from '../../src/common/references';
import { warningsOf } from '../../src/core/warnings';
import { MonitorNamespaceSelector, PrometheusSelector, RelabelRule, ScrapeScheme, ServiceMonitor } from '../../src/prometheus';
import { expectValidManifests } from '../support/manifest-validator';

function chartWithService(opts: { namespace?: string; serviceNamespace?: string; portName?: string; labels?: Record<string, string> } = {}) {
  const chart = Testing.chart();
  const service = new kplus.Service(chart, 'Svc', {
    metadata: { name: 'montecarlo-pi', namespace: opts.serviceNamespace, labels: opts.labels ?? { app: 'montecarlo-pi' } },
    ports: [{ port: 80, targetPort: 8080, name: opts.portName ?? 'http' }],
  });
  return { chart, service };
}

function monitorDoc(chart: Chart) {
  return Testing.synth(chart).find(d => d.kind === 'ServiceMonitor');
}

describe('ServiceMonitor', () => {
  test('reproduces seed 000 montecarlo-pi with the release label', () => {
    const { chart, service } = chartWithService();
    new ServiceMonitor(chart, 'Monitor', {
      metadata: { name: 'montecarlo-pi', labels: { app: 'montecarlo-pi' } },
      service: ServiceReference.fromService(service),
      port: 'http',
      prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
    });
    const doc = monitorDoc(chart);
    expect(doc).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'montecarlo-pi', labels: { app: 'montecarlo-pi', release: 'prometheus' } },
      spec: { selector: { matchLabels: { app: 'montecarlo-pi' } }, endpoints: [{ port: 'http' }] },
    });
    expectValidManifests(Testing.synth(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('reproduces seed 003 moc-sm with a 10s interval and no selector label', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Svc', {
      metadata: { name: 'moc', namespace: 'moc', labels: { app: 'moc' } },
      ports: [{ port: 8000, name: 'http' }],
    });
    new ServiceMonitor(chart, 'Monitor', {
      metadata: { name: 'moc-sm', namespace: 'moc' },
      service: ServiceReference.fromService(service),
      port: 'http',
      interval: Duration.seconds(10),
      prometheusSelector: PrometheusSelector.all(),
    });
    expect(monitorDoc(chart)).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'moc-sm', namespace: 'moc' },
      spec: { selector: { matchLabels: { app: 'moc' } }, endpoints: [{ port: 'http', interval: '10s' }] },
    });
    expectValidManifests(Testing.synth(chart));
  });

  test('renders path, scheme, timeout, honorLabels, relabelings and extra endpoints', () => {
    const { chart, service } = chartWithService();
    service.bind(9090, { name: 'metrics' });
    const monitor = new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromService(service),
      port: 'http',
      path: '/stats',
      scheme: ScrapeScheme.HTTPS,
      interval: Duration.seconds(30),
      scrapeTimeout: Duration.millis(1500),
      honorLabels: true,
      jobLabel: 'app',
      scrapeClass: 'istio-mtls',
      relabelings: [RelabelRule.replace({ sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' })],
      metricRelabelings: [RelabelRule.drop({ sourceLabels: ['__name__'], regex: 'go_.*' })],
      prometheusSelector: PrometheusSelector.withLabels({ team: 'platform' }),
    });
    monitor.addEndpoint({ port: 'metrics', interval: Duration.minutes(1) });
    const spec = monitorDoc(chart).spec;
    expect(spec.jobLabel).toBe('app');
    expect(spec.scrapeClass).toBe('istio-mtls');
    expect(spec.endpoints).toEqual([
      {
        port: 'http',
        path: '/stats',
        scheme: 'https',
        interval: '30s',
        scrapeTimeout: '1s500ms',
        honorLabels: true,
        relabelings: [{ action: 'replace', sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' }],
        metricRelabelings: [{ action: 'drop', sourceLabels: ['__name__'], regex: 'go_.*' }],
      },
      { port: 'metrics', interval: '1m' },
    ]);
    expectValidManifests(Testing.synth(chart));
  });

  test('selects the Service by labels added after the monitor was created', () => {
    const { chart, service } = chartWithService();
    new ServiceMonitor(chart, 'Monitor', { service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.all() });
    service.metadata.addLabel('tier', 'web');
    expect(monitorDoc(chart).spec.selector.matchLabels).toEqual({ app: 'montecarlo-pi', tier: 'web' });
  });

  test('adds a namespaceSelector when the Service is in another namespace', () => {
    const { chart, service } = chartWithService({ serviceNamespace: 'apps' });
    new ServiceMonitor(chart, 'Monitor', {
      metadata: { namespace: 'monitoring' }, service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.all(),
    });
    expect(monitorDoc(chart).spec.namespaceSelector).toEqual({ matchNames: ['apps'] });
  });

  test('renders an explicit any-namespace selector', () => {
    const { chart, service } = chartWithService();
    new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromService(service), port: 'http', namespaceSelector: MonitorNamespaceSelector.all(), prometheusSelector: PrometheusSelector.all(),
    });
    expect(monitorDoc(chart).spec.namespaceSelector).toEqual({ any: true });
  });

  test('warns when the monitor has a namespace and the Service does not', () => {
    const { chart, service } = chartWithService();
    const monitor = new ServiceMonitor(chart, 'Monitor', {
      metadata: { namespace: 'monitoring' }, service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.all(),
    });
    Testing.synth(chart);
    expect(warningsOf(monitor)).toEqual([expect.stringContaining('Service "montecarlo-pi" has no namespace')]);
  });

  test('fails when the endpoint port is not a named port of the Service', () => {
    const { chart, service } = chartWithService();
    new ServiceMonitor(chart, 'Monitor', { service: ServiceReference.fromService(service), port: 'metrics', prometheusSelector: PrometheusSelector.all() });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Monitor\] endpoints\[0\]\.port: got "metrics"; must be the name of a port of Service "montecarlo-pi" \(its ports: http=80\)/);
  });

  test('fails when the Service port is unnamed', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Svc', { metadata: { labels: { app: 'a' } }, ports: [{ port: 8080 }] });
    new ServiceMonitor(chart, 'Monitor', { service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.all() });
    expect(() => Testing.synth(chart)).toThrow(/endpoints\[0\]\.port: got "http"; .*its ports: 8080\)/);
  });

  test('fails when the Service has no labels to select it by', () => {
    const { chart, service } = chartWithService({ labels: {} });
    new ServiceMonitor(chart, 'Monitor', { service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.all() });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Monitor\] service: got "montecarlo-pi"; the Service has no metadata labels/);
  });

  test('throws when scrapeTimeout exceeds interval', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromService(service), port: 'http', interval: Duration.seconds(15), scrapeTimeout: Duration.seconds(30), prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/Monitor] endpoints[0].scrapeTimeout: got "30s"; must not exceed interval 15s');
  });

  test('throws when scrapeTimeout alone exceeds the default interval', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromService(service), port: 'http', scrapeTimeout: Duration.minutes(1), prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/Monitor] endpoints[0].scrapeTimeout: got "1m"; must not exceed the scrape interval');
  });

  test('throws on a zero interval and on sub-millisecond precision', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'A', {
      service: ServiceReference.fromService(service), port: 'http', interval: Duration.seconds(0), prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/A] endpoints[0].interval: got "0 seconds"; must be a positive duration');
    expect(() => new ServiceMonitor(chart, 'B', {
      service: ServiceReference.fromService(service), port: 'http', interval: Duration.millis(0.5), prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/B] endpoints[0].interval: got "0.5 millis"; must be a whole, non-negative number of milliseconds');
  });

  test('throws on a relative path', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromService(service), port: 'http', path: 'metrics', prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/Monitor] endpoints[0].path: got "metrics"; must be an absolute HTTP path starting with "/"');
  });

  test('throws when a metadata label contradicts the Prometheus selector', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      metadata: { labels: { release: 'other' } }, service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
    })).toThrow('[test/Monitor] metadata.labels["release"]: got "other"; conflicts with the Prometheus selector label release=prometheus');
  });

  test('throws on an invalid selector label value', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.helmRelease('my release'),
    })).toThrow('[test/Monitor] prometheusSelector["release"]: got "my release"; must be a label value');
  });

  test('throws on an empty scrapeClass and an invalid jobLabel', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'A', {
      service: ServiceReference.fromService(service), port: 'http', scrapeClass: '', prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/A] scrapeClass: got ""; must not be empty');
    expect(() => new ServiceMonitor(chart, 'B', {
      service: ServiceReference.fromService(service), port: 'http', jobLabel: 'bad label', prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/B] jobLabel: got "bad label"; must be a qualified name');
  });

  test('throws on an empty namespace list', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromService(service), port: 'http', namespaceSelector: MonitorNamespaceSelector.of(), prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/Monitor] namespaceSelector: got []; name at least one namespace');
  });

  test('scrapes a Service referenced by name, selected by the labels given with it', () => {
    const chart = Testing.chart();
    const monitor = new ServiceMonitor(chart, 'Monitor', {
      metadata: { name: 'gateway', namespace: 'monitoring' },
      service: ServiceReference.fromServiceName('istio-ingressgateway', { namespace: 'istio-system', labels: { istio: 'ingressgateway' } }),
      port: 'http-envoy-prom',
      path: '/stats/prometheus',
      prometheusSelector: PrometheusSelector.all(),
    });
    const doc = monitorDoc(chart);
    expect(doc.spec).toEqual({
      selector: { matchLabels: { istio: 'ingressgateway' } },
      namespaceSelector: { matchNames: ['istio-system'] },
      endpoints: [{ port: 'http-envoy-prom', path: '/stats/prometheus' }],
    });
    expect(ApiObject.of(monitor)).toBe(monitor);
    expect(warningsOf(monitor)).toEqual([]);
    expectValidManifests(Testing.synth(chart));
  });

  test('throws when a Service referenced by name comes without labels', () => {
    const chart = Testing.chart();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      service: ServiceReference.fromServiceName('api'), port: 'http', prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/Monitor] service: got "api"; a Service referenced by name needs the labels to select it by');
  });

  test.each<[string, () => ServiceReference, string]>([
    ['an empty name', () => ServiceReference.fromServiceName('', { labels: { app: 'api' } }), 'service.name: got ""; must be a DNS-1123 label'],
    ['a name with capitals', () => ServiceReference.fromServiceName('Api_Svc', { labels: { app: 'api' } }), 'service.name: got "Api_Svc"; must be a DNS-1123 label'],
    ['a namespace with "_"', () => ServiceReference.fromServiceName('api', { labels: { app: 'api' }, namespace: 'istio_system' }),
      'service.namespace: got "istio_system"; must be a DNS-1123 label'],
    ['a label key with a space', () => ServiceReference.fromServiceName('api', { labels: { 'a b': 'api' } }), 'service.labels key: got "a b"; must be a qualified name'],
    ['a forged reference', () => ({ name: 'api', labels: { app: 'api' } }) as any, 'service: got {"name":"api","labels":{"app":"api"}}; must be made by ServiceReference'],
  ])('throws on a Service referenced by name with %s, where it is used', (_case, ref, message) => {
    const chart = Testing.chart();
    expect(() => new ServiceMonitor(chart, 'Monitor', { service: ref(), port: 'http', prometheusSelector: PrometheusSelector.all() }))
      .toThrow(`[test/Monitor] ${message}`);
  });

  test('throws on an endpoint port no Service port can be named, and on forged settings', () => {
    const chart = Testing.chart();
    const service = ServiceReference.fromServiceName('api', { labels: { app: 'api' } });
    expect(() => new ServiceMonitor(chart, 'A', { service, port: '', prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/A] endpoints[0].port: got ""; must be a DNS-1123 label');
    expect(() => new ServiceMonitor(chart, 'B', { service, port: 'http', prometheusSelector: { matchLabels: {} } as any }))
      .toThrow('[test/B] prometheusSelector: got {"matchLabels":{}}; must be made by PrometheusSelector: PrometheusSelector.helmRelease(...)');
    expect(() => new ServiceMonitor(chart, 'C', { service, port: 'http', scheme: { value: 'ftp' } as any, prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/C] endpoints[0].scheme: got {"value":"ftp"}; must be made by ScrapeScheme: ScrapeScheme.HTTP, ScrapeScheme.HTTPS');
    expect(() => new ServiceMonitor(chart, 'D', { service, port: 'http', relabelings: [{ action: 'drop' } as any], prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/D] endpoints[0].relabelings[0]: got {"action":"drop"}; must be made by RelabelRule');
    expect(() => new ServiceMonitor(chart, 'E', { service, port: 'http', namespaceSelector: { allNamespaces: true } as any, prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/E] namespaceSelector: got {"allNamespaces":true}; must be made by MonitorNamespaceSelector');
    expect(() => new ServiceMonitor(chart, 'F', { service, port: 'http', interval: Duration.seconds(NaN), prometheusSelector: PrometheusSelector.all() }))
      .toThrow('[test/F] endpoints[0].interval: got "NaN ms"; must be a whole, non-negative number of milliseconds (GEN-11)');
  });

  test('throws on bad metadata: labels, namespace, and a name from an unset environment variable', () => {
    const chart = Testing.chart();
    const props = { service: ServiceReference.fromServiceName('api', { labels: { app: 'api' } }), port: 'http', prometheusSelector: PrometheusSelector.all() };
    expect(() => new ServiceMonitor(chart, 'A', { ...props, metadata: { labels: { 'a b': 'x' } } })).toThrow('[test/A] metadata.labels key: got "a b"');
    expect(() => new ServiceMonitor(chart, 'B', { ...props, metadata: { namespace: 'Istio_Ingress' } })).toThrow('[test/B] metadata.namespace: got "Istio_Ingress"');
    expect(() => new ServiceMonitor(chart, 'C', { ...props, metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET ?? '' } })).toThrow('[test/C] metadata.name: got ""');
  });

  test('checks its metadata in the custom-resource base', () => {
    const { chart, service } = chartWithService();
    expect(() => new ServiceMonitor(chart, 'Monitor', {
      metadata: { name: 'Not_A_Name' }, service: ServiceReference.fromService(service), port: 'http', prometheusSelector: PrometheusSelector.all(),
    })).toThrow('[test/Monitor] metadata.name: got "Not_A_Name"');
  });
});
