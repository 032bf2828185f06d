import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { RelabelRule } from './relabel-rule';
import { renderScrapeTls, ScrapeAuthorization, scrapeReferences, ScrapeTlsOptions, warnOnWeakScrapeSecurity } from './scrape-auth';
import { MonitorNamespaceSelector, PrometheusSelector, ScrapeScheme } from './selectors';
import { checkDnsLabel, checkLabels } from '../core/checks';
import { invalidInput } from '../core/errors';
import { merge } from '../core/merge';
import { PROMETHEUS_RULES } from '../core/rules';
import { namespaceOf, referencesOutsideNamespace } from '../core/service-refs';
import { toMillisecondDuration, wholeMilliseconds } from '../core/units';
import { addWarning } from '../core/warnings';

/** Scrape settings shared by ServiceMonitor endpoints and PodMonitor endpoints. */
export interface ScrapeEndpointOptions {
  /**
   * HTTP path metrics are served on.
   *
   * @default "/metrics"
   */
  readonly path?: string;

  /**
   * HTTP scheme.
   *
   * @default ScrapeScheme.HTTP
   */
  readonly scheme?: ScrapeScheme;

  /**
   * How often to scrape. Keep it at or below the polling interval of any autoscaler reading
   * these metrics (KEDA polls every 30s by default), or scaling decisions use stale data.
   *
   * @default - the Prometheus global scrape interval (30s with prometheus-operator)
   */
  readonly interval?: Duration;

  /**
   * Timeout of one scrape; must not exceed `interval` (SM-03).
   *
   * @default - the Prometheus global scrape timeout (10s)
   */
  readonly scrapeTimeout?: Duration;

  /**
   * Keep the target's own labels when they clash with server-side labels.
   *
   * @default false
   */
  readonly honorLabels?: boolean;

  /**
   * Relabeling applied to targets before scraping.
   *
   * @default - none
   */
  readonly relabelings?: RelabelRule[];

  /**
   * Relabeling applied to scraped series before ingestion.
   *
   * @default - none
   */
  readonly metricRelabelings?: RelabelRule[];

  /**
   * Verification of the target's certificate, and mutual TLS. Needs scheme HTTPS.
   *
   * @default - Prometheus verifies HTTPS targets against the CAs it trusts
   */
  readonly tls?: ScrapeTlsOptions;

  /**
   * Credentials sent with each scrape, read from Secrets.
   *
   * @default - none
   */
  readonly authorization?: ScrapeAuthorization;
}

/** prometheus-operator's default global scrape interval, used to check a timeout given alone. */
const DEFAULT_SCRAPE_INTERVAL_MS = 30_000;

/** Checks an endpoint and returns its manifest form (port fields are added by the caller). */
export function renderScrapeEndpoint(scope: IConstruct, field: string, options: ScrapeEndpointOptions): { [key: string]: unknown } {
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

/** Records an endpoint's security warnings; call once, when the endpoint is added. */
export function warnOnScrapeEndpoint(scope: IConstruct, field: string, options: ScrapeEndpointOptions): void {
  warnOnWeakScrapeSecurity(scope, field, isHttps(options), options.tls, options.authorization);
}

/** prometheus-operator reads an endpoint's Secrets and ConfigMaps from the monitor's namespace only. */
export function scrapeReferenceErrors(monitor: kplus.Resource, field: string, options: ScrapeEndpointOptions): string[] {
  return referencesOutsideNamespace(monitor, namespaceOf(monitor), scrapeReferences(field, options.tls, options.authorization),
    'the monitor\'s', 'prometheus-operator');
}

function isHttps(options: ScrapeEndpointOptions): boolean {
  return options.scheme === ScrapeScheme.HTTPS;
}

function renderRules(scope: IConstruct, field: string, rules: RelabelRule[] | undefined) {
  return rules?.map((r, i) => r._render(scope, `${field}[${i}]`));
}

function renderPositiveDuration(scope: IConstruct, field: string, d: Duration | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (wholeMilliseconds(scope, field, d) <= 0) throw invalidInput(scope, PROMETHEUS_RULES['SM-16'], field, d.toHumanString(), 'must be a positive duration');
  return toMillisecondDuration(scope, field, d);
}

/** The monitor's metadata labels: the user's plus the Prometheus selector labels (which win). */
type Labels = { [key: string]: string };

export function monitorLabels(scope: IConstruct, selector: PrometheusSelector, own: Labels | undefined): Labels {
  checkLabels(scope, 'prometheusSelector', selector.matchLabels);
  const clash = Object.keys(selector.matchLabels).find(k => own?.[k] !== undefined && own[k] !== selector.matchLabels[k]);
  if (clash) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-11'], `metadata.labels[${JSON.stringify(clash)}]`, own![clash], `conflicts with the Prometheus selector label ${clash}=${selector.matchLabels[clash]}; remove it or make them equal`);
  }
  return merge(own, selector.matchLabels);
}

/** Manifest form of a namespace selector. */
export function renderNamespaceSelector(scope: IConstruct, selector: MonitorNamespaceSelector | undefined) {
  if (!selector) return undefined;
  if (selector.anyNamespace) return { any: true };
  if (selector.namespaces.length === 0) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-17'], 'namespaceSelector', [], 'name at least one namespace, or use MonitorNamespaceSelector.any()');
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

/** Warns when the target's namespace is left to kubectl while the monitor's is fixed. */
export function warnOnUnknownTargetNamespace(scope: IConstruct, monitorNamespace?: string, targetNamespace?: string, target: string = 'the target') {
  if (targetNamespace === undefined && monitorNamespace !== undefined) {
    addWarning(scope, PROMETHEUS_RULES['SM-13'], `${target} has no namespace while the monitor is in "${monitorNamespace}"; the monitor only finds it if both are applied to "${monitorNamespace}"`);
  }
}
