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
    ['an invalid host', { hosts: ['Moc_Svc'] }, 'hosts[0]: got "Moc_Svc"; must be "*", "*.<domain>", a short Service name, a lower-case DNS name or an IP address; its label "Moc_Svc" is not a lower-case DNS label'],
    ['a host whose top-level domain is all digits, as istiod refuses it', { hosts: ['foo.123'] }, 'hosts[0]: got "foo.123"; must be "*", "*.<domain>", a short Service name, a lower-case DNS name or an IP address; its top-level domain "123" is all digits, which only an IP address may be (VS-14)'],
    ['a wildcard that is not the leftmost label', { hosts: ['api.*.example.com'] }, 'hosts[0]: got "api.*.example.com"'],
    ['an empty label', { hosts: ['api..example.com'] }, 'hosts[0]: got "api..example.com"; must be "*"'],
    ['an empty host', { hosts: [''] }, 'hosts[0]: got ""; must be "*"'],
  ])('throws on %s', (_name, props, message) => {
    const { chart } = setup();
    expect(() => new VirtualService(chart, 'Routes', props as any)).toThrow(`[test/Routes] ${message}`);
  });

  test.each<[string, (s: ServiceReference) => HttpRouteOptions, string]>([
    ['a route with neither destination nor direct response', () => ({}), 'http[0]: got {"destinations":0,"directResponse":false}; give exactly one of destinations (non-empty) or directResponse, or a redirect instead (VS-06)'],
    ['a route with both', s => ({ destinations: [RouteDestination.toService(s)], directResponse: { status: 200 } }), 'http[0]: got {"destinations":1,"directResponse":true}; give exactly one'],
    ['negative retry attempts', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: -1 } }), 'http[0].retries.attempts: got -1; must be an integer from 0 to 2147483647'],
    ['retry settings with 0 attempts', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 0, retryOn: [HttpRetryOn.FIVE_XX] } }), 'http[0].retries.attempts: got 0; retries are disabled with 0 attempts'],
    ['an empty retryOn list', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 1, retryOn: [] } }), 'http[0].retries.retryOn: got []; name at least one condition'],
    ['an invalid retry status code', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 1, retryOn: [HttpRetryOn.statusCode(700)] } }), 'http[0].retries.retryOn[0]: got 700; must be an integer from 100 to 599'],
    ['a sub-millisecond timeout', s => ({ destinations: [RouteDestination.toService(s)], timeout: Duration.millis(0) }), 'http[0].timeout: got "0 millis"; must be at least 1ms'],
    ['a perTryTimeout of zero', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 1, perTryTimeout: Duration.seconds(0) } }), 'http[0].retries.perTryTimeout: got "0 seconds"; must be at least 1ms'],
    ['a weight above 100', s => ({ destinations: [RouteDestination.toService(s, { weight: 101 })] }), 'http[0].route[0].weight: got 101; must be an integer from 0 to 100'],
    ['all weights zero', s => ({ destinations: [RouteDestination.toService(s, { weight: 0 }), RouteDestination.toHost('b', { weight: 0 })] }), 'http[0].route: got [0,0]; the total destination weight must be above 0 (VS-08)'],
    ['a destination port out of range', s => ({ destinations: [RouteDestination.toService(s, { port: 0 })] }), 'http[0].route[0].destination.port.number: got 0; must be an integer from 1 to 65535'],
    ['an invalid destination host', () => ({ destinations: [RouteDestination.toHost('not a host')] }), 'http[0].route[0].destination.host: got "not a host"'],
    ['an invalid Service name', () => ({ destinations: [RouteDestination.toService(ServiceReference.fromServiceName('Moc_Svc'))] }), 'http[0].route[0].destination.service.name: got "Moc_Svc"; must be a DNS-1123 label'],
    ['a direct response status below 200', () => ({ directResponse: { status: 100 } }), 'http[0].directResponse.status: got 100; must be an integer from 200 to 599'],
    ['an invalid regex match', s => ({ matches: [HttpRouteMatch.regex('(?=x)')], destinations: [RouteDestination.toService(s)] }), 'http[0].match[0].uri.regex: got "(?=x)"; must be an RE2 regular expression'],
    ['an empty prefix', s => ({ matches: [HttpRouteMatch.prefix('')], destinations: [RouteDestination.toService(s)] }), 'http[0].match[0].uri.prefix: got ""; must not be empty'],
    ['a destination host whose top-level domain is all digits', () => ({ destinations: [RouteDestination.toHost('backend.2')] }), 'http[0].route[0].destination.host: got "backend.2"'],
    ['an IP address as a destination host, which istiod refuses', () => ({ destinations: [RouteDestination.toHost('10.0.0.1')] }),
      'http[0].route[0].destination.host: got "10.0.0.1"; must be "*.<domain>", a short Service name or a lower-case DNS name; it is an IP address'],
    ['retry attempts beyond int32', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 2 ** 31 } }), 'http[0].retries.attempts: got 2147483648; must be an integer from 0 to 2147483647'],
    ['a NaN timeout', s => ({ destinations: [RouteDestination.toService(s)], timeout: Duration.seconds(NaN) }), 'http[0].timeout: got "NaN ms"; must be a whole, non-negative number of milliseconds'],
    ['a fractional-millisecond timeout', s => ({ destinations: [RouteDestination.toService(s)], timeout: Duration.millis(1.5) }), 'http[0].timeout: got "1.5 millis"'],
    ['a NaN weight', s => ({ destinations: [RouteDestination.toService(s, { weight: NaN })] }), 'http[0].route[0].weight: got NaN; must be an integer from 0 to 100'],
    ['an empty Service name', () => ({ destinations: [RouteDestination.toService(ServiceReference.fromServiceName(''))] }), 'http[0].route[0].destination.service.name: got ""'],
    ['a forged destination', () => ({ destinations: [{ host: 'moc', options: {} } as any] }), 'http[0].route[0]: got {"host":"moc","options":{}}; must be made by RouteDestination'],
    ['a forged match', s => ({ matches: [{ conditions: {} } as any], destinations: [RouteDestination.toService(s)] }), 'http[0].match[0]: got {"conditions":{}}; must be made by HttpRouteMatch'],
    ['a forged string match', s => ({ matches: [HttpRouteMatch.allOf({ uri: { kind: 'exact', value: '/' } as any })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].uri: got {"kind":"exact","value":"/"}; must be made by HttpStringMatch'],
    ['a forged header match', s => ({ matches: [HttpRouteMatch.allOf({ headers: { 'x-a': { kind: 'regex', value: '(?=x)' } as any } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers["x-a"]: got {"kind":"regex","value":"(?=x)"}; must be made by HttpStringMatch'],
    ['a forged method', s => ({ matches: [HttpRouteMatch.allOf({ method: { value: 'GET' } as any })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].method: got {"value":"GET"}; must be made by HttpMethod'],
    ['a forged retry condition', s => ({ destinations: [RouteDestination.toService(s)], retries: { attempts: 1, retryOn: [{ value: '5xx' } as any] } }),
      'http[0].retries.retryOn[0]: got {"value":"5xx"}; must be made by HttpRetryOn'],
    ['a forged redirect scheme', () => ({ redirect: { scheme: { value: 'https' } as any } }), 'http[0].redirect.scheme: got {"value":"https"}; must be made by HttpRedirectScheme'],
    ['a forged redirect port', () => ({ redirect: { port: { port: 443 } as any } }), 'http[0].redirect.port: got {"port":443}; must be made by HttpRedirectPort'],
  ])('throws on %s', (_name, route, message) => {
    const { chart, service } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'] });
    expect(() => vs.addHttpRoute(route(ServiceReference.fromService(service)))).toThrow(`[test/Routes] ${message}`);
  });
});

describe('VirtualService hosts as istiod accepts them', () => {
  test('accepts IP addresses as hosts, which istiod allows for VirtualServices', () => {
    const { chart, service } = setup();
    new VirtualService(chart, 'Routes', {
      hosts: ['10.0.0.1', '2001:db8::1'],
      httpRoutes: [{ destinations: [RouteDestination.toService(ServiceReference.fromService(service))], timeout: Duration.seconds(5) }],
    });
    expect(vsDoc(chart).spec.hosts).toEqual(['10.0.0.1', '2001:db8::1']);
    expectValidManifests(Testing.synth(chart));
  });

  test('throws on bad metadata: labels, namespace, and a name from an unset environment variable', () => {
    const { chart } = setup();
    expect(() => new VirtualService(chart, 'A', { hosts: ['moc'], metadata: { labels: { 'a b': 'x' } } })).toThrow('[test/A] metadata.labels key: got "a b"');
    expect(() => new VirtualService(chart, 'B', { hosts: ['moc'], metadata: { namespace: 'Istio_Ingress' } })).toThrow('[test/B] metadata.namespace: got "Istio_Ingress"');
    expect(() => new VirtualService(chart, 'C', { hosts: ['moc'], metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET ?? '' } })).toThrow('[test/C] metadata.name: got ""');
  });
});
