import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { HttpMethod, HttpRouteMatch, HttpRouteOptions, HttpStringMatch, RouteDestination, VirtualService } from '../../src/istio';
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

  test.each<[string, (s: kplus.Service) => HttpRouteOptions, string]>([
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
