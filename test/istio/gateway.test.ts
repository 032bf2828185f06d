import { Testing } from 'cdk8s';
import { TlsVersion } from '../../src/common/tls';
import { warningsOf } from '../../src/core/warnings';
import { Gateway, GatewayProtocol, GatewayServerOptions, GatewayTlsMode } from '../../src/istio';
import { expectValidManifests } from '../support/manifest-validator';

const http: GatewayServerOptions = { port: 80, protocol: GatewayProtocol.HTTP, hosts: ['moc.example.com'] };

function gatewayDoc(chart: any) {
  return Testing.synth(chart).find(d => d.kind === 'Gateway');
}

describe('Gateway', () => {
  test('renders an HTTPS server with SIMPLE TLS, TLS 1.2 minimum and an HTTP redirect server', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Gateway', { metadata: { name: 'web' }, selector: { istio: 'ingress' } });
    gateway.addServer({ ...http, httpsRedirect: true });
    gateway.addServer({ port: 443, protocol: GatewayProtocol.HTTPS, hosts: ['moc/moc.example.com'], tls: { credentialName: 'moc-cert' } });
    expect(gatewayDoc(chart).spec).toEqual({
      selector: { istio: 'ingress' },
      servers: [
        { hosts: ['moc.example.com'], port: { number: 80, protocol: 'HTTP', name: 'http' }, tls: { httpsRedirect: true } },
        {
          hosts: ['moc/moc.example.com'],
          port: { number: 443, protocol: 'HTTPS', name: 'https' },
          tls: { mode: 'SIMPLE', credentialName: 'moc-cert', minProtocolVersion: 'TLSV1_2' },
        },
      ],
    });
    expectValidManifests(Testing.synth(chart));
  });

  test('renders MUTUAL TLS with TLS 1.3 bounds, passthrough, a server name and derived port names', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Gateway');
    gateway.addServer({
      port: 8443,
      protocol: GatewayProtocol.HTTPS,
      hosts: ['*.example.com'],
      name: 'mtls',
      tls: { mode: GatewayTlsMode.MUTUAL, credentialName: 'ca', minProtocolVersion: TlsVersion.TLS1_3, maxProtocolVersion: TlsVersion.TLS1_3, subjectAltNames: ['client.example.com'] },
    });
    gateway.addServer({ port: 9443, protocol: GatewayProtocol.TLS, hosts: ['db.example.com'], tls: { mode: GatewayTlsMode.PASSTHROUGH } });
    gateway.addServer({ port: 5000, protocol: GatewayProtocol.TCP, hosts: ['*/tcp.example.com'], portName: 'raw' });
    const servers = gatewayDoc(chart).spec.servers;
    expect(servers[0]).toEqual({
      name: 'mtls',
      hosts: ['*.example.com'],
      port: { number: 8443, protocol: 'HTTPS', name: 'https-8443' },
      tls: { mode: 'MUTUAL', credentialName: 'ca', minProtocolVersion: 'TLSV1_3', maxProtocolVersion: 'TLSV1_3', subjectAltNames: ['client.example.com'] },
    });
    expect(servers[1].tls).toEqual({ mode: 'PASSTHROUGH' });
    expect(servers[2].port).toEqual({ number: 5000, protocol: 'TCP', name: 'raw' });
    expectValidManifests(Testing.synth(chart));
  });

  test('warns on a bare "*" host', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Gateway', { servers: [{ ...http, hosts: ['*'] }] });
    expect(warningsOf(gateway)).toEqual([expect.stringContaining('servers[0].hosts: "*" accepts every host name')]);
  });

  test('fails without servers', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'Gateway');
    expect(() => Testing.synth(chart)).toThrow('[test/Gateway] servers: got []; a Gateway needs at least one server');
  });

  test.each([
    ['an HTTPS server without tls', { port: 443, protocol: GatewayProtocol.HTTPS, hosts: ['a.example.com'] }, 'servers[0].tls: got undefined; is required for HTTPS servers'],
    ['TLS settings on plain HTTP', { ...http, tls: { credentialName: 'x' } }, 'servers[0].tls: got "x"; is not allowed on plain-text HTTP ports'],
    ['SIMPLE TLS without credentialName', { port: 443, protocol: GatewayProtocol.HTTPS, hosts: ['a.example.com'], tls: {} }, 'servers[0].tls.credentialName: got undefined; is required for SIMPLE TLS'],
    ['a credential on passthrough', { port: 443, protocol: GatewayProtocol.TLS, hosts: ['a.example.com'], tls: { mode: GatewayTlsMode.PASSTHROUGH, credentialName: 'c' } }, 'servers[0].tls.credentialName: got "c"; is not used with PASSTHROUGH TLS'],
    ['max TLS below min', { port: 443, protocol: GatewayProtocol.HTTPS, hosts: ['a.example.com'], tls: { credentialName: 'c', minProtocolVersion: TlsVersion.TLS1_3, maxProtocolVersion: TlsVersion.TLS1_2 } }, 'servers[0].tls.maxProtocolVersion: got "TLSV1_2"; must not be below minProtocolVersion TLSV1_3'],
    ['httpsRedirect on TCP', { port: 5000, protocol: GatewayProtocol.TCP, hosts: ['a.example.com'], httpsRedirect: true }, 'servers[0].httpsRedirect: got true; only applies to plain HTTP servers, not TCP'],
    ['a port out of range', { ...http, port: 70000 }, 'servers[0].port: got 70000; must be an integer from 1 to 65535'],
    ['no hosts', { ...http, hosts: [] }, 'servers[0].hosts: got []; a server needs at least one host'],
    ['a short host name', { ...http, hosts: ['moc'] }, 'servers[0].hosts[0]: got "moc"; must be "<namespace>/<host>" or "<host>"'],
    ['an empty namespace', { ...http, hosts: ['/moc.example.com'] }, 'servers[0].hosts[0]: got "/moc.example.com"; must be "<namespace>/<host>"'],
    ['an invalid port name', { ...http, portName: 'Web_Port' }, 'servers[0].portName: got "Web_Port"; must be a DNS-1123 label'],
    ['a host whose top-level domain is all digits', { ...http, hosts: ['foo.123'] }, 'servers[0].hosts[0]: got "foo.123"; must be "<namespace>/<host>" or "<host>"'],
    ['a namespaced host whose top-level domain is all digits', { ...http, hosts: ['web/app.example.42'] }, 'servers[0].hosts[0]: got "web/app.example.42"'],
    ['a wildcard inside a host', { ...http, hosts: ['a.*.example.com'] }, 'servers[0].hosts[0]: got "a.*.example.com"'],
    ['a partial wildcard label', { ...http, hosts: ['*foo.example.com'] }, 'servers[0].hosts[0]: got "*foo.example.com"'],
    ['the "~" namespace, which only Gateway API conversions use', { ...http, hosts: ['~/moc.example.com'] }, 'servers[0].hosts[0]: got "~/moc.example.com"'],
    ['a label over 63 characters', { ...http, hosts: [`${'a'.repeat(64)}.example.com`] }, `servers[0].hosts[0]: got "${'a'.repeat(64)}.example.com"`],
    ['a forged protocol', { ...http, protocol: { value: 'HTTP' } as any }, 'servers[0].protocol: got {"value":"HTTP"}; must be made by GatewayProtocol: GatewayProtocol.HTTP'],
    ['a forged TLS mode', { port: 443, protocol: GatewayProtocol.HTTPS, hosts: ['a.example.com'], tls: { credentialName: 'c', mode: { value: 'SIMPLE' } as any } },
      'servers[0].tls.mode: got {"value":"SIMPLE"}; must be made by GatewayTlsMode'],
    ['a forged TLS version', { port: 443, protocol: GatewayProtocol.HTTPS, hosts: ['a.example.com'], tls: { credentialName: 'c', minProtocolVersion: { minor: 1 } as any } },
      'servers[0].tls.minProtocolVersion: got {"minor":1}; must be made by TlsVersion'],
  ])('throws on %s', (_name, server, message) => {
    const chart = Testing.chart();
    expect(() => new Gateway(chart, 'Gateway', { servers: [server as GatewayServerOptions] })).toThrow(`[test/Gateway] ${message}`);
  });

  test('accepts an IPv4 address as a host, as istiod does', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'Gateway', { servers: [{ ...http, hosts: ['10.0.0.1', 'web/10.0.0.2'] }] });
    expect(gatewayDoc(chart).spec.servers[0].hosts).toEqual(['10.0.0.1', 'web/10.0.0.2']);
    expectValidManifests(Testing.synth(chart));
  });

  test('throws on a Gateway referenced by a name or namespace it cannot have, where the reference is made', () => {
    const chart = Testing.chart();
    expect(() => Gateway.fromGatewayName(chart, 'A', '')).toThrow('[test/A] name: got ""; must be a DNS-1123 label');
    expect(() => Gateway.fromGatewayName(chart, 'B', 'shared.gw')).toThrow('[test/B] name: got "shared.gw"; must be a DNS-1123 label');
    expect(() => Gateway.fromGatewayName(chart, 'C', 'shared', 'Istio_Ingress')).toThrow('[test/C] gatewayNamespace: got "Istio_Ingress"; must be a DNS-1123 label');
  });

  test('throws on bad metadata: labels, namespace, and a name from an unset environment variable', () => {
    const chart = Testing.chart();
    expect(() => new Gateway(chart, 'A', { metadata: { labels: { 'a b': 'x' } }, servers: [http] })).toThrow('[test/A] metadata.labels key: got "a b"');
    expect(() => new Gateway(chart, 'B', { metadata: { namespace: 'Istio_Ingress' }, servers: [http] })).toThrow('[test/B] metadata.namespace: got "Istio_Ingress"');
    expect(() => new Gateway(chart, 'C', { metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET ?? '' }, servers: [http] })).toThrow('[test/C] metadata.name: got ""');
  });

  test('throws on duplicate port names', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Gateway', { servers: [http] });
    expect(() => gateway.addServer({ ...http, hosts: ['other.example.com'] })).toThrow('[test/Gateway] servers[1].port.name: got "http"; entries must be unique');
  });

  test('throws on a dotted name and an empty selector', () => {
    const chart = Testing.chart();
    expect(() => new Gateway(chart, 'A', { metadata: { name: 'moc.gw' } })).toThrow('[test/A] metadata.name: got "moc.gw"; must be a DNS-1123 label');
    expect(() => new Gateway(chart, 'B', { selector: {} })).toThrow('[test/B] selector: got {}; must name at least one label of the gateway workload');
  });
});
