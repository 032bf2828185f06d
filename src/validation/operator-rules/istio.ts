/**
 * Host names, regular expressions and match conditions as istiod's validating webhook accepts them
 * (pkg/config/validation). The Istio constructs check their props with these, and the validator checks Istio
 * documents from anywhere with them.
 */
import { isIP } from 'net';
import { RuleProblem } from '../messages';
import { re2SyntaxProblem } from '../re2';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function isDnsLabel(label: string): boolean {
  return label.length <= 63 && DNS_LABEL.test(label);
}

/**
 * Why istiod's `ValidateWildcardDomain` refuses `host`, or undefined when it accepts it: at most 255 characters;
 * the leftmost label `*` or a DNS label (a wildcard only as the whole leftmost label, `*.example.com`); every
 * other label a lower-case DNS label of at most 63 characters; and a top-level domain that is not all digits
 * (`foo.123` is neither a name nor an IP address).
 */
function wildcardDomainProblem(host: string): string | undefined {
  if (host.length === 0) return 'it is empty';
  if (host.length > 255) return `it has ${host.length} characters, more than 255`;
  const labels = host.split('.');
  const tld = labels[labels.length - 1];
  if (labels.length > 1 && /^\d+$/.test(tld)) return `its top-level domain "${tld}" is all digits, which only an IP address may be`;
  const bad = labels.findIndex((label, i) => !(i === 0 && label === '*') && !isDnsLabel(label));
  if (bad < 0) return undefined;
  const label = labels[bad];
  if (label.includes('*')) return `"${label}" has a wildcard where only a whole leftmost label "*" may be one`;
  if (label === '') return 'it has an empty label (".." or a leading or trailing ".")';
  if (label.length > 63) return `its label "${label.slice(0, 20)}..." has ${label.length} characters, more than 63`;
  return `its label "${label}" is not a lower-case DNS label (letters, digits and "-", starting and ending alphanumeric)`;
}

const GATEWAY_HOST = 'must be "<namespace>/<host>" or "<host>", where namespace is a DNS label, "*" or "." and host is "*", "*.<domain>", '
  + 'a fully qualified lower-case DNS name or an IPv4 address';

/**
 * What is wrong with a Gateway server host (`[<namespace>|*|.]/<fqdn, wildcard or IP address>`, istiod's
 * ValidateNamespaceSlashWildcardHostname), as "must be ...; why"; undefined when istiod accepts it.
 */
export function gatewayHostProblem(host: string): string | undefined {
  const slash = host.indexOf('/');
  const ns = slash >= 0 ? host.slice(0, slash) : undefined;
  const dns = slash >= 0 ? host.slice(slash + 1) : host;
  if (ns !== undefined && !['*', '.'].includes(ns) && !isDnsLabel(ns)) return `${GATEWAY_HOST}; the namespace "${ns}" is not one`;
  if (dns !== '*' && !dns.includes('.')) return `${GATEWAY_HOST}; "${dns}" is a short name, which a Gateway does not accept`;
  const problem = wildcardDomainProblem(dns);
  return problem && !isIP(dns) ? `${GATEWAY_HOST}; ${problem}` : undefined;
}

/** What is wrong with a VirtualService host (`*`, a wildcard domain, a short name, an FQDN or an IP address). */
export function virtualServiceHostProblem(host: string): string | undefined {
  const problem = wildcardDomainProblem(host);
  return problem && !isIP(host)
    ? `must be "*", "*.<domain>", a short Service name, a lower-case DNS name or an IP address; ${problem}`
    : undefined;
}

/**
 * What is wrong with a route or mirror destination host: `*` (VS-15); not a wildcard domain, short name or FQDN, or
 * an IP address (VS-14).
 */
export function destinationHostProblem(host: string): RuleProblem | undefined {
  if (host === '*') return { ruleId: 'VS-15', problem: 'must name a host; "*" is not a destination' };
  const problem = isIP(host) ? 'it is an IP address (route to a ServiceEntry host for one)' : wildcardDomainProblem(host);
  return problem ? { ruleId: 'VS-14', problem: `must be "*.<domain>", a short Service name or a lower-case DNS name; ${problem}` } : undefined;
}

/** istiod refuses longer expressions, as a stand-in for Envoy's RE2 program-size limit. */
export const ENVOY_MAX_REGEX_LENGTH = 1024;

/** What is wrong with a regular expression for Envoy: empty or over 1024 characters (VS-25), not RE2 (GEN-13). */
export function envoyRegexProblem(regex: string): RuleProblem | undefined {
  if (regex.length === 0) return { ruleId: 'VS-25', problem: 'must not be empty' };
  if (regex.length > ENVOY_MAX_REGEX_LENGTH) {
    return { ruleId: 'VS-25', problem: `must be at most ${ENVOY_MAX_REGEX_LENGTH} characters (it has ${regex.length})` };
  }
  const problem = re2SyntaxProblem(regex);
  return problem ? { ruleId: 'GEN-13', problem } : undefined;
}

/**
 * What is wrong with a header, query parameter, authority or scheme condition: an empty prefix (VS-24), a regex
 * Envoy cannot use (VS-25, GEN-13).
 */
export function stringMatchProblem(kind: string, value: string): RuleProblem | undefined {
  if (kind === 'prefix' && value.length === 0) {
    return { ruleId: 'VS-24', problem: 'must not be empty; use a regex or omit the condition to accept any value' };
  }
  return kind === 'regex' ? envoyRegexProblem(value) : undefined;
}

/** RFC 7230 token characters, the characters of an HTTP header name. */
export const HTTP_HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PSEUDO_HEADERS = [':method', ':scheme', ':authority', ':path', ':status'];
const JWT_CLAIM = /^@request\.auth\.claims(\.|\[)./;

/** A JWT claim used as a header name in a match (`@request.auth.claims.<claim>`). */
export function isJwtClaimHeader(name: string): boolean {
  return JWT_CLAIM.test(name);
}

/**
 * What istiod refuses in a header name of a match (`headers`, `withoutHeaders`; ValidateHTTPHeaderNameOrJwtClaimRoute):
 * anything but an HTTP token, an HTTP/2 pseudo-header or a JWT claim (VS-28).
 */
export function matchHeaderNameProblem(name: string): string | undefined {
  if (isJwtClaimHeader(name) || PSEUDO_HEADERS.includes(name) || HTTP_HEADER_NAME.test(name)) return undefined;
  return `must be a header name (letters, digits and !#$%&'*+-.^_\`|~), one of ${PSEUDO_HEADERS.join(', ')}, or "@request.auth.claims.<claim>"`;
}
