import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { warningsOf } from '../../src/core/warnings';
import {
  Gateway, GatewayProtocol, HttpMethod, HttpRedirectPort, HttpRedirectScheme, HttpRouteMatch, HttpRouteOptions, HttpStringMatch,
  RouteDestination, VirtualService,
} from '../../src/istio';
import { expectValidManifests } from '../support/manifest-validator';

function setup() {
  const chart = Testing.chart();
  const service = new kplus.Service(chart, 'Svc', { metadata: { name: 'moc', namespace: 'moc' }, ports: [{ port: 8000, name: 'http' }] });
  return { chart, service };
}

function httpOf(chart: any) {
  return Testing.synth(chart).find(d => d.kind === 'VirtualService').spec.http;
}

describe('VirtualService HTTP routes', () => {
  test('renders conditions of one match together and several matches as alternatives', () => {
    const { chart, service } = setup();
    new VirtualService(chart, 'Routes', {
      metadata: { name: 'moc', namespace: 'moc' },
      hosts: ['moc'],
      httpRoutes: [{
        name: 'canary-api',
        matches: [
          HttpRouteMatch.allOf({
            uri: HttpStringMatch.prefix('/API'),
            ignoreUriCase: true,
            headers: { 'x-canary': HttpStringMatch.exact('true'), ':path': HttpStringMatch.regex('^/api/v[0-9]+/.*') },
            withoutHeaders: { 'x-debug': HttpStringMatch.prefix('off') },
            method: HttpMethod.POST,
            queryParams: { tenant: HttpStringMatch.regex('[a-z]+'), preview: HttpStringMatch.exact('') },
            port: 8000,
            authority: HttpStringMatch.exact('moc.example.com'),
            scheme: HttpStringMatch.exact('https'),
          }),
          HttpRouteMatch.allOf({ headers: { '@request.auth.claims.groups': HttpStringMatch.exact('beta') } }),
          HttpRouteMatch.exact('/health'),
        ],
        destinations: [RouteDestination.toService(service)],
        timeout: Duration.seconds(2),
      }],
    });
    expect(httpOf(chart)[0].match).toEqual([
      {
        uri: { prefix: '/API' },
        ignoreUriCase: true,
        headers: { 'x-canary': { exact: 'true' }, ':path': { regex: '^/api/v[0-9]+/.*' } },
        withoutHeaders: { 'x-debug': { prefix: 'off' } },
        method: { exact: 'POST' },
        queryParams: { tenant: { regex: '[a-z]+' }, preview: { exact: '' } },
        port: 8000,
        authority: { exact: 'moc.example.com' },
        scheme: { exact: 'https' },
      },
      { headers: { '@request.auth.claims.groups': { exact: 'beta' } } },
      { uri: { exact: '/health' } },
    ]);
    expectValidManifests(Testing.synth(chart));
  });

  test('keeps the URI kind and value of a match readable', () => {
    expect([HttpRouteMatch.prefix('/a').kind, HttpRouteMatch.prefix('/a').value]).toEqual(['prefix', '/a']);
    expect(HttpRouteMatch.allOf({ uri: HttpStringMatch.regex('^/b$'), method: HttpMethod.GET }).kind).toEqual('regex');
    expect([HttpRouteMatch.allOf({ method: HttpMethod.GET }).kind, HttpRouteMatch.allOf({ method: HttpMethod.GET }).value]).toEqual(['', '']);
  });

  test('renders redirects with a fixed or derived port, scheme and status code', () => {
    const { chart } = setup();
    const gateway = new Gateway(chart, 'Gateway', { metadata: { name: 'moc', namespace: 'moc' }, servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: ['moc.example.com'] }] });
    new VirtualService(chart, 'Routes', {
      metadata: { name: 'moc', namespace: 'moc' },
      hosts: ['moc.example.com'],
      gateways: [gateway],
      httpRoutes: [
        { matches: [HttpRouteMatch.prefix('/old')], redirect: { uri: '/new', authority: 'new.example.com', port: HttpRedirectPort.of(8443), redirectCode: 302 } },
        { redirect: { scheme: HttpRedirectScheme.HTTPS, port: HttpRedirectPort.FROM_PROTOCOL_DEFAULT, redirectCode: 308 } },
      ],
    });
    expect(httpOf(chart)).toEqual([
      { match: [{ uri: { prefix: '/old' } }], redirect: { uri: '/new', authority: 'new.example.com', port: 8443, redirectCode: 302 } },
      { redirect: { scheme: 'https', derivePort: 'FROM_PROTOCOL_DEFAULT', redirectCode: 308 } },
    ]);
    expectValidManifests(Testing.synth(chart));
  });

  test('renders rewrites and fault injection for load tests', () => {
    const { chart, service } = setup();
    const vs = new VirtualService(chart, 'Routes', { metadata: { name: 'moc', namespace: 'moc' }, hosts: ['moc'] });
    vs.addHttpRoute({
      matches: [HttpRouteMatch.prefix('/api/')],
      rewrite: { uri: '/', authority: 'backend.moc.svc.cluster.local' },
      fault: {
        delay: { fixedDelay: Duration.millis(1500), percentage: 10 },
        abort: { httpStatus: 503, percentage: 0.5 },
      },
      destinations: [RouteDestination.toService(service)],
      timeout: Duration.seconds(5),
    });
    vs.addHttpRoute({
      rewrite: { uriRegexRewrite: { match: '^/v1/(.*)$', rewrite: '/v2/\\1' } },
      destinations: [RouteDestination.toHost('moc-v2', { port: 80 })],
      timeout: Duration.seconds(5),
    });
    expect(httpOf(chart)).toEqual([{
      match: [{ uri: { prefix: '/api/' } }],
      rewrite: { uri: '/', authority: 'backend.moc.svc.cluster.local' },
      fault: {
        delay: { fixedDelay: '1s500ms', percentage: { value: 10 } },
        abort: { httpStatus: 503, percentage: { value: 0.5 } },
      },
      route: [{ destination: { host: 'moc', port: { number: 8000 } } }],
      timeout: '5s',
    }, {
      rewrite: { uriRegexRewrite: { match: '^/v1/(.*)$', rewrite: '/v2/\\1' } },
      route: [{ destination: { host: 'moc-v2', port: { number: 80 } } }],
      timeout: '5s',
    }]);
    expect(warningsOf(vs)).toEqual([]);
    expectValidManifests(Testing.synth(chart));
  });

  test('warns on a direct response body above 100 KiB', () => {
    const { chart } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'], httpRoutes: [{ directResponse: { status: 200, body: 'x'.repeat(100 * 1024 + 1) } }] });
    expect(warningsOf(vs)).toEqual([expect.stringContaining('http[0].directResponse.body: 102401 bytes; istiod warns')]);
  });

  test.each<[string, (s: kplus.Service) => HttpRouteOptions, string]>([
    // what the route does (VS-06)
    ['a redirect with destinations', s => ({ redirect: { uri: '/b' }, destinations: [RouteDestination.toService(s)] }),
      'http[0]: got ["redirect","destinations"]; a redirect answers the request itself; give no destinations, directResponse, rewrite or fault with it (VS-06)'],
    ['a redirect with a direct response', () => ({ redirect: { uri: '/b' }, directResponse: { status: 200 } }), 'http[0]: got ["redirect","directResponse"]'],
    ['a redirect with a rewrite', () => ({ redirect: { uri: '/b' }, rewrite: { uri: '/c' } }), 'http[0]: got ["redirect","rewrite"]'],
    ['a redirect with a fault', () => ({ redirect: { uri: '/b' }, fault: { abort: { httpStatus: 500, percentage: 1 } } }), 'http[0]: got ["redirect","fault"]'],
    ['a direct response with a fault', () => ({ directResponse: { status: 200 }, fault: { abort: { httpStatus: 500, percentage: 1 } } }),
      'http[0]: got ["directResponse","fault"]; a direct response answers the request itself; give no rewrite or fault with it (VS-06)'],
    ['a direct response with a rewrite', () => ({ directResponse: { status: 200 }, rewrite: { uri: '/c' } }), 'http[0]: got ["directResponse","rewrite"]'],
    ['a rewrite without destinations', () => ({ rewrite: { uri: '/c' } }), 'http[0]: got {"destinations":0,"directResponse":false}; give exactly one of destinations (non-empty) or directResponse (VS-06), or a redirect instead'],
    ['a direct response body above 1 MiB', () => ({ directResponse: { status: 200, body: 'x'.repeat(1024 * 1024 + 1) } }),
      'http[0].directResponse.body: got "1048577 bytes"; must be at most 1 MiB'],
    // redirect
    ['an empty redirect', () => ({ redirect: { redirectCode: 302 } }), 'http[0].redirect: got {"redirectCode":302}; give at least one of uri, authority, scheme or port'],
    ['a redirect code outside 3xx', () => ({ redirect: { uri: '/b', redirectCode: 200 } }), 'http[0].redirect.redirectCode: got 200; must be an integer from 300 to 399'],
    ['a redirect port out of range', () => ({ redirect: { port: HttpRedirectPort.of(0) } }), 'http[0].redirect.port: got 0; must be an integer from 1 to 65535'],
    ['an empty redirect uri', () => ({ redirect: { uri: '' } }), 'http[0].redirect.uri: got ""; must not be empty; omit it to keep the request\'s path'],
    // rewrite
    ['a rewrite with both uri and uriRegexRewrite', s => ({ rewrite: { uri: '/a', uriRegexRewrite: { match: 'a', rewrite: 'b' } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].rewrite: got {"uri":"/a","uriRegexRewrite":{"match":"a","rewrite":"b"}}; give uri or uriRegexRewrite, not both'],
    ['an empty rewrite', s => ({ rewrite: {}, destinations: [RouteDestination.toService(s)] }), 'http[0].rewrite: got {}; give at least one of uri, uriRegexRewrite or authority'],
    ['a rewrite regex that is not RE2', s => ({ rewrite: { uriRegexRewrite: { match: '(?<=a)b', rewrite: 'c' } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].rewrite.uriRegexRewrite.match: got "(?<=a)b"; must be an RE2 regular expression'],
    ['a rewrite regex without replacement', s => ({ rewrite: { uriRegexRewrite: { match: '^/a', rewrite: '' } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].rewrite.uriRegexRewrite.rewrite: got ""; must not be empty'],
    // fault
    ['a fault with neither delay nor abort', s => ({ fault: {}, destinations: [RouteDestination.toService(s)] }), 'http[0].fault: got {}; give a delay, an abort or both'],
    ['a fault percentage above 100', s => ({ fault: { delay: { fixedDelay: Duration.seconds(1), percentage: 101 } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].fault.delay.percentage.value: got 101; must be 0 or a number from 0.0001 to 100'],
    ['a fault percentage below 0.0001', s => ({ fault: { abort: { httpStatus: 503, percentage: 0.00001 } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].fault.abort.percentage.value: got 0.00001; must be 0 or a number from 0.0001 to 100'],
    ['an abort status outside 200-599', s => ({ fault: { abort: { httpStatus: 700, percentage: 1 } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].fault.abort.httpStatus: got 700; must be an integer from 200 to 599'],
    ['a fault delay below 1ms', s => ({ fault: { delay: { fixedDelay: Duration.millis(0), percentage: 1 } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].fault.delay.fixedDelay: got "0 millis"; must be at least 1ms'],
    // destinations
    ['a "*" destination host', () => ({ destinations: [RouteDestination.toHost('*')] }),
      'http[0].route[0].destination.host: got "*"; must name a host; "*" is not a destination'],
    ['a route subset that is not a DNS label', s => ({ destinations: [RouteDestination.toService(s, { subset: 'v2.beta' })] }),
      'http[0].route[0].destination.subset: got "v2.beta"; must be a DNS-1123 label'],
    // matches
    ['a match without conditions', s => ({ matches: [HttpRouteMatch.allOf({})], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0]: got {}; give at least one condition; omit matches altogether to match every request'],
    ['a match with only empty maps', s => ({ matches: [HttpRouteMatch.allOf({ headers: {}, queryParams: {} })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0]: got {}; give at least one condition'],
    ['ignoreUriCase without a uri condition', s => ({ matches: [HttpRouteMatch.allOf({ method: HttpMethod.GET, ignoreUriCase: true })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].ignoreUriCase: got true; applies to the uri condition only'],
    ['an upper-case header name', s => ({ matches: [HttpRouteMatch.allOf({ headers: { 'X-Canary': HttpStringMatch.exact('1') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers key: got "X-Canary"; must be a lower-case header name'],
    ['a header name with a space', s => ({ matches: [HttpRouteMatch.allOf({ withoutHeaders: { 'x canary': HttpStringMatch.exact('1') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].withoutHeaders key: got "x canary"; must be a lower-case header name'],
    ['an unknown pseudo-header', s => ({ matches: [HttpRouteMatch.allOf({ headers: { ':host': HttpStringMatch.exact('a') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers key: got ":host"'],
    ['an empty header prefix', s => ({ matches: [HttpRouteMatch.allOf({ headers: { 'x-a': HttpStringMatch.prefix('') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers["x-a"].prefix: got ""; must not be empty'],
    ['a header regex that is not RE2', s => ({ matches: [HttpRouteMatch.allOf({ headers: { 'x-a': HttpStringMatch.regex('(a)\\1') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers["x-a"].regex: got "(a)\\\\1"; must be an RE2 regular expression'],
    ['an empty regex', s => ({ matches: [HttpRouteMatch.allOf({ queryParams: { q: HttpStringMatch.regex('') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].queryParams["q"].regex: got ""; must not be empty'],
    ['a regex above 1024 characters', s => ({ matches: [HttpRouteMatch.regex('a'.repeat(1025))], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].uri.regex: got "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..."; must be at most 1024 characters (it has 1025)'],
    ['an empty query parameter name', s => ({ matches: [HttpRouteMatch.allOf({ queryParams: { '': HttpStringMatch.exact('1') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].queryParams key: got ""; must not be empty'],
    ['an empty authority prefix', s => ({ matches: [HttpRouteMatch.allOf({ authority: HttpStringMatch.prefix('') })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].authority.prefix: got ""; must not be empty'],
    ['a match port out of range', s => ({ matches: [HttpRouteMatch.allOf({ port: 70000 })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].port: got 70000; must be an integer from 1 to 65535'],
  ])('throws on %s', (_name, route, message) => {
    const { chart, service } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'] });
    expect(() => vs.addHttpRoute(route(service))).toThrow(message);
  });
});
