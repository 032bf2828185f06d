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
  ])('throws on %s', (_name, server, message) => {
    const chart = Testing.chart();
    expect(() => new Gateway(chart, 'Gateway', { servers: [server as GatewayServerOptions] })).toThrow(`[test/Gateway] ${message}`);
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
