import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import type { ScrapeAuthorization, ScrapeCertificate, ScrapeTlsOptions } from './scrape-auth';
import type { ScrapeEndpointOptions } from './scrape-endpoint';
import { isHttps } from './scrape-render';
import { PrometheusSelector } from './selectors';
import { SecretKeyReference, warnOnLiteralSecret } from '../common/secret-keys';
import { checkFactoryValue, checkLabels } from '../core/checks';
import { invalidInput } from '../core/errors';
import { PROMETHEUS_RULES } from '../core/rules';
import { referencesOutsideNamespace } from '../core/service-refs';
import { addWarning } from '../core/warnings';

/*
 * Internal: the checks ServiceMonitor and PodMonitor share (selector labels, target namespaces,
 * the Secrets and ConfigMaps an endpoint reads, and the security warnings of an endpoint).
 */

/**
 * Adds the labels the Prometheus selects monitors by to the monitor's metadata, after checking that
 * the monitor's own labels (`metadata.labels` as given) do not give those keys other values (SM-11).
 */
export function addPrometheusSelectorLabels(monitor: ApiObject, selector: PrometheusSelector, own: { [key: string]: string } = {}): void {
  checkFactoryValue(monitor, 'prometheusSelector', selector, PrometheusSelector);
  checkLabels(monitor, 'prometheusSelector', selector.matchLabels);
  const clash = Object.keys(selector.matchLabels).find(k => own[k] !== undefined && own[k] !== selector.matchLabels[k]);
  if (clash) {
    throw invalidInput(monitor, PROMETHEUS_RULES['SM-11'], `metadata.labels[${JSON.stringify(clash)}]`, own[clash], `conflicts with the Prometheus selector label ${clash}=${selector.matchLabels[clash]}; remove it or make them equal`);
  }
  for (const [key, value] of Object.entries(selector.matchLabels)) monitor.metadata.addLabel(key, value);
}

/** Warns when the target's namespace is left to kubectl while the monitor's is fixed. */
export function warnOnUnknownTargetNamespace(scope: IConstruct, monitorNamespace?: string, targetNamespace?: string, target: string = 'the target') {
  if (targetNamespace === undefined && monitorNamespace !== undefined) {
    addWarning(scope, PROMETHEUS_RULES['SM-13'], `${target} has no namespace while the monitor is in "${monitorNamespace}"; the monitor only finds it if both are applied to "${monitorNamespace}"`);
  }
}

/** prometheus-operator reads an endpoint's Secrets and ConfigMaps from the monitor's namespace only. */
export function scrapeReferenceErrors(monitor: ApiObject, field: string, options: ScrapeEndpointOptions): string[] {
  return referencesOutsideNamespace(monitor, monitor.metadata.namespace, scrapeReferences(field, options.tls, options.authorization),
    'the monitor\'s', 'prometheus-operator');
}

/** Records an endpoint's security warnings (credentials given away, verification skipped); call once, when the endpoint is added. */
export function warnOnScrapeEndpoint(scope: IConstruct, field: string, options: ScrapeEndpointOptions): void {
  const { tls, authorization } = options;
  for (const { field: f, ref } of secretKeysOf(field, tls, authorization)) warnOnLiteralSecret(scope, f, ref, '');
  if (authorization && !isHttps(options)) {
    addWarning(scope, PROMETHEUS_RULES['SM-23'], `${field}.authorization: credentials are sent over plain HTTP, readable by anyone on the path; scrape with scheme: ScrapeScheme.HTTPS`);
  }
  if (tls?.insecureSkipVerify) {
    addWarning(scope, PROMETHEUS_RULES['SM-24'], `${field}.tls.insecureSkipVerify: the target's certificate is not verified, so anyone on the path can impersonate it${authorization ? ' and collect the credentials' : ''}; give its CA in tls.ca instead`);
  }
}

/** Secrets and ConfigMaps an endpoint reads, with the field each is named in, for namespace checks. */
function scrapeReferences(field: string, tls: ScrapeTlsOptions | undefined, authorization: ScrapeAuthorization | undefined):
Array<{ field: string; resource: kplus.ISecret | kplus.IConfigMap }> {
  const certificate = (f: string, c: ScrapeCertificate | undefined) => (c ? [{ field: f, resource: (c.secret ?? c.configMap)! }] : []);
  return [
    ...certificate(`${field}.tls.ca`, tls?.ca),
    ...certificate(`${field}.tls.clientCertificate`, tls?.clientCertificate),
    ...secretKeysOf(field, tls, authorization).map(({ field: f, ref }) => ({ field: f, resource: ref.secret })),
  ];
}

/** The Secret keys an endpoint reads, with the field each is named in. */
function secretKeysOf(field: string, tls: ScrapeTlsOptions | undefined, authorization: ScrapeAuthorization | undefined):
Array<{ field: string; ref: SecretKeyReference }> {
  return [
    ...(tls?.clientKey ? [{ field: `${field}.tls.clientKey`, ref: tls.clientKey }] : []),
    ...(authorization?._secretKeys(`${field}.authorization`) ?? []),
  ];
}
