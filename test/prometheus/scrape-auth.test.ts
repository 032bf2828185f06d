import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ServiceReference } from '../../src/common/references';
import { TlsVersion } from '../../src/common/tls';
import { warningsOf } from '../../src/core/warnings';
import {
  PodMonitor, PrometheusSelector, ScrapeAuthorization, ScrapeCertificate, ScrapeScheme, ServiceMonitor, ServiceMonitorProps,
} from '../../src/prometheus';
import { expectValidManifests } from '../support/manifest-validator';

// imported once per chart: the Secret is managed outside the app
const scrapeSecret = (chart: any): kplus.ISecret =>
  (chart.node.tryFindChild('ScrapeSecret') as kplus.ISecret | undefined) ?? kplus.Secret.fromSecretName(chart, 'ScrapeSecret', 'api-scrape');
const caBundle = (chart: any) => kplus.ConfigMap.fromConfigMapName(chart, 'CaBundle', 'api-ca');

function monitorOf(props: (chart: any) => Partial<ServiceMonitorProps>, namespace = 'api') {
  const chart = Testing.chart();
  const service = new kplus.Service(chart, 'Svc', {
    metadata: { name: 'api', namespace, labels: { app: 'api' } },
    ports: [{ port: 443, targetPort: 8443, name: 'https' }],
  });
  const monitor = new ServiceMonitor(chart, 'Monitor', {
    metadata: { name: 'api', namespace },
    service: ServiceReference.fromService(service),
    port: 'https',
    prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
    ...props(chart),
  });
  return { chart, monitor };
}

const endpointOf = (chart: any) => Testing.synth(chart).find(d => d.kind === 'ServiceMonitor').spec.endpoints[0];

