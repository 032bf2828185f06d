import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ServiceReference } from '../../src/common/references';
import { warningsOf } from '../../src/core/warnings';
import { Gateway, GatewayProtocol, HttpRetryOn, HttpRouteMatch, HttpRouteOptions, RouteDestination, VirtualService } from '../../src/istio';
import { expectValidManifests } from '../support/manifest-validator';

function setup(namespace = 'moc') {
  const chart = Testing.chart();
  const service = new kplus.Service(chart, 'Svc', { metadata: { name: 'moc', namespace, labels: { app: 'moc' } }, ports: [{ port: 8000, name: 'http' }] });
  return { chart, service };
}

function vsDoc(chart: any) {
  return Testing.synth(chart).find(d => d.kind === 'VirtualService');
}

describe('VirtualService', () => {
  test('renders matches, weights, subsets, timeouts, every retry condition and mesh plus gateway binding', () => {
    const { chart, service } = setup();
    const canary = new kplus.Service(chart, 'Canary', { metadata: { name: 'moc-canary', namespace: 'apps' }, ports: [{ port: 80, name: 'http' }, { port: 9000, name: 'grpc' }] });
    const shared = Gateway.fromGatewayName(chart, 'Shared', 'public', 'istio-system');
    const vs = new VirtualService(chart, 'Routes', {
      metadata: { name: 'moc', namespace: 'moc' },
      hosts: ['moc.example.com'],
      gateways: [shared],
      includeMesh: true,
    });
    vs.addHttpRoute({
      name: 'api',
      matches: [HttpRouteMatch.prefix('/api'), HttpRouteMatch.regex('^/v[0-9]+/.*')],
      destinations: [
        RouteDestination.toService(ServiceReference.fromService(service), { weight: 90, subset: 'stable' }),
        RouteDestination.toService(ServiceReference.fromService(canary), { port: 9000, weight: 10 }),
      ],
      timeout: Duration.seconds(3),
      retries: {
        attempts: 2,
        perTryTimeout: Duration.seconds(1),
        retryOn: [
          HttpRetryOn.CONNECT_FAILURE, HttpRetryOn.REFUSED_STREAM, HttpRetryOn.UNAVAILABLE, HttpRetryOn.CANCELLED, HttpRetryOn.statusCode(503),
        ],
      },
    });
    const spec = vsDoc(chart).spec;
    expect(spec.gateways).toEqual(['istio-system/public', 'mesh']);
    expect(spec.http).toEqual([{
      name: 'api',
      match: [{ uri: { prefix: '/api' } }, { uri: { regex: '^/v[0-9]+/.*' } }],
      route: [
        { destination: { host: 'moc', port: { number: 8000 }, subset: 'stable' }, weight: 90 },
        { destination: { host: 'moc-canary.apps.svc.cluster.local', port: { number: 9000 } }, weight: 10 },
      ],
      timeout: '3s',
      retries: { attempts: 2, perTryTimeout: '1s', retryOn: 'connect-failure,refused-stream,unavailable,cancelled,503' },
    }]);
    expect(warningsOf(vs)).toEqual([]);
    expectValidManifests(Testing.synth(chart));
  });

  test('omits gateways when bound to the mesh only', () => {
    const { chart, service } = setup();
    new VirtualService(chart, 'Routes', { hosts: ['moc'], httpRoutes: [{ destinations: [RouteDestination.toService(ServiceReference.fromService(service))], timeout: Duration.seconds(5) }] });
    expect(vsDoc(chart).spec.gateways).toBeUndefined();
  });

  test('routes to Services referenced by name: the short name in the same namespace, the FQDN from another', () => {
    const { chart } = setup();
    new VirtualService(chart, 'Routes', {
      metadata: { name: 'moc', namespace: 'moc' },
      hosts: ['moc'],
      httpRoutes: [{
        destinations: [
          RouteDestination.toService(ServiceReference.fromServiceName('moc-v1'), { weight: 50 }),
          RouteDestination.toService(ServiceReference.fromServiceName('moc-v2', { namespace: 'moc' }), { port: 8000, weight: 30 }),
          RouteDestination.toService(ServiceReference.fromServiceName('prometheus-grafana', { namespace: 'prometheus' }), { port: 80, weight: 20 }),
        ],
        timeout: Duration.seconds(1),
      }],
    });
    expect(vsDoc(chart).spec.http[0].route).toEqual([
      { destination: { host: 'moc-v1' }, weight: 50 },
      { destination: { host: 'moc-v2', port: { number: 8000 } }, weight: 30 },
      { destination: { host: 'prometheus-grafana.prometheus.svc.cluster.local', port: { number: 80 } }, weight: 20 },
    ]);
    expectValidManifests(Testing.synth(chart));
  });

  test('warns on a route without timeout and on retries that cannot fit in the timeout', () => {
    const { chart, service } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'] });
    vs.addHttpRoute({ destinations: [RouteDestination.toService(ServiceReference.fromService(service))] });
    vs.addHttpRoute({
      destinations: [RouteDestination.toService(ServiceReference.fromService(service))],
      timeout: Duration.seconds(1),
      retries: { attempts: 3, perTryTimeout: Duration.millis(500) },
    });
    expect(warningsOf(vs)).toEqual([
      expect.stringContaining('http[0]: no timeout'),
      expect.stringContaining('http[1]: timeout 1s ends before 3 retries of 500ms can run (VS-12)'),
    ]);
  });

  test('fails when the destination port is not a port of the Service', () => {
    const { chart, service } = setup();
    new VirtualService(chart, 'Routes', { hosts: ['moc'], httpRoutes: [{ destinations: [RouteDestination.toService(ServiceReference.fromService(service), { port: 80 })], timeout: Duration.seconds(1) }] });
    expect(() => Testing.synth(chart)).toThrow('[test/Routes] http[0].route[0].destination.port.number: got 80; must be a port of Service "moc" (its ports: http=8000)');
  });

  test('fails when a multi-port Service is routed to without a port', () => {
    const { chart, service } = setup();
    service.bind(9090, { name: 'metrics' });
    new VirtualService(chart, 'Routes', { hosts: ['moc'], httpRoutes: [{ destinations: [RouteDestination.toService(ServiceReference.fromService(service))], timeout: Duration.seconds(1) }] });
    expect(() => Testing.synth(chart)).toThrow('[test/Routes] http[0].route[0].destination.port.number: got undefined; is required because Service "moc" has 2 ports');
  });

  test('fails when no host is served by a bound Gateway', () => {
    const { chart, service } = setup();
    const gateway = new Gateway(chart, 'Gateway', { metadata: { name: 'moc', namespace: 'moc' }, servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: ['moc.example.com'] }] });
    new VirtualService(chart, 'Routes', {
      hosts: ['other.example.com'], gateways: [gateway], httpRoutes: [{ destinations: [RouteDestination.toService(ServiceReference.fromService(service))], timeout: Duration.seconds(1) }],
    });
    expect(() => Testing.synth(chart)).toThrow('[test/Routes] gateways[0]: got "moc/moc"; none of the hosts ["other.example.com"] is served by the Gateway');
  });

  test('accepts a host matched by a wildcard Gateway host with a namespace prefix', () => {
    const { chart, service } = setup();
    const gateway = new Gateway(chart, 'Gateway', { servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: ['moc/*.example.com'] }] });
    new VirtualService(chart, 'Routes', {
      metadata: { namespace: 'moc' }, hosts: ['moc.example.com'], gateways: [gateway], httpRoutes: [{ destinations: [RouteDestination.toService(ServiceReference.fromService(service))], timeout: Duration.seconds(1) }],
    });
    expect(vsDoc(chart).spec.gateways).toEqual([expect.stringMatching(/^test-gateway-/)]);
  });

  test('fails without routes', () => {
    const { chart } = setup();
    new VirtualService(chart, 'Routes', { hosts: ['moc'] });
    expect(() => Testing.synth(chart)).toThrow('[test/Routes] http: got []; a VirtualService needs at least one route (VS-01)');
  });

  test.each([
    ['no hosts', { hosts: [] }, 'hosts: got []; a VirtualService needs at least one host'],
    ['a "*" host bound to the mesh', { hosts: ['*'] }, 'hosts[0]: got "*"; the wildcard host "*" is not allowed for routes bound to the mesh'],
    ['overlapping hosts', { hosts: ['*.foo.com', 'a.foo.com'] }, 'hosts[1]: got "a.foo.com"; overlaps hosts[0] "*.foo.com"'],
    ['an invalid host', { hosts: ['Moc_Svc'] }, 'hosts[0]: got "Moc_Svc"; must be "*", "*.<domain>", a short Service name or a lower-case DNS name'],
  ])('throws on %s', (_name, props, message) => {
    const { chart } = setup();
    expect(() => new VirtualService(chart, 'Routes', props as any)).toThrow(`[test/Routes] ${message}`);
  });

  test.each<[string, (s: ServiceReference) => HttpRouteOptions, string]>([
    ['a route with neither destination nor direct response', () => ({}), 'http[0]: got {"destinations":0,"directResponse":false}; give exactly one of destinations (non-empty) or directResponse, or a redirect instead (VS-06)'],
    ['a route with both', s => ({ destinations: [RouteDestination.toService(s)], directResponse: { status: 200 } }), 'http[0]: got {"destinations":1,"directResponse":true}; give exactly one'],
    ['negative retry attempts', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: -1 } }), 'http[0].retries.attempts: got -1; must be an integer >= 0'],
    ['retry settings with 0 attempts', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 0, retryOn: [HttpRetryOn.FIVE_XX] } }), 'http[0].retries.attempts: got 0; retries are disabled with 0 attempts'],
    ['an empty retryOn list', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 1, retryOn: [] } }), 'http[0].retries.retryOn: got []; name at least one condition'],
    ['an invalid retry status code', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 1, retryOn: [HttpRetryOn.statusCode(700)] } }), 'http[0].retries.retryOn[0]: got 700; must be an integer from 100 to 599'],
    ['a sub-millisecond timeout', s => ({ destinations: [RouteDestination.toService(s)], timeout: Duration.millis(0) }), 'http[0].timeout: got "0 millis"; must be at least 1ms'],
    ['a perTryTimeout of zero', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 1, perTryTimeout: Duration.seconds(0) } }), 'http[0].retries.perTryTimeout: got "0 seconds"; must be at least 1ms'],
    ['a weight above 100', s => ({ destinations: [RouteDestination.toService(s, { weight: 101 })] }), 'http[0].route[0].weight: got 101; must be an integer from 0 to 100'],
    ['all weights zero', s => ({ destinations: [RouteDestination.toService(s, { weight: 0 }), RouteDestination.toHost('b', { weight: 0 })] }), 'http[0].route: got [0,0]; the total destination weight must be above 0 (VS-08)'],
    ['a destination port out of range', s => ({ destinations: [RouteDestination.toService(s, { port: 0 })] }), 'http[0].route[0].destination.port.number: got 0; must be an integer from 1 to 65535'],
    ['an invalid destination host', () => ({ destinations: [RouteDestination.toHost('not a host')] }), 'http[0].route[0].destination.host: got "not a host"'],
    ['an invalid Service name', () => ({ destinations: [RouteDestination.toService(ServiceReference.fromServiceName('Moc_Svc'))] }), 'http[0].route[0].destination.host: got "Moc_Svc"; must be a DNS-1123 label'],
    ['a direct response status below 200', () => ({ directResponse: { status: 100 } }), 'http[0].directResponse.status: got 100; must be an integer from 200 to 599'],
    ['an invalid regex match', s => ({ matches: [HttpRouteMatch.regex('(?=x)')], destinations: [RouteDestination.toService(s)] }), 'http[0].match[0].uri.regex: got "(?=x)"; must be an RE2 regular expression'],
    ['an empty prefix', s => ({ matches: [HttpRouteMatch.prefix('')], destinations: [RouteDestination.toService(s)] }), 'http[0].match[0].uri.prefix: got ""; must not be empty'],
  ])('throws on %s', (_name, route, message) => {
    const { chart, service } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'] });
    expect(() => vs.addHttpRoute(route(ServiceReference.fromService(service)))).toThrow(`[test/Routes] ${message}`);
  });
});
