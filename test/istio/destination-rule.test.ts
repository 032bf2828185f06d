import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ServiceReference } from '../../src/common/references';
import { DestinationRule, DestinationRuleProps, LoadBalancerAlgorithm } from '../../src/istio';
import { expectValidManifests } from '../support/manifest-validator';

function setup() {
  const chart = Testing.chart();
  const svc = new kplus.Service(chart, 'Svc', { metadata: { name: 'moc', labels: { app: 'moc' } }, ports: [{ port: 8000 }] });
  return { chart, service: ServiceReference.fromService(svc) };
}

describe('DestinationRule', () => {
  test('renders timeouts, HTTP/2 limits, retries budget, load balancer and subsets', () => {
    const { chart, service } = setup();
    const rule = new DestinationRule(chart, 'Policy', {
      service,
      connectionPool: { connectTimeout: Duration.seconds(2), http2MaxRequests: 200, maxRetries: 3, idleTimeout: Duration.minutes(5) },
      outlierDetection: { consecutiveGatewayErrors: 5, minHealthPercent: 50 },
      loadBalancer: LoadBalancerAlgorithm.ROUND_ROBIN,
    });
    rule.addSubset('v1', { version: 'v1' });
    const doc = Testing.synth(chart).find(d => d.kind === 'DestinationRule');
    expect(doc.spec).toEqual({
      host: 'moc',
      trafficPolicy: {
        connectionPool: { tcp: { connectTimeout: '2s' }, http: { http2MaxRequests: 200, maxRetries: 3, idleTimeout: '5m' } },
        outlierDetection: { consecutiveGatewayErrors: 5, minHealthPercent: 50 },
        loadBalancer: { simple: 'ROUND_ROBIN' },
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
    expectValidManifests(Testing.synth(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('omits the traffic policy when none is given', () => {
    const { chart, service } = setup();
    new DestinationRule(chart, 'Policy', { service });
    expect(Testing.synth(chart).find(d => d.kind === 'DestinationRule').spec).toEqual({ host: 'moc' });
  });

  test('names a Service referenced by name by its FQDN, in the DestinationRule\'s namespace unless given one', () => {
    const chart = Testing.chart();
    new DestinationRule(chart, 'Same', { metadata: { namespace: 'moc' }, service: ServiceReference.fromServiceName('moc') });
    new DestinationRule(chart, 'Other', { metadata: { namespace: 'moc' }, service: ServiceReference.fromServiceName('grafana', { namespace: 'prometheus' }) });
    const docs = Testing.synth(chart);
    expect(docs.map(d => d.spec.host)).toEqual(['moc.moc.svc.cluster.local', 'grafana.prometheus.svc.cluster.local']);
    expectValidManifests(docs);
  });

  test.each<[string, Partial<DestinationRuleProps>, string]>([
    ['zero max connections', { connectionPool: { maxConnections: 0 } }, 'connectionPool.maxConnections: got 0; must be an integer from 1 to 2147483647'],
    ['an empty connection pool', { connectionPool: {} }, 'connectionPool: got {}; set at least one limit, or omit connectionPool'],
    ['a sub-millisecond connect timeout', { connectionPool: { connectTimeout: Duration.millis(0) } }, 'connectionPool.connectTimeout: got "0 millis"; must be at least 1ms'],
    ['an ejection percent above 100', { outlierDetection: { maxEjectionPercent: 150 } }, 'outlierDetection.maxEjectionPercent: got 150; must be an integer from 0 to 100'],
    ['an invalid Service name', { service: ServiceReference.fromServiceName('Moc') }, 'service.name: got "Moc"; must be a DNS-1123 label'],
    ['negative consecutive errors', { outlierDetection: { consecutive5xxErrors: -1 } }, 'outlierDetection.consecutive5xxErrors: got -1; must be an integer from 0 to 4294967295'],
    ['an empty Service name', { service: ServiceReference.fromServiceName('') }, 'service.name: got ""; must be a DNS-1123 label'],
    ['a Service namespace with "_"', { service: ServiceReference.fromServiceName('moc', { namespace: 'istio_system' }) }, 'service.namespace: got "istio_system"; must be a DNS-1123 label'],
    ['a forged Service reference', { service: { name: 'moc' } as any }, 'service: got {"name":"moc"}; must be made by ServiceReference'],
    ['a forged load balancer', { loadBalancer: { value: 'ROUND_ROBIN' } as any }, 'loadBalancer: got {"value":"ROUND_ROBIN"}; must be made by LoadBalancerAlgorithm'],
    ['a NaN idle timeout', { connectionPool: { idleTimeout: Duration.seconds(NaN) } }, 'connectionPool.idleTimeout: got "NaN ms"'],
    ['a connect timeout beyond a Go duration', { connectionPool: { connectTimeout: Duration.days(2 ** 31) } }, 'connectionPool.connectTimeout: got "2147483648 days"; must be at most 2562047h47m16s'],
    ['max connections beyond int32, the CRD\'s format', { connectionPool: { maxConnections: 2 ** 31 } }, 'connectionPool.maxConnections: got 2147483648; must be an integer from 1 to 2147483647'],
    ['retries beyond int32', { connectionPool: { maxRetries: 2 ** 31 } }, 'connectionPool.maxRetries: got 2147483648; must be an integer from 0 to 2147483647'],
  ])('throws on %s', (_name, props, message) => {
    const { chart, service } = setup();
    expect(() => new DestinationRule(chart, 'Policy', { service, ...props })).toThrow(`[test/Policy] ${message}`);
  });

  test('throws on invalid and duplicate subsets', () => {
    const { chart, service } = setup();
    const rule = new DestinationRule(chart, 'Policy', { service });
    rule.addSubset('v1', { version: 'v1' });
    expect(() => rule.addSubset('v1', { version: 'v2' })).toThrow('[test/Policy] subsets[1].name: got "v1"; subset names must be unique');
    expect(() => rule.addSubset('V2', { version: 'v2' })).toThrow('[test/Policy] subsets[1].name: got "V2"; must be a DNS-1123 label');
    expect(() => rule.addSubset('v3', {})).toThrow('[test/Policy] subsets[1].labels: got {}; a subset needs at least one label');
  });
});
