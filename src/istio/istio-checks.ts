import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { HttpStringMatch } from './http-match';
import { invalidInput } from '../core/errors';
import { ISTIO_RULES, Rule, ruleById } from '../core/rules';
import { toMillisecondDuration, wholeMilliseconds } from '../core/units';
import {
  destinationHostProblem, ENVOY_MAX_REGEX_LENGTH, envoyRegexProblem, gatewayHostProblem, HTTP_HEADER_NAME, isJwtClaimHeader, matchHeaderNameProblem,
  stringMatchProblem, virtualServiceHostProblem,
} from '../validation/operator-rules/istio';

/**
 * Istio durations: millisecond precision and at least 1ms (the CRD CEL rule and istiod's validator).
 * `rule` is the at-least-1ms rule of the resource the duration belongs to.
 */
export function istioDuration(scope: IConstruct, rule: Rule, field: string, duration: Duration | undefined): string | undefined {
  if (duration === undefined) return undefined;
  if (wholeMilliseconds(scope, field, duration) < 1) {
    throw invalidInput(scope, rule, field, duration.toHumanString(), 'must be at least 1ms');
  }
  return toMillisecondDuration(scope, field, duration);
}

/** Gateway server hosts: `[<namespace>|*|./]<fqdn, wildcard or IPv4 address>` (GW-02), as istiod accepts them. */
export function checkGatewayHost(scope: IConstruct, field: string, host: string): void {
  const problem = gatewayHostProblem(host);
  if (problem) throw invalidInput(scope, ISTIO_RULES['GW-02'], field, host, problem);
}

/** VirtualService hosts: `*`, a wildcard domain, a short Service name, an FQDN or an IP address (VS-14). */
export function checkVirtualServiceHost(scope: IConstruct, field: string, host: string): void {
  const problem = virtualServiceHostProblem(host);
  if (problem) throw invalidInput(scope, ISTIO_RULES['VS-14'], field, host, problem);
}

/** Route and mirror destination hosts: not "*" (VS-15); a wildcard domain, a short Service name or an FQDN, not an IP address (VS-14). */
export function checkDestinationHost(scope: IConstruct, field: string, host: string): void {
  const found = destinationHostProblem(host);
  if (found) throw invalidInput(scope, ruleById(found.ruleId), field, host, found.problem);
}

/** True when two host patterns can match the same name (`*.foo.com` and `a.foo.com`). */
export function hostsIntersect(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true;
  const suffix = (h: string) => h.slice(1); // "*.foo.com" -> ".foo.com"
  if (a.startsWith('*.') && b.startsWith('*.')) return suffix(a).endsWith(suffix(b)) || suffix(b).endsWith(suffix(a));
  if (a.startsWith('*.')) return b.endsWith(suffix(a));
  if (b.startsWith('*.')) return a.endsWith(suffix(b));
  return a === b;
}

/** A regular expression for Envoy: non-empty, at most 1024 characters (VS-25), RE2 syntax (GEN-13). */
export function checkIstioRegex(scope: IConstruct, field: string, regex: string): void {
  const found = envoyRegexProblem(regex);
  if (!found) return;
  throw invalidInput(scope, ruleById(found.ruleId), field, regex.length > ENVOY_MAX_REGEX_LENGTH ? `${regex.slice(0, 40)}...` : regex, found.problem);
}

/** A header, query parameter, authority or scheme condition: a prefix must not be empty (VS-24); a regex must be RE2 (VS-25). */
export function checkStringMatch(scope: IConstruct, field: string, match: HttpStringMatch): void {
  const at = `${field}.${match.kind}`;
  if (match.kind === 'regex') return checkIstioRegex(scope, at, match.value);
  const found = stringMatchProblem(match.kind, match.value);
  if (found) throw invalidInput(scope, ruleById(found.ruleId), at, match.value, found.problem);
}

/**
 * A header name in a match (`headers`, `withoutHeaders`): what istiod accepts (a token, an HTTP/2 pseudo-header or a
 * JWT claim), and in lower case, since Envoy compares header names in lower case (VS-28).
 */
