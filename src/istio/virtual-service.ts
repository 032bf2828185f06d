import { Construct, IConstruct } from 'constructs';
import { IGateway } from './gateway';
import { HttpMethod, HttpStringMatch } from './http-match';
import {
  HttpFaultInjection, HttpHeaderManipulation, HttpHeaderOperations, HttpRedirect, HttpRedirectPort, HttpRedirectScheme, HttpRetryOn, HttpRewrite,
  HttpRouteMatch, HttpRouteOptions, RouteDestination,
} from './http-route';
import {
  checkFaultPercentage, checkHeaderOperationName, checkHeaderValue, checkIstioRegex, checkMatchHeaderName, checkStringMatch,
  checkDestinationHost, checkVirtualServiceHost, hostsIntersect, isAuthorityHeader, istioDuration,
} from './istio-checks';
import { serviceHost } from './service-hosts';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import { checkServiceReference } from '../common/reference-checks';
import { checkDnsLabel, checkFactoryValue, checkFactoryValues, checkInteger, checkNumber, INT32_MAX } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { ISTIO_RULES } from '../core/rules';
import { describeServicePorts, servicePortNumbered } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';
import { addWarning } from '../core/warnings';

/** A manifest object as rendered (plain JSON). */
type Json = { [key: string]: unknown };

/** `spec.http[].route[].destination` and `spec.http[].mirror`. */
interface DestinationJson {
  readonly host: string;
  /** @default - not written (Istio uses the destination's only port) */
  readonly port?: { readonly number: number };
  /** @default - not written (every endpoint of the host) */
  readonly subset?: string;
}

/** Properties of a VirtualService. */
export interface VirtualServiceProps extends CustomResourceProps {
  /** Hosts this routing applies to: short Service names, FQDNs or wildcard domains. */
  readonly hosts: string[];

  /**
   * Gateways the routes apply to, rendered as `<namespace>/<name>`.
   *
   * @default - none: the routes apply to sidecars in the mesh
   */
  readonly gateways?: IGateway[];

  /**
   * Also apply the routes to sidecars in the mesh when `gateways` are given.
   *
   * @default false (true when no gateways are given)
   */
  readonly includeMesh?: boolean;

  /**
   * HTTP routes, evaluated in order; more can be added with `addHttpRoute`.
   *
   * @default - none
   */
  readonly httpRoutes?: HttpRouteOptions[];
}

/**
 * An Istio VirtualService (networking.istio.io/v1) with HTTP routes to Services.
 *
 * Gateways are objects (rendered `<namespace>/<name>`) and destination ports are checked against the
 * Services of this app at synth; retries, timeouts and hosts are validated as istiod does (VS-01..VS-12).
 */
export class VirtualService extends CustomResource {
  private readonly routes: HttpRouteOptions[] = [];
  private readonly settings: VirtualServiceProps;