describe('scrape TLS and authorization', () => {
  test('verifies an HTTPS target against a CA from a ConfigMap and sends a bearer token from a Secret', () => {
    const { chart, monitor } = monitorOf(c => ({
      scheme: ScrapeScheme.HTTPS,
      tls: { ca: ScrapeCertificate.fromConfigMap({ configMap: caBundle(c), key: 'ca.crt' }), serverName: 'api.api.svc', minVersion: TlsVersion.TLS1_3 },
      authorization: ScrapeAuthorization.bearerToken({ secret: scrapeSecret(c), key: 'token' }),
    }));
    expect(endpointOf(chart)).toEqual({
      port: 'https',
      scheme: 'https',
      tlsConfig: { ca: { configMap: { name: 'api-ca', key: 'ca.crt' } }, serverName: 'api.api.svc', minVersion: 'TLS13' },
      authorization: { type: 'Bearer', credentials: { name: 'api-scrape', key: 'token' } },
    });
    expect(warningsOf(monitor)).toEqual([]);
    expectValidManifests(Testing.synth(chart));
  });

  test('presents a client certificate for mutual TLS', () => {
    const { chart } = monitorOf(c => ({
      scheme: ScrapeScheme.HTTPS,
      tls: {
        ca: ScrapeCertificate.fromSecret({ secret: scrapeSecret(c), key: 'ca.crt' }),
        clientCertificate: ScrapeCertificate.fromSecret({ secret: scrapeSecret(c), key: 'tls.crt' }),
        clientKey: { secret: scrapeSecret(c), key: 'tls.key' },
        minVersion: TlsVersion.TLS1_2,
        maxVersion: TlsVersion.TLS1_3,
      },
    }));
    expect(endpointOf(chart).tlsConfig).toEqual({
      ca: { secret: { name: 'api-scrape', key: 'ca.crt' } },
      cert: { secret: { name: 'api-scrape', key: 'tls.crt' } },
      keySecret: { name: 'api-scrape', key: 'tls.key' },
      minVersion: 'TLS12',
      maxVersion: 'TLS13',
    });
    expectValidManifests(Testing.synth(chart));
  });

  test('writes basic authentication and custom authorization schemes as references', () => {
    const basic = monitorOf(c => ({
      scheme: ScrapeScheme.HTTPS,
      authorization: ScrapeAuthorization.basic({ secret: scrapeSecret(c), key: 'user' }, { secret: scrapeSecret(c), key: 'password' }),
    }));
    expect(endpointOf(basic.chart).basicAuth).toEqual({ username: { name: 'api-scrape', key: 'user' }, password: { name: 'api-scrape', key: 'password' } });
    expectValidManifests(Testing.synth(basic.chart));

    const custom = monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, authorization: ScrapeAuthorization.custom('Token', { secret: scrapeSecret(c), key: 'token' }) }));
    expect(endpointOf(custom.chart).authorization).toEqual({ type: 'Token', credentials: { name: 'api-scrape', key: 'token' } });
  });

  test('applies to PodMonitor endpoints too', () => {
    const chart = Testing.chart();
    new PodMonitor(chart, 'Pods', {
      metadata: { name: 'api' },
      prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
      pods: { labels: { app: 'api' } },
      port: 'https',
      scheme: ScrapeScheme.HTTPS,
      tls: { ca: ScrapeCertificate.fromConfigMap({ configMap: caBundle(chart), key: 'ca.crt' }) },
      authorization: ScrapeAuthorization.bearerToken({ secret: scrapeSecret(chart), key: 'token' }),
    });
    const endpoint = Testing.synth(chart).find(d => d.kind === 'PodMonitor').spec.podMetricsEndpoints[0];
    expect(endpoint.tlsConfig).toEqual({ ca: { configMap: { name: 'api-ca', key: 'ca.crt' } } });
    expect(endpoint.authorization).toEqual({ type: 'Bearer', credentials: { name: 'api-scrape', key: 'token' } });
    expectValidManifests(Testing.synth(chart));
  });

  test('warns about credentials over plain HTTP, skipped verification and literal Secret values', () => {
    const { monitor } = monitorOf(c => ({
      authorization: ScrapeAuthorization.bearerToken({
        secret: new kplus.Secret(c, 'Literal', { metadata: { name: 'literal', namespace: 'api' }, stringData: { token: 'abc' } }),
        key: 'token',
      }),
    }));
    expect(warningsOf(monitor)).toEqual([
      expect.stringContaining('endpoints[0].authorization.credentials: Secret "literal" is synthesized with a literal value for key "token"'),
      expect.stringContaining('endpoints[0].authorization: credentials are sent over plain HTTP'),
    ]);

    const skipped = monitorOf(() => ({ scheme: ScrapeScheme.HTTPS, tls: { insecureSkipVerify: true } }));
    expect(warningsOf(skipped.monitor)).toEqual([expect.stringContaining('endpoints[0].tls.insecureSkipVerify: the target\'s certificate is not verified')]);
  });

  test('fails when TLS settings are given for a plain HTTP scrape', () => {
    expect(() => monitorOf(c => ({ tls: { ca: ScrapeCertificate.fromConfigMap({ configMap: caBundle(c), key: 'ca.crt' }) } })))
      .toThrow('[test/Monitor] endpoints[0].tls: got "http"; needs scheme: ScrapeScheme.HTTPS; Prometheus ignores TLS settings on plain HTTP scrapes');
  });

  test('fails when a client certificate comes without its key, or a key without its certificate', () => {
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, tls: { clientCertificate: ScrapeCertificate.fromSecret({ secret: scrapeSecret(c), key: 'tls.crt' }) } })))
      .toThrow(/endpoints\[0\]\.tls\.clientKey: .*is required with clientCertificate/);
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, tls: { clientKey: { secret: scrapeSecret(c), key: 'tls.key' } } })))
      .toThrow(/endpoints\[0\]\.tls\.clientCertificate: .*is required with clientKey/);
  });

  test('fails when maxVersion is older than minVersion', () => {
    expect(() => monitorOf(() => ({ scheme: ScrapeScheme.HTTPS, tls: { minVersion: TlsVersion.TLS1_3, maxVersion: TlsVersion.TLS1_2 } })))
      .toThrow('[test/Monitor] endpoints[0].tls.maxVersion: got "TLS12"; must not be older than minVersion (TLS13)');
  });

  test('fails on a Basic authorization type, an invalid scheme name and an invalid Secret key', () => {
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, authorization: ScrapeAuthorization.custom('basic', { secret: scrapeSecret(c), key: 'x' }) })))
      .toThrow(/endpoints\[0\]\.authorization\.type: got "basic"; must not be "Basic".*ScrapeAuthorization\.basic/);
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, authorization: ScrapeAuthorization.custom('Bearer token', { secret: scrapeSecret(c), key: 'x' }) })))
      .toThrow(/authorization\.type: got "Bearer token"; must be an HTTP authorization scheme/);
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, authorization: ScrapeAuthorization.bearerToken({ secret: scrapeSecret(c), key: 'bad/key' }) })))
      .toThrow(/authorization\.credentials\.key: got "bad\/key"; must be a Secret key/);
  });

  test('throws on Secrets and ConfigMaps referenced by names no object can have, and on forged settings', () => {
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, authorization: ScrapeAuthorization.bearerToken({ secret: kplus.Secret.fromSecretName(c, 'S', ''), key: 'token' }) })))
      .toThrow('[test/Monitor] endpoints[0].authorization.credentials.secret.name: got ""; must be a DNS-1123 subdomain');
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, tls: { ca: ScrapeCertificate.fromConfigMap({ configMap: kplus.ConfigMap.fromConfigMapName(c, 'C', 'Api CA'), key: 'ca.crt' }) } })))
      .toThrow('[test/Monitor] endpoints[0].tls.ca.configMap.name: got "Api CA"; must be a DNS-1123 subdomain');
    expect(() => monitorOf(c => ({ scheme: ScrapeScheme.HTTPS, tls: { ca: ScrapeCertificate.fromSecret({ secret: scrapeSecret(c), key: '' }) } })))
      .toThrow('[test/Monitor] endpoints[0].tls.ca.key: got ""; must be a Secret key');
    expect(() => monitorOf(() => ({ scheme: ScrapeScheme.HTTPS, tls: { minVersion: { minor: 0 } as any } })))
      .toThrow('[test/Monitor] endpoints[0].tls.minVersion: got {"minor":0}; must be made by TlsVersion: TlsVersion.TLS1_2, TlsVersion.TLS1_3');
    expect(() => monitorOf(() => ({ scheme: ScrapeScheme.HTTPS, tls: { ca: { key: 'ca.crt' } as any } })))
      .toThrow('[test/Monitor] endpoints[0].tls.ca: got {"key":"ca.crt"}; must be made by ScrapeCertificate');
    expect(() => monitorOf(() => ({ scheme: ScrapeScheme.HTTPS, authorization: { type: 'Bearer' } as any })))
      .toThrow('[test/Monitor] endpoints[0].authorization: got {"type":"Bearer"}; must be made by ScrapeAuthorization');
  });

  test('accepts a Secret defined in the app in the namespace of the monitor', () => {
    const { chart } = monitorOf(c => ({
      scheme: ScrapeScheme.HTTPS,
      authorization: ScrapeAuthorization.bearerToken({ secret: new kplus.Secret(c, 'Same', { metadata: { name: 'token', namespace: 'api' } }), key: 'token' }),
    }));
    expect(endpointOf(chart).authorization).toEqual({ type: 'Bearer', credentials: { name: 'token', key: 'token' } });
  });

  test('fails at synth when a referenced Secret lives in another namespace than the monitor', () => {
    const { chart } = monitorOf(c => ({
      scheme: ScrapeScheme.HTTPS,
      authorization: ScrapeAuthorization.bearerToken({ secret: new kplus.Secret(c, 'Other', { metadata: { name: 'token', namespace: 'monitoring' } }), key: 'token' }),
    }));
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/Monitor\] endpoints\[0\]\.authorization\.credentials: got "Secret\/token in namespace monitoring"; must be in the monitor's namespace \(api\)/);
  });
});
