import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { RelabelRule } from './relabel-rule';
import { ScrapeAuthorization, ScrapeCertificate, ScrapeTlsOptions } from './scrape-auth';
import type { ScrapeEndpointOptions } from './scrape-endpoint';
import { NamespaceSelectorJson, RelabelingJson, renderSecretKey, ScrapeEndpointJson, TlsConfigJson } from './scrape-json';
import { MonitorNamespaceSelector, ScrapeScheme } from './selectors';
import { TlsVersion } from '../common/tls';
import { checkDnsLabel, checkFactoryValue, checkFactoryValues, checkPattern } from '../core/checks';
import { invalidInput } from '../core/errors';
import { PROMETHEUS_RULES } from '../core/rules';
import { toMillisecondDuration, wholeMilliseconds } from '../core/units';

/*
 * Internal: the manifest form of monitor endpoints, as plain JSON in prometheus-operator's field names
 * (monitoring.coreos.com/v1 ServiceMonitor and PodMonitor share the endpoint fields used here).
 */

/** prometheus-operator's default global scrape interval, used to check a timeout given alone. */
const DEFAULT_SCRAPE_INTERVAL_MS = 30_000;

/** Whether the endpoint is scraped over HTTPS. */
export function isHttps(options: ScrapeEndpointOptions): boolean {
  return options.scheme === ScrapeScheme.HTTPS;
}

/** Checks an endpoint and returns its manifest form (port fields are added by the caller). */
export function renderScrapeEndpoint(scope: IConstruct, field: string, options: ScrapeEndpointOptions): ScrapeEndpointJson {
  checkFactoryValue(scope, `${field}.scheme`, options.scheme, ScrapeScheme);
  checkFactoryValue(scope, `${field}.authorization`, options.authorization, ScrapeAuthorization);
  checkFactoryValues(scope, `${field}.relabelings`, options.relabelings, RelabelRule);
  checkFactoryValues(scope, `${field}.metricRelabelings`, options.metricRelabelings, RelabelRule);
  const interval = renderPositiveDuration(scope, `${field}.interval`, options.interval);
  const timeout = renderPositiveDuration(scope, `${field}.scrapeTimeout`, options.scrapeTimeout);
  const intervalMs = options.interval?.toMilliseconds() ?? DEFAULT_SCRAPE_INTERVAL_MS;
  if (options.scrapeTimeout && options.scrapeTimeout.toMilliseconds() > intervalMs) {
    const allowed = options.interval
      ? `must not exceed interval ${interval} (prometheus-operator drops the monitor otherwise)`
      : 'must not exceed the scrape interval; set interval explicitly (the default is 30s)';
    throw invalidInput(scope, PROMETHEUS_RULES['SM-03'], `${field}.scrapeTimeout`, timeout, allowed);
  }
  if (options.path !== undefined && !options.path.startsWith('/')) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-14'], `${field}.path`, options.path, 'must be an absolute HTTP path starting with "/"');
  }
  if (options.tls && !isHttps(options)) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-15'], `${field}.tls`, options.scheme?.value ?? 'http', 'needs scheme: ScrapeScheme.HTTPS; Prometheus ignores TLS settings on plain HTTP scrapes');
  }
  return {
    path: options.path,
    scheme: options.scheme?.value,
    interval,
    scrapeTimeout: timeout,
    honorLabels: options.honorLabels,
    relabelings: renderRules(scope, `${field}.relabelings`, options.relabelings),
    metricRelabelings: renderRules(scope, `${field}.metricRelabelings`, options.metricRelabelings),
    tlsConfig: options.tls && renderScrapeTls(scope, `${field}.tls`, options.tls),
    ...options.authorization?._render(scope, `${field}.authorization`),
  };
}

/** prometheus-operator's spelling of a TLS version: `TLS12`. */
export function prometheusTlsVersion(version: TlsVersion): string {
  return `TLS1${version.minor}`;
}

/** The endpoint's `tlsConfig`, after prometheus-operator's rules for it. */
export function renderScrapeTls(scope: IConstruct, field: string, tls: ScrapeTlsOptions): TlsConfigJson {
  checkFactoryValue(scope, `${field}.ca`, tls.ca, ScrapeCertificate);
  checkFactoryValue(scope, `${field}.clientCertificate`, tls.clientCertificate, ScrapeCertificate);
  checkFactoryValue(scope, `${field}.minVersion`, tls.minVersion, TlsVersion);
  checkFactoryValue(scope, `${field}.maxVersion`, tls.maxVersion, TlsVersion);
  if (tls.clientCertificate && !tls.clientKey) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-20'], `${field}.clientKey`, undefined, 'is required with clientCertificate: prometheus-operator rejects a client certificate without its key');
  }
  if (tls.clientKey && !tls.clientCertificate) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-20'], `${field}.clientCertificate`, undefined, 'is required with clientKey: prometheus-operator rejects a client key without its certificate');
  }
  const minVersion = tls.minVersion && prometheusTlsVersion(tls.minVersion);
  const maxVersion = tls.maxVersion && prometheusTlsVersion(tls.maxVersion);
  if (tls.minVersion && tls.maxVersion && tls.maxVersion.minor < tls.minVersion.minor) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-21'], `${field}.maxVersion`, maxVersion, `must not be older than minVersion (${minVersion})`);
  }
  if (tls.serverName !== undefined) {
    checkPattern(scope, PROMETHEUS_RULES['SM-22'], `${field}.serverName`, tls.serverName, /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/, 'must be a DNS name such as "api.example.svc"');
  }
  return {
    ca: tls.ca?._render(scope, `${field}.ca`),
    cert: tls.clientCertificate?._render(scope, `${field}.clientCertificate`),
    keySecret: tls.clientKey && renderSecretKey(scope, `${field}.clientKey`, tls.clientKey),
    serverName: tls.serverName,
    minVersion,
    maxVersion,
    insecureSkipVerify: tls.insecureSkipVerify,
  };
}


/** Manifest form of a namespace selector. */
export function renderNamespaceSelector(scope: IConstruct, selector: MonitorNamespaceSelector | undefined): NamespaceSelectorJson | undefined {
  if (!selector) return undefined;
  checkFactoryValue(scope, 'namespaceSelector', selector, MonitorNamespaceSelector);
  if (selector.allNamespaces) return { any: true };
  if (selector.namespaces.length === 0) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-17'], 'namespaceSelector', [], 'name at least one namespace, or use MonitorNamespaceSelector.all()');
  }
  selector.namespaces.forEach((ns, i) => checkDnsLabel(scope, `namespaceSelector.matchNames[${i}]`, ns));
  return { matchNames: selector.namespaces };
}

/**
 * The namespace selector a monitor needs to reach targets in `targetNamespace`: none when they share
 * a namespace, the target's namespace otherwise (SM-13).
 */
export function namespaceSelectorFor(monitorNamespace?: string, targetNamespace?: string): MonitorNamespaceSelector | undefined {
  return targetNamespace !== undefined && targetNamespace !== monitorNamespace ? MonitorNamespaceSelector.of(targetNamespace) : undefined;
}

function renderRules(scope: IConstruct, field: string, rules: RelabelRule[] | undefined): RelabelingJson[] | undefined {
  return rules?.map((r, i) => r._render(scope, `${field}[${i}]`));
}

function renderPositiveDuration(scope: IConstruct, field: string, d: Duration | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (wholeMilliseconds(scope, field, d) <= 0) throw invalidInput(scope, PROMETHEUS_RULES['SM-16'], field, d.toHumanString(), 'must be a positive duration');
  return toMillisecondDuration(scope, field, d);
}
