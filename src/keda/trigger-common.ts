import { IConstruct } from 'constructs';
import { MetricTargetType, TriggerOptions } from './trigger-options';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';

/** What renders depend on. @internal */
export interface TriggerRenderContext {
  /** The ScaledObject has a fallback: scalers must report errors instead of zeros. */
  readonly fallback: boolean;
}

/** One trigger type's validation and metadata. @internal */
export interface TriggerDefinition {
  readonly type: string;
  readonly options: TriggerOptions;
  /**
   * Fixed metric type (cpu/memory), overriding options.metricType.
   * @default - options.metricType
   */
  readonly fixedMetricType?: MetricTargetType;
  validate(scope: IConstruct, field: string): void;
  metadata(context: TriggerRenderContext): { [key: string]: string };
}

/** Numbers as KEDA reads them from metadata strings ("0.5", "10"). */
export function formatNumber(value: number): string {
  return String(value);
}

/** Booleans as KEDA reads them ("true"/"false"), or undefined to leave the default. */
export function formatBoolean(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** KEDA's `key1=value1,key2=value2` form for map parameters (customHeaders, queryParameters). */
export function formatKeyValueList(map: { [key: string]: string } | undefined): string | undefined {
  const entries = Object.entries(map ?? {});
  return entries.length > 0 ? entries.map(([k, v]) => `${k}=${v}`).join(',') : undefined;
}

/** Fails on map entries that `formatKeyValueList` cannot write unambiguously. */
export function checkKeyValueList(scope: IConstruct, field: string, map: { [key: string]: string } | undefined): void {
  for (const [k, v] of Object.entries(map ?? {})) {
    if (k === '' || /[=,\s]/.test(k)) throw invalidInput(scope, KEDA_RULES['KT-04'], `${field} key`, k, 'must be non-empty without "=", "," or whitespace: KEDA reads the map as key=value pairs separated by ","');
    if (/[=,]/.test(v)) throw invalidInput(scope, KEDA_RULES['KT-04'], `${field}[${JSON.stringify(k)}]`, v, 'must not contain "=" or ",": KEDA reads the map as key=value pairs separated by ","');
  }
}

/** Drops undefined values so metadata stays a string map. */
export function compact(metadata: { [key: string]: string | undefined }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  // keys, not entries: no [key, value] pair per key (metadata is built for every trigger and render)
  for (const k of Object.keys(metadata)) {
    const v = metadata[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const CREDENTIAL_KEYS: ReadonlySet<string> = new Set([
  'awsaccesskeyid', 'awssecretaccesskey', 'awssessiontoken', 'password', 'token', 'bearertoken', 'apikey', 'apitoken',
  'accesskey', 'secretkey', 'clientsecret', 'connectionstring', 'sastoken', 'authorization',
]);
const AWS_ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/**
 * Fails on credentials written into trigger metadata (SQ-06): they would sit in plain manifests.
 * Keys ending in FromEnv name an environment variable, not a value, and pass.
 */
export function checkNoCredentials(scope: IConstruct, field: string, metadata: { [key: string]: string }): void {
  const fix = 'credentials must not be written into a manifest; move them to a TriggerAuthentication (podIdentity, or secretTargets to a Secret managed outside the app) and set authentication';
  for (const [key, value] of Object.entries(metadata)) {
    if (CREDENTIAL_KEYS.has(key.toLowerCase())) throw invalidInput(scope, KEDA_RULES['SQ-06'], `${field}.metadata.${key}`, '<redacted>', fix);
    // substring guards first: the patterns backtrack over long values such as PromQL queries
    if ((value.includes('AKIA') || value.includes('ASIA')) && AWS_ACCESS_KEY_ID.test(value)) {
      throw invalidInput(scope, KEDA_RULES['SQ-06'], `${field}.metadata.${key}`, '<redacted AWS access key id>', fix);
    }
    if (value.includes('@') && value.includes('://') && URL_WITH_PASSWORD.test(value)) {
      throw invalidInput(scope, KEDA_RULES['SQ-06'], `${field}.metadata.${key}`, value.replace(/:\/\/([^/\s:@]+):[^/\s@]+@/, '://$1:<redacted>@'), fix);
    }
  }
}

/** Fails on `unsafeSsl: "true"` unless the ScaledObject opted in (PR-06). */
export function checkSafeTls(scope: IConstruct, field: string, metadata: { [key: string]: string }, allowUnsafeSsl: boolean): void {
  if (!allowUnsafeSsl && metadata.unsafeSsl?.toLowerCase() === 'true') {
    throw invalidInput(scope, KEDA_RULES['PR-06'], `${field}.unsafeSsl`, true, 'skips TLS certificate verification of the metrics source; give KEDA the CA through a TriggerAuthentication (authModes tls) or, to accept the risk, set allowUnsafeSsl: true on the ScaledObject');
  }
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** An AWS region such as `us-east-1` (tokens pass). */
export function checkAwsRegion(scope: IConstruct, field: string, region: string | undefined): void {
  if (region === undefined || isUnresolvedToken(region)) return;
  if (!AWS_REGION.test(region)) throw invalidInput(scope, KEDA_RULES['KT-05'], field, region, 'must be an AWS region such as "us-east-1"');
}

