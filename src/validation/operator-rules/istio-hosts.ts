/**
 * Host names as istiod's validating webhook accepts them (pkg/config/validation/agent/validation.go). The Istio
 * constructs check their props with these, and the validator checks Istio documents from anywhere with them.
 */
import { isIP } from 'net';

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
export function wildcardDomainProblem(host: string): string | undefined {
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

/** What is wrong with a route or mirror destination host (a wildcard domain, a short name or an FQDN; no IP address). */
export function destinationHostProblem(host: string): string | undefined {
  const problem = isIP(host) ? 'it is an IP address (route to a ServiceEntry host for one)' : wildcardDomainProblem(host);
  return problem ? `must be "*.<domain>", a short Service name or a lower-case DNS name; ${problem}` : undefined;
}
