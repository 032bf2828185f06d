import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { GENERAL_RULES, Rule } from './rules';
import { isUnresolvedToken } from './service-refs';

/** The largest int32, the bound of most integer fields in Kubernetes and operator schemas. */
export const INT32_MAX = 2147483647;

/** Throws unless `value` is an integer within [min, max]. */
export function checkInteger(scope: IConstruct, rule: Rule, field: string, value: number | undefined,
  min: number, max: number = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw invalidInput(scope, rule, field, value, `must be ${range}`);
  }
}

export interface NumberBounds {
  /** @default - no lower bound */
  readonly min?: number;
  /** @default - no upper bound */
  readonly max?: number;
  /** @default false */
  readonly exclusiveMin?: boolean;
}

/** Throws unless `value` is a finite number within the bounds. */
export function checkNumber(scope: IConstruct, rule: Rule, field: string, value: number | undefined, opts: NumberBounds = {}): void {
  if (value === undefined) return;
  const { min, max, exclusiveMin } = opts;
  const tooLow = min !== undefined && (exclusiveMin ? value <= min : value < min);
  const tooHigh = max !== undefined && value > max;
  if (!Number.isFinite(value) || tooLow || tooHigh) {
    const parts: string[] = [];
    if (min !== undefined) parts.push(`${exclusiveMin ? '>' : '>='} ${min}`);
    if (max !== undefined) parts.push(`<= ${max}`);
    throw invalidInput(scope, rule, field, value, `must be a number ${parts.join(' and ')}`);
  }
}

/** An enum-like class of the library: a private constructor, and static members or factories that make its values. */
export interface FactoryClass<T> {
  readonly prototype: T;
  readonly name: string;
}

/**
 * Throws unless `value` was made by `type` itself (its static members or factories), rather than being a plain
 * object cast to the class, which would skip the checks and render whatever its fields hold (GEN-70).
 */
export function checkFactoryValue<T>(scope: IConstruct, field: string, value: T | undefined, type: FactoryClass<T>): void {
  if (value === undefined) return;
  if (typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(type.prototype, value)) return;
  throw invalidInput(scope, GENERAL_RULES['GEN-70'], field, value, `must be made by ${type.name}: ${factoriesOf(type)}; not a plain object cast to ${type.name}`);
}

/** Like `checkFactoryValue`, for each entry of a list. */
export function checkFactoryValues<T>(scope: IConstruct, field: string, values: readonly T[] | undefined, type: FactoryClass<T>): void {
  values?.forEach((v, i) => checkFactoryValue(scope, `${field}[${i}]`, v, type));
}

/** "GatewayProtocol.HTTP, GatewayProtocol.HTTPS, ..." or "ScalerTrigger.prometheus(...), ...": what makes values of `type`. */
function factoriesOf<T>(type: FactoryClass<T>): string {
  const statics = type as unknown as Record<string, unknown>;
  const made = Object.getOwnPropertyNames(type)
    .filter(name => !['length', 'name', 'prototype'].includes(name) && !name.startsWith('_'))
    .flatMap(name => {
      const member = Object.getOwnPropertyDescriptor(type, name)?.value ?? statics[name];
      if (typeof member === 'function') return [`${type.name}.${name}(...)`];
      if (typeof member === 'object' && member !== null && Object.prototype.isPrototypeOf.call(type.prototype, member)) return [`${type.name}.${name}`];
      return [];
    });
  return made.length > 0 ? made.join(', ') : `one of ${type.name}'s factories`;
}

/** Throws unless `value` matches `pattern`; `allowed` explains the pattern in words. */
export function checkPattern(scope: IConstruct, rule: Rule, field: string, value: string | undefined, pattern: RegExp, allowed: string): void {
  if (value === undefined) return;
  if (!pattern.test(value)) {
    throw invalidInput(scope, rule, field, value, allowed);
  }
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf<T>(scope: IConstruct, rule: Rule, field: string, value: T | undefined, allowed: readonly T[]): void {
  if (value === undefined) return;
  if (!allowed.includes(value)) {
    throw invalidInput(scope, rule, field, value, `must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}`);
  }
}

/** Throws when the list repeats an entry. */
export function checkUnique(scope: IConstruct, rule: Rule, field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw invalidInput(scope, rule, field, v, 'entries must be unique');
    seen.add(v);
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Kubernetes object names (DNS-1123 subdomain, at most 253 characters). */
export function checkObjectName(scope: IConstruct, field: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw invalidInput(scope, GENERAL_RULES['GEN-04'], field, value, 'must be a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending alphanumeric, at most 253 characters');
  }
}

/** DNS-1123 labels (namespaces, Service names, port names' cousins), at most 63 characters. */
export function checkDnsLabel(scope: IConstruct, field: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw invalidInput(scope, GENERAL_RULES['GEN-05'], field, value, 'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending alphanumeric, at most 63 characters');
  }
}

/** A label or annotation key: optional DNS-subdomain prefix (<= 253) and a name (<= 63). */
export function checkQualifiedName(scope: IConstruct, field: string, key: string): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefixOk = prefix === undefined || (prefix.length > 0 && prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix));
  if (!prefixOk || name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    throw invalidInput(scope, GENERAL_RULES['GEN-06'], field, key, 'must be a qualified name: an optional DNS-subdomain prefix and "/", then at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric');
  }
}

/** A label value: at most 63 characters, alphanumeric at both ends, "-", "_" and "." inside. */
export function checkLabelValue(scope: IConstruct, field: string, value: string): void {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    throw invalidInput(scope, GENERAL_RULES['GEN-07'], field, value, 'must be a label value: at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric (or empty)');
  }
}

/** Checks every key and value of a label map. */
export function checkLabels(scope: IConstruct, field: string, labels: { [key: string]: string } | undefined): void {
  if (!labels) return;
  for (const [k, v] of Object.entries(labels)) {
    checkQualifiedName(scope, `${field} key`, k);
    checkLabelValue(scope, `${field}[${JSON.stringify(k)}]`, v);
  }
}

/** Checks every key of an annotation map. */
export function checkAnnotations(scope: IConstruct, field: string, annotations: { [key: string]: string } | undefined): void {
  if (!annotations) return;
  for (const k of Object.keys(annotations)) checkQualifiedName(scope, `${field} key`, k);
}

/** A host name or IPv4 address as WHATWG URL writes it: dot-separated labels of letters, digits, "-" and "_". */
const URL_HOST = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/;

/** An http(s) URL with a host and no user:password part (tokens pass). */
export function checkHttpUrl(scope: IConstruct, field: string, value: string): void {
  if (isUnresolvedToken(value)) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Go's net/url, which the operators parse with, refuses host characters that WHATWG URLs accept ("{", "$", ...)
  const hostOk = url !== undefined && (URL_HOST.test(url.hostname) || /^\[[0-9a-fA-F:.]+\]$/.test(url.hostname));
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || !hostOk) {
    throw invalidInput(scope, GENERAL_RULES['GEN-08'], field, value, 'must be an http:// or https:// URL with a host, e.g. "http://prometheus-operated.monitoring.svc:9090"');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidInput(scope, GENERAL_RULES['GEN-09'], field, `${url.protocol}//<redacted>@${url.host}${url.pathname}`, 'must not embed credentials; use a TriggerAuthentication');
  }
}
