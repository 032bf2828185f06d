import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ServiceReference } from '../../src/common/references';
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
        destinations: [RouteDestination.toService(ServiceReference.fromService(service))],
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
    const uri = HttpRouteMatch.prefix('/a').conditions.uri;
    expect([uri?.kind, uri?.value]).toEqual(['prefix', '/a']);
    expect(HttpRouteMatch.allOf({ uri: HttpStringMatch.regex('^/b$'), method: HttpMethod.GET }).conditions.uri?.kind).toEqual('regex');
    expect(HttpRouteMatch.allOf({ method: HttpMethod.GET }).conditions.uri).toBeUndefined();
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

  test('renders rewrites, fault injection for load tests, mirroring and header changes', () => {
    const { chart, service } = setup();
    const shadow = new kplus.Service(chart, 'Shadow', { metadata: { name: 'moc-shadow', namespace: 'shadow' }, ports: [{ port: 9000, name: 'http' }] });
    const headerChanges = {
      request: {
        set: { 'x-request-source': 'mesh', 'x-pod': '%HOSTNAME%', 'x-copy': '%REQ(x-request-id)%' },
        add: { 'x-quota': '100%%', 'x-service': '%UPSTREAM_METADATA(["istio", "canonical_service"])%' },
        remove: ['x-internal-token'],
      },
      response: { set: { 'Cache-Control': 'no-store' }, remove: ['server'] },
    };
    const vs = new VirtualService(chart, 'Routes', { metadata: { name: 'moc', namespace: 'moc' }, hosts: ['moc'] });
    vs.addHttpRoute({
      matches: [HttpRouteMatch.prefix('/api/')],
      rewrite: { uri: '/', authority: 'backend.moc.svc.cluster.local' },
      fault: {
        delay: { fixedDelay: Duration.millis(1500), percentage: 10 },
        abort: { httpStatus: 503, percentage: 0.5 },
      },
      mirror: RouteDestination.toService(ServiceReference.fromService(shadow), { subset: 'v2' }),
      mirrorPercentage: 25,
      headers: headerChanges,
      destinations: [RouteDestination.toService(ServiceReference.fromService(service))],
      timeout: Duration.seconds(5),
    });
    vs.addHttpRoute({
      rewrite: { uriRegexRewrite: { match: '^/v1/(.*)$', rewrite: '/v2/\\1' } },
      headers: { request: { set: { ':authority': 'v2.moc' } } },
      destinations: [RouteDestination.toHost('moc-v2', { port: 80 })],
      timeout: Duration.seconds(5),
    });
    const http = httpOf(chart);
    expect(http[0]).toEqual({
      match: [{ uri: { prefix: '/api/' } }],
      rewrite: { uri: '/', authority: 'backend.moc.svc.cluster.local' },
      fault: {
        delay: { fixedDelay: '1s500ms', percentage: { value: 10 } },
        abort: { httpStatus: 503, percentage: { value: 0.5 } },
      },
      mirror: { host: 'moc-shadow.shadow.svc.cluster.local', port: { number: 9000 }, subset: 'v2' },
      mirrorPercentage: { value: 25 },
      headers: headerChanges,
      route: [{ destination: { host: 'moc', port: { number: 8000 } } }],
      timeout: '5s',
    });
    expect(http[1]).toEqual({
      rewrite: { uriRegexRewrite: { match: '^/v1/(.*)$', rewrite: '/v2/\\1' } },
      headers: { request: { set: { ':authority': 'v2.moc' } } },
      route: [{ destination: { host: 'moc-v2', port: { number: 80 } } }],
      timeout: '5s',
    });
    expect(warningsOf(vs)).toEqual([]);
    expectValidManifests(Testing.synth(chart));
  });

  test('fails when the mirror port is not a port of the Service', () => {
    const { chart, service } = setup();
    new VirtualService(chart, 'Routes', {
      hosts: ['moc'],
      httpRoutes: [{
        destinations: [RouteDestination.toService(ServiceReference.fromService(service))],
        mirror: RouteDestination.toService(ServiceReference.fromService(service), { port: 9000 }),
        timeout: Duration.seconds(1),
      }],
    });
    expect(() => Testing.synth(chart)).toThrow('[test/Routes] http[0].mirror.port.number: got 9000; must be a port of Service "moc" (its ports: http=8000)');
  });

  test('fails when a multi-port Service is mirrored to without a port', () => {
    const { chart, service } = setup();
    const shadow = new kplus.Service(chart, 'Shadow', { metadata: { name: 'shadow' }, ports: [{ port: 80, name: 'http' }, { port: 9090, name: 'metrics' }] });
    new VirtualService(chart, 'Routes', {
      hosts: ['moc'],
      httpRoutes: [{
        destinations: [RouteDestination.toService(ServiceReference.fromService(service))],
        mirror: RouteDestination.toService(ServiceReference.fromService(shadow)),
        timeout: Duration.seconds(1),
      }],
    });
    expect(() => Testing.synth(chart)).toThrow('[test/Routes] http[0].mirror.port.number: got undefined; is required because Service "shadow" has 2 ports');
  });

  test('warns on a direct response body above 100 KiB', () => {
    const { chart } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'], httpRoutes: [{ directResponse: { status: 200, body: 'x'.repeat(100 * 1024 + 1) } }] });
    expect(warningsOf(vs)).toEqual([expect.stringContaining('http[0].directResponse.body: 102401 bytes; istiod warns')]);
  });

  test.each([
    '', 'plain', 'tab\tseparated', '100%%', '%HOSTNAME%', 'pod %HOSTNAME% in %ENVIRONMENT(ZONE)%', '%REQ(x-id)%',
    '%UPSTREAM_METADATA( ["a", "b\\"c"] )%', '%REQ(a\\)b)%', '%START_TIME(%s)%',
  ])('accepts the header value %j', value => {
    const { chart, service } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'] });
    vs.addHttpRoute({ headers: { response: { set: { 'x-a': value } } }, destinations: [RouteDestination.toService(ServiceReference.fromService(service))], timeout: Duration.seconds(1) });
    expect(httpOf(chart)[0].headers).toEqual({ response: { set: { 'x-a': value } } });
  });

  test.each<[string, (s: ServiceReference) => HttpRouteOptions, string]>([
    // what the route does (VS-06)
    ['a redirect with destinations', s => ({ redirect: { uri: '/b' }, destinations: [RouteDestination.toService(s)] }),
      'http[0]: got ["redirect","destinations"]; a redirect answers the request itself; give no destinations, directResponse, rewrite or fault with it (VS-06)'],
    ['a redirect with a direct response', () => ({ redirect: { uri: '/b' }, directResponse: { status: 200 } }), 'http[0]: got ["redirect","directResponse"]'],
    ['a redirect with a rewrite', () => ({ redirect: { uri: '/b' }, rewrite: { uri: '/c' } }), 'http[0]: got ["redirect","rewrite"]'],
    ['a redirect with a fault', () => ({ redirect: { uri: '/b' }, fault: { abort: { httpStatus: 500, percentage: 1 } } }), 'http[0]: got ["redirect","fault"]'],
    ['a direct response with a fault', () => ({ directResponse: { status: 200 }, fault: { abort: { httpStatus: 500, percentage: 1 } } }),
      'http[0]: got ["directResponse","fault"]; a direct response answers the request itself; give no rewrite or fault with it (VS-06)'],
    ['a direct response with a rewrite', () => ({ directResponse: { status: 200 }, rewrite: { uri: '/c' } }), 'http[0]: got ["directResponse","rewrite"]'],
    ['a rewrite without destinations', () => ({ rewrite: { uri: '/c' } }), 'http[0]: got {"destinations":0,"directResponse":false}; give exactly one of destinations (non-empty) or directResponse, or a redirect instead (VS-06)'],
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
    ['an authority rewritten and set as a header', s => ({
      rewrite: { authority: 'a.moc' }, headers: { request: { set: { Host: 'b.moc' } } }, destinations: [RouteDestination.toService(s)],
    }), 'http[0]: got ["rewrite.authority","headers.request.set[\\"Host\\"]"]; sets the authority more than once; set it in one place'],
    ['an authority both set and added', s => ({
      headers: { request: { set: { ':authority': 'a.moc' }, add: { host: 'b.moc' } } }, destinations: [RouteDestination.toService(s)],
    }), 'http[0]: got ["headers.request.set[\\":authority\\"]","headers.request.add[\\"host\\"]"]; sets the authority more than once'],
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
    // destinations and mirror
    ['a mirror with a weight', s => ({ mirror: RouteDestination.toService(s, { weight: 10 }), destinations: [RouteDestination.toService(s)] }),
      'http[0].mirror: got {"weight":10}; a mirror has no weight; control its share with mirrorPercentage'],
    ['a mirror percentage without a mirror', s => ({ mirrorPercentage: 10, destinations: [RouteDestination.toService(s)] }),
      'http[0].mirrorPercentage: got 10; applies to a mirror; give mirror or remove mirrorPercentage'],
    ['a mirror percentage above 100', s => ({ mirror: RouteDestination.toHost('shadow'), mirrorPercentage: 150, destinations: [RouteDestination.toService(s)] }),
      'http[0].mirrorPercentage.value: got 150; must be a number >= 0 and <= 100'],
    ['a "*" mirror host', s => ({ mirror: RouteDestination.toHost('*'), destinations: [RouteDestination.toService(s)] }),
      'http[0].mirror.host: got "*"; must name a host; "*" is not a destination'],
    ['a "*" destination host', () => ({ destinations: [RouteDestination.toHost('*')] }),
      'http[0].route[0].destination.host: got "*"; must name a host; "*" is not a destination'],
    ['a mirror subset that is not a DNS label', s => ({ mirror: RouteDestination.toHost('shadow', { subset: 'V2_beta' }), destinations: [RouteDestination.toService(s)] }),
      'http[0].mirror.subset: got "V2_beta"; must be a DNS-1123 label'],
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
      'http[0].match[0].headers key: got "X-Canary"; must be in lower case, as Envoy compares header names'],
    ['a header name with a space', s => ({ matches: [HttpRouteMatch.allOf({ withoutHeaders: { 'x canary': HttpStringMatch.exact('1') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].withoutHeaders key: got "x canary"; must be a header name'],
    ['an unknown pseudo-header', s => ({ matches: [HttpRouteMatch.allOf({ headers: { ':host': HttpStringMatch.exact('a') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers key: got ":host"'],
    ['an empty header prefix', s => ({ matches: [HttpRouteMatch.allOf({ headers: { 'x-a': HttpStringMatch.prefix('') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers["x-a"].prefix: got ""; must not be empty'],
    ['a header regex that is not RE2', s => ({ matches: [HttpRouteMatch.allOf({ headers: { 'x-a': HttpStringMatch.regex('(a)\\1') } })], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].headers["x-a"].regex: got "(a)\\\\1"; must be an RE2 regular expression'],
    ['a named backreference, which JavaScript accepts and RE2 refuses', s => ({ matches: [HttpRouteMatch.regex('(?P<v>a)\\k<v>')], destinations: [RouteDestination.toService(s)] }),
      'http[0].match[0].uri.regex: got "(?P<v>a)\\\\k<v>"; must be an RE2 regular expression'],
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
    // header changes
    ['setting a pseudo-header other than :authority', s => ({ headers: { request: { set: { ':path': '/x' } } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.request.set key: got ":path"; must not be a pseudo-header other than ":authority"'],
    ['setting host on a response', s => ({ headers: { response: { set: { Host: 'a' } } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.response.set key: got "Host"; must not be "host" or a pseudo-header'],
    ['removing the host header', s => ({ headers: { request: { remove: ['host'] } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.request.remove[0]: got "host"; must not be "host" or a pseudo-header'],
    ['a header name with a space', s => ({ headers: { response: { add: { 'x a': '1' } } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.response.add key: got "x a"; must be a header name'],
    ['an empty header name', s => ({ headers: { request: { remove: [''] } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.request.remove[0]: got ""; must be a header name'],
    ['a header value with a lone %', s => ({ headers: { request: { set: { 'x-a': 'abc%123' } } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.request.set["x-a"]: got "abc%123"; must use "%" only as "%%" or around a formatter such as %HOSTNAME%; this value has an unterminated "%" formatter'],
    ['a header value ending in %', s => ({ headers: { response: { add: { 'x-a': '50%' } } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.response.add["x-a"]: got "50%"; must use "%" only as "%%"'],
    ['a header value with an unclosed formatter argument', s => ({ headers: { request: { set: { 'x-a': '%REQ(x-id' } } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.request.set["x-a"]: got "%REQ(x-id"; must use "%" only'],
    ['a header value with a malformed argument list', s => ({ headers: { request: { set: { 'x-a': '%META(["a" x])%' } } }, destinations: [RouteDestination.toService(s)] }),
      'this value expects "," or "]" at character 12'],
    ['a header value with a list argument without quotes', s => ({ headers: { request: { set: { 'x-a': '%META([a])%' } } }, destinations: [RouteDestination.toService(s)] }),
      'this value expects \'"\' to start a formatter argument at character 8'],
    ['a header value with text after an argument list', s => ({ headers: { request: { set: { 'x-a': '%META(["a"] b)%' } } }, destinations: [RouteDestination.toService(s)] }),
      'this value expects ")" at character 13'],
    ['a header value with text before the closing %', s => ({ headers: { request: { set: { 'x-a': '%REQ(a) b%' } } }, destinations: [RouteDestination.toService(s)] }),
      'this value expects "%" to close the formatter at character 9'],
    ['a header value ending in a backslash escape', s => ({ headers: { request: { set: { 'x-a': '%REQ(a\\' } } }, destinations: [RouteDestination.toService(s)] }),
      'this value ends inside a backslash escape'],
    ['a header value with a newline', s => ({ headers: { request: { set: { 'x-a': 'a\nb' } } }, destinations: [RouteDestination.toService(s)] }),
      'http[0].headers.request.set["x-a"]: got "a\\nb"; must not contain control characters other than tab'],
  ])('throws on %s', (_name, route, message) => {
    const { chart, service } = setup();
    const vs = new VirtualService(chart, 'Routes', { hosts: ['moc'] });
    expect(() => vs.addHttpRoute(route(ServiceReference.fromService(service)))).toThrow(message);
  });
});