  constructor(scope: Construct, id: string, props: VirtualServiceProps) {
    checkProps(scope, id, 'VirtualServiceProps', props);
    super(scope, id, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      resourceType: 'virtualservices',
    }, { metadata: props.metadata });
    this.settings = props;
    this.checkHosts();
    for (const route of props.httpRoutes ?? []) this.addHttpRoute(route);
    addSynthValidation(this, () => this.validateReferences());
  }

  /** Appends an HTTP route (routes are evaluated in order, first match wins). */
  public addHttpRoute(route: HttpRouteOptions): void {
    const field = `http[${this.routes.length}]`;
    this.renderStaticRouteParts(route, field);
    this.warnOnRoute(route, field);
    this.routes.push(route);
  }

  private get boundToMesh(): boolean {
    return !this.settings.gateways?.length || this.settings.includeMesh === true;
  }

  private checkHosts(): void {
    const hosts = this.settings.hosts;
    if (hosts.length === 0) throw invalidInput(this, ISTIO_RULES['VS-13'], 'hosts', [], 'a VirtualService needs at least one host');
    hosts.forEach((h, i) => {
      checkVirtualServiceHost(this, `hosts[${i}]`, h);
      if (h === '*' && this.boundToMesh) {
        throw invalidInput(this, ISTIO_RULES['VS-02'], `hosts[${i}]`, h, 'the wildcard host "*" is not allowed for routes bound to the mesh; bind to gateways only');
      }
      const overlap = hosts.findIndex((other, j) => j < i && hostsIntersect(h, other));
      if (overlap >= 0) {
        throw invalidInput(this, ISTIO_RULES['VS-04'], `hosts[${i}]`, h, `overlaps hosts[${overlap}] ${JSON.stringify(hosts[overlap])}; each host may be matched once`);
      }
    });
  }

  protected renderSpec(): unknown {
    const gateways = (this.settings.gateways ?? []).map(g => gatewayReference(g));
    if (gateways.length > 0 && this.settings.includeMesh) gateways.push('mesh');
    return {
      hosts: this.settings.hosts,
      gateways: gateways.length > 0 ? gateways : undefined,
      http: this.routes.map((r, i) => ({
        ...this.renderStaticRouteParts(r, `http[${i}]`),
        route: r.destinations?.map(d => this.renderDestination(d)),
        mirror: r.mirror && this.renderDestination(r.mirror).destination,
      })),
    };
  }

  /** Everything of a route that does not depend on other constructs; throws on bad input. */
  private renderStaticRouteParts(r: HttpRouteOptions, field: string): Json {
    checkFactoryValues(this, `${field}.route`, r.destinations, RouteDestination);
    checkFactoryValue(this, `${field}.mirror`, r.mirror, RouteDestination);
    checkFactoryValues(this, `${field}.match`, r.matches, HttpRouteMatch);
    this.checkRouteAction(r, field);
    r.destinations?.forEach((d, j) => {
      checkInteger(this, ISTIO_RULES['VS-08'], `${field}.route[${j}].weight`, d.options.weight, 0, 100);
      this.checkDestination(d, `${field}.route[${j}].destination`);
    });
    if (r.destinations && r.destinations.length > 1 && r.destinations.every(d => d.options.weight === 0)) {
      throw invalidInput(this, ISTIO_RULES['VS-08'], `${field}.route`, r.destinations.map(d => d.options.weight), 'the total destination weight must be above 0');
    }
    if (r.directResponse) {
      checkInteger(this, ISTIO_RULES['VS-17'], `${field}.directResponse.status`, r.directResponse.status, 200, 599);
      const size = Buffer.byteLength(r.directResponse.body ?? '', 'utf8');
      if (size > MAX_DIRECT_RESPONSE_BYTES) {
        throw invalidInput(this, ISTIO_RULES['VS-18'], `${field}.directResponse.body`, `${size} bytes`, 'must be at most 1 MiB; istiod refuses larger bodies');
      }
    }
    this.checkMirror(r, field);
    this.checkAuthoritySetOnce(r, field);
    return {
      name: r.name,
      match: r.matches?.map((m, i) => this.renderMatch(m, `${field}.match[${i}]`)),
      directResponse: r.directResponse && {
        status: r.directResponse.status,
        body: r.directResponse.body !== undefined ? { string: r.directResponse.body } : undefined,
      },
      redirect: this.renderRedirect(r.redirect, `${field}.redirect`),
      rewrite: this.renderRewrite(r.rewrite, `${field}.rewrite`),
      fault: this.renderFault(r.fault, `${field}.fault`),
      headers: this.renderHeaders(r.headers, `${field}.headers`),
      mirrorPercentage: r.mirrorPercentage !== undefined ? { value: r.mirrorPercentage } : undefined,
      timeout: istioDuration(this, ISTIO_RULES['VS-39'], `${field}.timeout`, r.timeout),
      retries: this.renderRetries(r, `${field}.retries`),
    };
  }

  /** What the route does with a request: forward it, redirect it or answer it (VS-06). */
  private checkRouteAction(r: HttpRouteOptions, field: string): void {
    const hasRoute = (r.destinations?.length ?? 0) > 0;
    if (r.redirect) {
      const conflicts = namesOfGiven({ destinations: hasRoute, directResponse: r.directResponse, rewrite: r.rewrite, fault: r.fault });
      if (conflicts.length > 0) {
        throw invalidInput(this, ISTIO_RULES['VS-06'], field, ['redirect', ...conflicts], 'a redirect answers the request itself; give no destinations, directResponse, rewrite or fault with it');
      }
      return;
    }
    if (hasRoute === (r.directResponse !== undefined)) {
      throw invalidInput(this, ISTIO_RULES['VS-06'], field, { destinations: r.destinations?.length ?? 0, directResponse: r.directResponse !== undefined },
        'give exactly one of destinations (non-empty) or directResponse, or a redirect instead');
    }
    const conflicts = r.directResponse ? namesOfGiven({ rewrite: r.rewrite, fault: r.fault }) : [];
    if (conflicts.length > 0) {
      throw invalidInput(this, ISTIO_RULES['VS-06'], field, ['directResponse', ...conflicts], 'a direct response answers the request itself; give no rewrite or fault with it');
    }
  }

  /** Host, port and subset of a route or mirror destination. */
  private checkDestination(d: RouteDestination, field: string): void {
    checkInteger(this, ISTIO_RULES['VS-16'], `${field}.port.number`, d.options.port, 1, 65535);
    if (d.host !== undefined) {
      checkDestinationHost(this, `${field}.host`, d.host);
    }
    if (d.service) checkServiceReference(this, `${field}.service`, d.service);
    checkDnsLabel(this, `${field}.subset`, d.options.subset);
  }

  private checkMirror(r: HttpRouteOptions, field: string): void {
    if (r.mirror) {
      if (r.mirror.options.weight !== undefined) {
        throw invalidInput(this, ISTIO_RULES['VS-20'], `${field}.mirror`, { weight: r.mirror.options.weight }, 'a mirror has no weight; control its share with mirrorPercentage');
      }
      this.checkDestination(r.mirror, `${field}.mirror`);
    } else if (r.mirrorPercentage !== undefined) {
      throw invalidInput(this, ISTIO_RULES['VS-21'], `${field}.mirrorPercentage`, r.mirrorPercentage, 'applies to a mirror; give mirror or remove mirrorPercentage');
    }
    checkNumber(this, ISTIO_RULES['VS-22'], `${field}.mirrorPercentage.value`, r.mirrorPercentage, { min: 0, max: 100 });
  }

  /** The authority may be rewritten in one place: rewrite.authority or a request `:authority`/`host` header. */
  private checkAuthoritySetOnce(r: HttpRouteOptions, field: string): void {
    const request = r.headers?.request;
    const places = [
      ...(r.rewrite?.authority !== undefined ? ['rewrite.authority'] : []),
      ...Object.keys(request?.set ?? {}).filter(isAuthorityHeader).map(k => `headers.request.set[${JSON.stringify(k)}]`),
      ...Object.keys(request?.add ?? {}).filter(isAuthorityHeader).map(k => `headers.request.add[${JSON.stringify(k)}]`),
    ];
    if (places.length > 1) {
      throw invalidInput(this, ISTIO_RULES['VS-23'], field, places, 'sets the authority more than once; set it in one place');
    }
  }

  private renderMatch(m: HttpRouteMatch, field: string): Json {
    const c = m.conditions;
    for (const name of ['uri', 'authority', 'scheme'] as const) checkFactoryValue(this, `${field}.${name}`, c[name], HttpStringMatch);
    checkFactoryValue(this, `${field}.method`, c.method, HttpMethod);
    if (c.uri) {
      if (c.uri.value.length === 0) throw invalidInput(this, ISTIO_RULES['VS-24'], `${field}.uri.${c.uri.kind}`, c.uri.value, 'must not be empty');
      if (c.uri.kind === 'regex') checkIstioRegex(this, `${field}.uri.regex`, c.uri.value);
    } else if (c.ignoreUriCase !== undefined) {
      throw invalidInput(this, ISTIO_RULES['VS-26'], `${field}.ignoreUriCase`, c.ignoreUriCase, 'applies to the uri condition only; add a uri condition or remove ignoreUriCase');
    }
    const headers = this.renderStringMatches(c.headers, `${field}.headers`, name => checkMatchHeaderName(this, `${field}.headers key`, name));
    const withoutHeaders = this.renderStringMatches(c.withoutHeaders, `${field}.withoutHeaders`,
      name => checkMatchHeaderName(this, `${field}.withoutHeaders key`, name));
    const queryParams = this.renderStringMatches(c.queryParams, `${field}.queryParams`, name => {
      if (name.length === 0) throw invalidInput(this, ISTIO_RULES['VS-29'], `${field}.queryParams key`, name, 'must not be empty');
    });
    if (c.authority) checkStringMatch(this, `${field}.authority`, c.authority);
    if (c.scheme) checkStringMatch(this, `${field}.scheme`, c.scheme);
    checkInteger(this, ISTIO_RULES['VS-16'], `${field}.port`, c.port, 1, 65535);
    const rendered: Json = {
      uri: stringMatch(c.uri),
      ignoreUriCase: c.ignoreUriCase,
      headers,
      withoutHeaders,
      method: c.method && { exact: c.method.value },
      queryParams,
      port: c.port,
      authority: stringMatch(c.authority),
      scheme: stringMatch(c.scheme),
    };
    if (Object.values(rendered).every(v => v === undefined)) {
      throw invalidInput(this, ISTIO_RULES['VS-27'], field, {}, 'give at least one condition; omit matches altogether to match every request');
    }
    return rendered;
  }

  /** Checks and renders a map of string conditions keyed by name; an empty map is no condition. */
  private renderStringMatches(matches: { [name: string]: HttpStringMatch } | undefined, field: string,
    checkName: (name: string) => void): { [name: string]: Json } | undefined {
    const entries = Object.entries(matches ?? {});
    if (entries.length === 0) return undefined;
    const out: { [name: string]: Json } = {};
    for (const [name, match] of entries) {
      checkName(name);
      checkFactoryValue(this, `${field}[${JSON.stringify(name)}]`, match, HttpStringMatch);
      checkStringMatch(this, `${field}[${JSON.stringify(name)}]`, match);
      out[name] = stringMatch(match)!;
    }
    return out;
  }

  private renderRedirect(redirect: HttpRedirect | undefined, field: string): Json | undefined {
    if (!redirect) return undefined;
    const { uri, authority, scheme, port, redirectCode } = redirect;
    checkFactoryValue(this, `${field}.scheme`, scheme, HttpRedirectScheme);
    checkFactoryValue(this, `${field}.port`, port, HttpRedirectPort);
    if (uri === undefined && authority === undefined && scheme === undefined && port === undefined) {
      throw invalidInput(this, ISTIO_RULES['VS-30'], field, redirect, 'give at least one of uri, authority, scheme or port');
    }
    checkNotEmpty(this, `${field}.uri`, uri, 'the request\'s path');
    checkNotEmpty(this, `${field}.authority`, authority, 'the request\'s authority');
    checkInteger(this, ISTIO_RULES['VS-16'], `${field}.port`, port?.port, 1, 65535);
    checkInteger(this, ISTIO_RULES['VS-31'], `${field}.redirectCode`, redirectCode, 300, 399);
    return {
      uri,
      authority,
      scheme: scheme?.value,
      port: port?.port,
      derivePort: port?.derive,
      redirectCode,
    };
  }

  private renderRewrite(rewrite: HttpRewrite | undefined, field: string): Json | undefined {
    if (!rewrite) return undefined;
    const { uri, uriRegexRewrite, authority } = rewrite;
    if (uri !== undefined && uriRegexRewrite !== undefined) {
      throw invalidInput(this, ISTIO_RULES['VS-33'], field, { uri, uriRegexRewrite }, 'give uri or uriRegexRewrite, not both');
    }
    if (uri === undefined && uriRegexRewrite === undefined && authority === undefined) {
      throw invalidInput(this, ISTIO_RULES['VS-33'], field, {}, 'give at least one of uri, uriRegexRewrite or authority');
    }
    checkNotEmpty(this, `${field}.uri`, uri, 'the path');
    checkNotEmpty(this, `${field}.authority`, authority, 'the authority');
    if (uriRegexRewrite) {
      checkIstioRegex(this, `${field}.uriRegexRewrite.match`, uriRegexRewrite.match);
      checkNotEmpty(this, `${field}.uriRegexRewrite.rewrite`, uriRegexRewrite.rewrite, 'the path');
    }
    return { uri, uriRegexRewrite: uriRegexRewrite && { match: uriRegexRewrite.match, rewrite: uriRegexRewrite.rewrite }, authority };
  }

  private renderFault(fault: HttpFaultInjection | undefined, field: string): Json | undefined {
    if (!fault) return undefined;
    const { delay, abort } = fault;
    if (!delay && !abort) throw invalidInput(this, ISTIO_RULES['VS-34'], field, {}, 'give a delay, an abort or both');
    if (delay) checkFaultPercentage(this, `${field}.delay.percentage.value`, delay.percentage);
    if (abort) {
      checkInteger(this, ISTIO_RULES['VS-17'], `${field}.abort.httpStatus`, abort.httpStatus, 200, 599);
      checkFaultPercentage(this, `${field}.abort.percentage.value`, abort.percentage);
    }
    return {
      delay: delay && { fixedDelay: istioDuration(this, ISTIO_RULES['VS-39'], `${field}.delay.fixedDelay`, delay.fixedDelay), percentage: { value: delay.percentage } },
      abort: abort && { httpStatus: abort.httpStatus, percentage: { value: abort.percentage } },
    };
  }

  private renderHeaders(headers: HttpHeaderManipulation | undefined, field: string): Json | undefined {
    if (!headers) return undefined;
    return {
      request: this.renderHeaderOperations(headers.request, `${field}.request`, true),
      response: this.renderHeaderOperations(headers.response, `${field}.response`, false),
    };
  }

  /** Request headers may set or add `:authority`/`host`; nothing may remove them or touch other pseudo-headers. */
  private renderHeaderOperations(ops: HttpHeaderOperations | undefined, field: string,
    isRequest: boolean): Json | undefined {
    if (!ops) return undefined;
    for (const kind of ['set', 'add'] as const) {
      for (const [name, value] of Object.entries(ops[kind] ?? {})) {
        checkHeaderOperationName(this, `${field}.${kind} key`, name, isRequest);
        checkHeaderValue(this, `${field}.${kind}[${JSON.stringify(name)}]`, value);
      }
    }
    ops.remove?.forEach((name, i) => checkHeaderOperationName(this, `${field}.remove[${i}]`, name, false));
    return { set: ops.set, add: ops.add, remove: ops.remove };
  }

  private renderRetries(r: HttpRouteOptions, field: string): Json | undefined {
    const retries = r.retries;
    if (!retries) return undefined;
    // attempts is an int32 in Istio's HTTPRetry
    checkInteger(this, ISTIO_RULES['VS-09'], `${field}.attempts`, retries.attempts, 0, INT32_MAX);
    checkFactoryValues(this, `${field}.retryOn`, retries.retryOn, HttpRetryOn);
    if (retries.attempts === 0 && (retries.perTryTimeout || retries.retryOn)) {
      throw invalidInput(this, ISTIO_RULES['VS-09'], `${field}.attempts`, 0, 'retries are disabled with 0 attempts; remove perTryTimeout and retryOn or set attempts >= 1');
    }
    retries.retryOn?.forEach((p, i) => {
      if (p.code !== undefined) checkInteger(this, ISTIO_RULES['VS-10'], `${field}.retryOn[${i}]`, p.code, 100, 599);
    });
    if (retries.retryOn?.length === 0) throw invalidInput(this, ISTIO_RULES['VS-38'], `${field}.retryOn`, [], 'name at least one condition, or omit retryOn for Istio\'s default');
    return {
      attempts: retries.attempts,
      perTryTimeout: istioDuration(this, ISTIO_RULES['VS-39'], `${field}.perTryTimeout`, retries.perTryTimeout),
      retryOn: retries.retryOn?.map(p => p.value).join(','),
    };
  }

  private warnOnRoute(r: HttpRouteOptions, field: string): void {
    const bodySize = Buffer.byteLength(r.directResponse?.body ?? '', 'utf8');
    if (bodySize > LARGE_DIRECT_RESPONSE_BYTES) {
      addWarning(this, ISTIO_RULES['VS-19'], `${field}.directResponse.body: ${bodySize} bytes; istiod warns that bodies above 100 KiB slow down the control plane`);
    }
    if (!r.destinations?.length) return;
    if (!r.timeout) {
      addWarning(this, ISTIO_RULES['VS-40'], `${field}: no timeout; a hung upstream holds the request open indefinitely`);
      return;
    }
    const retries = r.retries;
    if (retries?.perTryTimeout && retries.attempts > 0) {
      const needed = retries.perTryTimeout.toMilliseconds() * (retries.attempts + 1);
      if (needed > r.timeout.toMilliseconds()) {
        addWarning(this, ISTIO_RULES['VS-12'], `${field}: timeout ${istioDuration(this, ISTIO_RULES['VS-39'], 'timeout', r.timeout)} ends before ${retries.attempts} retries of ${istioDuration(this, ISTIO_RULES['VS-39'], 'perTryTimeout', retries.perTryTimeout)} can run`);
      }
    }
  }

  private renderDestination(d: RouteDestination): { destination: DestinationJson; weight?: number } {
    const service = d.service?.service;
    const port = d.options.port ?? (service?.ports.length === 1 ? service.ports[0].port : undefined);
    return {
      destination: {
        host: d.service ? serviceHost(d.service, this.metadata.namespace) : d.host!,
        port: port !== undefined ? { number: port } : undefined,
        subset: d.options.subset,
      },
      weight: d.options.weight,
    };
  }

  /** A destination Service of this app must have the port routed to; a Service with several ports needs one named. */
  private servicePortErrors(d: RouteDestination, field: string): string[] {
    const service = d.service?.service;
    if (!service) return [];
    if (d.options.port === undefined && service.ports.length !== 1) {
      return [invalidInputMessage(this, ISTIO_RULES['VS-41'], field, undefined, `is required because Service "${service.name}" has ${service.ports.length} ports (${describeServicePorts(service)})`)];
    }
    if (d.options.port !== undefined && !servicePortNumbered(service, d.options.port)) {
      return [invalidInputMessage(this, ISTIO_RULES['VS-41'], field, d.options.port, `must be a port of Service "${service.name}" (its ports: ${describeServicePorts(service)})`)];
    }
    return [];
  }

  private validateReferences(): string[] {
    const errors: string[] = [];
    this.routes.forEach((r, i) => {
      r.destinations?.forEach((d, j) => errors.push(...this.servicePortErrors(d, `http[${i}].route[${j}].destination.port.number`)));
      if (r.mirror) errors.push(...this.servicePortErrors(r.mirror, `http[${i}].mirror.port.number`));
    });
    (this.settings.gateways ?? []).forEach((g, i) => {
      const serverHosts = g.serverHosts?.map(h => h.slice(h.indexOf('/') + 1));
      if (serverHosts && !this.settings.hosts.some(h => serverHosts.some(s => hostsIntersect(h, s)))) {
        errors.push(invalidInputMessage(this, ISTIO_RULES['VS-42'], `gateways[${i}]`, gatewayReference(g),
          `none of the hosts ${JSON.stringify(this.settings.hosts)} is served by the Gateway (its hosts: ${JSON.stringify(g.serverHosts)}); the routes would never apply`));
      }
      if (g.gatewayNamespace === undefined && this.metadata.namespace !== undefined) {
        addWarning(this, ISTIO_RULES['VS-43'], `gateways[${i}]: Gateway "${g.name}" has no namespace; it is referenced as "${g.name}" in "${this.metadata.namespace}"`);
      }
    });
    if (this.routes.length === 0) errors.push(invalidInputMessage(this, ISTIO_RULES['VS-01'], 'http', [], 'a VirtualService needs at least one route'));
    return errors;
  }
}

/** istiod refuses direct response bodies above 1 MiB and warns above 100 KiB. */
const MAX_DIRECT_RESPONSE_BYTES = 1024 * 1024;
const LARGE_DIRECT_RESPONSE_BYTES = 100 * 1024;

/** The keys whose values are given (truthy), in order. */
function namesOfGiven(fields: { [name: string]: unknown }): string[] {
  return Object.entries(fields).filter(([, v]) => v).map(([k]) => k);
}

/** The manifest form of a string condition. */
function stringMatch(match: HttpStringMatch | undefined): Json | undefined {
  return match && { [match.kind]: match.value };
}

/** An empty string would read as "not set" to istiod; ask for the field to be omitted instead. */
function checkNotEmpty(scope: IConstruct, field: string, value: string | undefined, kept: string): void {
  if (value === '') throw invalidInput(scope, ISTIO_RULES['VS-32'], field, value, `must not be empty; omit it to keep ${kept}`);
}

/** `<namespace>/<name>`, or the bare name (same namespace as the VirtualService) when the namespace is unknown. */
function gatewayReference(g: IGateway): string {
  return g.gatewayNamespace ? `${g.gatewayNamespace}/${g.name}` : g.name;
}
