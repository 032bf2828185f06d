import { IConstruct } from 'constructs';
import { promqlProblem, returnsSingleSeries } from './promql';
import { TriggerAuthenticationBase } from './trigger-authentication-base';
import { checkAwsRegion, checkKeyValueList, compact, formatBoolean, formatKeyValueList, formatNumber, TriggerDefinition } from './trigger-common';
import { PrometheusAuthMode, PrometheusTriggerOptions } from './trigger-options';
import { checkDnsLabel, checkFactoryValues, checkHttpUrl, checkNumber } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';
import { stateOf } from '../core/tree-state';
import { durationText } from '../core/units';
import { rootOf } from '../core/validation';
import { addWarning } from '../core/warnings';

/** The longest Go time.Duration, in whole milliseconds. */
const MAX_GO_DURATION_MS = 9_223_372_036_854;
const AUTH_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-auth-token']);

/**
 * Server addresses `checkHttpUrl` accepted in this app. Its verdict is a pure function of the string (it parses a
 * URL, which is costly), and apps point many triggers at a few Prometheus servers, so an accepted address is parsed
 * once per app. Only strings that passed are kept, so failures still throw with their own construct.
 */
const ACCEPTED_ADDRESSES_ID = 'cdk8s-eks-autoscaling-prometheus-addresses';

function checkServerAddress(scope: IConstruct, field: string, address: string): void {
  const accepted = stateOf(rootOf(scope), ACCEPTED_ADDRESSES_ID, () => new Set<string>());
  if (typeof address === 'string' && accepted.has(address)) return;
  checkHttpUrl(scope, field, address);
  if (typeof address === 'string') accepted.add(address);
}

/** @internal */
export function prometheusTrigger(options: PrometheusTriggerOptions): TriggerDefinition {
  return {
    type: 'prometheus',
    options,
    validate: (scope, field) => validatePrometheus(scope, field, options),
    metadata: context => compact({
      serverAddress: options.serverAddress,
      metricName: options.metricName,
      query: options.query,
      threshold: formatNumber(options.threshold),
      activationThreshold: options.activationThreshold === undefined ? undefined : formatNumber(options.activationThreshold),
      namespace: options.namespace,
      customHeaders: formatKeyValueList(options.customHeaders),
      queryParameters: formatKeyValueList(options.queryParameters),
      ignoreNullValues: formatBoolean(options.ignoreNullValues ?? (context.fallback ? false : undefined)),
      unsafeSsl: formatBoolean(options.unsafeSsl),
      authModes: options.authModes?.map(m => m.value).join(','),
      awsRegion: options.awsRegion,
      timeout: options.timeout === undefined ? undefined : formatNumber(options.timeout.toMilliseconds()),
    }),
  };
}

function validatePrometheus(scope: IConstruct, field: string, o: PrometheusTriggerOptions): void {
  checkFactoryValues(scope, `${field}.authModes`, o.authModes, PrometheusAuthMode);
  checkServerAddress(scope, `${field}.serverAddress`, o.serverAddress);
  if (o.query.trim() === '') {
    throw invalidInput(scope, KEDA_RULES['PR-01'], `${field}.query`, o.query, 'must be a PromQL query; KEDA fails with "missing required parameter \\"query\\""');
  }
  const unresolved = isUnresolvedToken(o.query);
  const syntax = unresolved ? undefined : promqlProblem(o.query);
  if (syntax) throw invalidInput(scope, KEDA_RULES['PR-15'], `${field}.query`, o.query, `must be a PromQL query Prometheus can parse: ${syntax}`);
  if (!unresolved && !returnsSingleSeries(o.query)) {
    addWarning(scope, KEDA_RULES['PR-04'], `${field}.query: ${JSON.stringify(o.query.trim())} has no top-level aggregation; if it returns more than one series KEDA fails with "returned multiple elements"; wrap it in sum(...)`);
  }
  checkNumber(scope, KEDA_RULES['PR-09'], `${field}.threshold`, o.threshold, { min: 0, exclusiveMin: true });
  checkNumber(scope, KEDA_RULES['PR-09'], `${field}.activationThreshold`, o.activationThreshold, { min: 0 });
  checkDnsLabel(scope, `${field}.namespace`, o.namespace);
  checkKeyValueList(scope, `${field}.customHeaders`, o.customHeaders);
  checkKeyValueList(scope, `${field}.queryParameters`, o.queryParameters);
  for (const header of Object.keys(o.customHeaders ?? {})) {
    if (AUTH_HEADERS.has(header.toLowerCase())) {
      throw invalidInput(scope, KEDA_RULES['PR-10'], `${field}.customHeaders key`, header, 'must not carry credentials, which would sit in the manifest; use authModes (bearer, basic, custom) with a TriggerAuthentication');
    }
  }
  if (o.timeout !== undefined) {
    const ms = o.timeout.toMilliseconds({ integral: false });
    // KEDA multiplies it into a Go time.Duration, which overflows above about 292 years
    if (!Number.isInteger(ms) || ms <= 0 || ms > MAX_GO_DURATION_MS) {
      throw invalidInput(scope, KEDA_RULES['PR-11'], `${field}.timeout`, durationText(o.timeout), 'must be a positive whole number of milliseconds, at most 2562047h47m16s');
    }
  }
  checkAwsRegion(scope, `${field}.awsRegion`, o.awsRegion);
  if (o.authModes !== undefined) {
    if (o.authModes.length === 0) throw invalidInput(scope, KEDA_RULES['PR-12'], `${field}.authModes`, [], 'must list at least one mode, or be omitted');
    if (!o.authentication) throw invalidInput(scope, KEDA_RULES['PR-13'], `${field}.authModes`, o.authModes.map(m => m.value), 'needs authentication: the credentials come from a TriggerAuthentication');
  }
  const podIdentity = o.authentication instanceof TriggerAuthenticationBase ? o.authentication.podIdentity : undefined;
  if (o.authModes !== undefined && podIdentity !== undefined) {
    throw invalidInput(scope, KEDA_RULES['PR-05'], `${field}.authModes`, o.authModes.map(m => m.value), `cannot be combined with the pod identity (${podIdentity.provider}) of its authentication; KEDA fails with "pod identity cannot be enabled with other auth types"`);
  }
  if (o.metricName !== undefined) {
    addWarning(scope, KEDA_RULES['PR-14'], `${field}.metricName: deprecated since KEDA 2.10 and ignored by the prometheus scaler; drop it`);
  }
}