export function checkMatchHeaderName(scope: IConstruct, field: string, name: string): void {
  const problem = matchHeaderNameProblem(name);
  if (problem) throw invalidInput(scope, ISTIO_RULES['VS-28'], field, name, problem);
  if (!isJwtClaimHeader(name) && name !== name.toLowerCase()) {
    throw invalidInput(scope, ISTIO_RULES['VS-28'], field, name, 'must be in lower case, as Envoy compares header names');
  }
}

/** True for the headers that carry the request authority. */
export function isAuthorityHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === ':authority' || lower === 'host';
}

/**
 * A header name to set, add or remove. `:authority` and `host` may only be set or added on requests
 * (`allowAuthority`); other pseudo-headers never (VS-36).
 */
export function checkHeaderOperationName(scope: IConstruct, field: string, name: string, allowAuthority: boolean): void {
  if (allowAuthority && isAuthorityHeader(name)) return;
  if (name.toLowerCase() === 'host' || name.startsWith(':')) {
    throw invalidInput(scope, ISTIO_RULES['VS-36'], field, name, allowAuthority
      ? 'must not be a pseudo-header other than ":authority"'
      : 'must not be "host" or a pseudo-header (":authority" may only be set or added on requests)');
  }
  if (!HTTP_HEADER_NAME.test(name)) {
    throw invalidInput(scope, ISTIO_RULES['VS-36'], field, name, 'must be a header name: letters, digits and !#$%&\'*+-.^_`|~');
  }
}

/**
 * A header value for Envoy: no control characters other than tab, and `%` only as `%%` or around
 * a formatter (`%HOSTNAME%`, `%REQ(x-id)%`, `%UPSTREAM_METADATA(["a", "b"])%`), as istiod's
 * port of Envoy's header parser accepts them (VS-37).
 */
export function checkHeaderValue(scope: IConstruct, field: string, value: string): void {
  if (/[\u0000-\u0008\u000A-\u001F\u007F]/.test(value)) {
    throw invalidInput(scope, ISTIO_RULES['VS-37'], field, value, 'must not contain control characters other than tab');
  }
  const problem = headerFormatProblem(value);
  if (problem) throw invalidInput(scope, ISTIO_RULES['VS-37'], field, value, `must use "%" only as "%%" or around a formatter such as %HOSTNAME%; this value ${problem}`);
}

/** Where a header value's `%...%` formatters go wrong, or undefined when they are well formed. */
function headerFormatProblem(value: string): string | undefined {
  // States: text, name (%NAME), open (after "(" of %NAME(), list (expecting a string in [...]),
  // arg (inside an argument), next ("," or "]" after a string), close (expecting ")"), end (expecting "%").
  let state = 'text';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const space = c === ' ';
    switch (state) {
      case 'text':
        if (c !== '%') break;
        if (i + 1 === value.length) return 'ends with a lone "%"';
        if (value[i + 1] === '%') i++;
        else state = 'name';
        break;
      case 'name':
        if (c === '%') state = 'text';
        else if (c === '(') state = 'open';
        break;
      case 'open':
        if (c === '[') state = 'list';
        else if (!space) state = 'arg';
        break;
      case 'list':
        if (c === '"') state = 'arg';
        else if (!space) return `expects '"' to start a formatter argument at character ${i + 1}`;
        break;
      case 'arg':
        if (c === '\\') {
          if (i + 1 === value.length) return 'ends inside a backslash escape';
          i++;
        } else if (c === ')') {
          state = 'end';
        } else if (c === '"') {
          state = 'next';
        }
        break;
      case 'next':
        if (c === ',') state = 'list';
        else if (c === ']') state = 'close';
        else if (!space) return `expects "," or "]" at character ${i + 1}`;
        break;
      case 'close':
        if (c === ')') state = 'end';
        else if (!space) return `expects ")" at character ${i + 1}`;
        break;
      case 'end':
        if (c === '%') state = 'text';
        else if (!space) return `expects "%" to close the formatter at character ${i + 1}`;
        break;
    }
  }
  return state === 'text' ? undefined : 'has an unterminated "%" formatter';
}

/** A fault percentage: 0, or 0.0001 to 100 (smaller shares cannot be expressed) (VS-35). */
export function checkFaultPercentage(scope: IConstruct, field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 100 || (value > 0 && value < 0.0001)) {
    throw invalidInput(scope, ISTIO_RULES['VS-35'], field, value, 'must be 0 or a number from 0.0001 to 100');
  }
}
