import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { toMillisecondDuration, wholeMilliseconds } from '../core/units';

/** Istio durations: millisecond precision and at least 1ms (the CRD CEL rule and istiod's validator). */
export function istioDuration(scope: IConstruct, field: string, duration: Duration | undefined): string | undefined {
  if (duration === undefined) return undefined;
  if (wholeMilliseconds(scope, field, duration) < 1) {
    throw invalidInput(scope, field, duration.toHumanString(), 'must be at least 1ms');
  }
  return toMillisecondDuration(scope, field, duration);
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_NAME = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`);

/** `*`, `*.example.com` or a DNS name; the forms istiod accepts for Gateway and VirtualService hosts. */
export function isWildcardDnsName(host: string): boolean {
  if (host === '*') return true;
  const name = host.startsWith('*.') ? host.slice(2) : host;
  return name.length <= 253 && DNS_NAME.test(name);
}

/** Gateway server hosts: `[<namespace>|*|.|~/]<fqdn or wildcard>` (GW-02). */
export function checkGatewayHost(scope: IConstruct, field: string, host: string): void {
  const allowed = 'must be "<namespace>/<host>" or "<host>", where namespace is a DNS label, "*", "." or "~" and host is "*", "*.<domain>" or a fully qualified lower-case DNS name';
  const slash = host.indexOf('/');
  const ns = slash >= 0 ? host.slice(0, slash) : undefined;
  const dns = slash >= 0 ? host.slice(slash + 1) : host;
  const nsOk = ns === undefined || ['*', '.', '~'].includes(ns) || new RegExp(`^${DNS_LABEL}$`).test(ns);
  const fqdn = dns === '*' || dns.includes('.');
  if (!nsOk || !isWildcardDnsName(dns) || !fqdn) {
    throw invalidInput(scope, field, host, allowed);
  }
}

/** VirtualService hosts: `*`, a wildcard domain, a short Service name or an FQDN (VS-02). */
export function checkVirtualServiceHost(scope: IConstruct, field: string, host: string): void {
  if (!isWildcardDnsName(host)) {
    throw invalidInput(scope, field, host, 'must be "*", "*.<domain>", a short Service name or a lower-case DNS name');
  }
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
