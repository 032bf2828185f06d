import { Duration } from 'cdk8s';
import { HttpMatchConditions, HttpStringMatch } from './http-match';
import { ServiceReference } from '../common/references';

/** Where a route sends traffic, and with what share. */
export interface RouteDestinationOptions {
  /**
   * Destination port number. For a Service of this app it must be one of the Service's ports.
   *
   * @default - the only port of a Service of this app (required when it has several); none for other
   * destinations (Istio then routes to the host's only port)
   */
  readonly port?: number;

  /**
   * Relative weight when a route has several destinations.
   *
   * @default - equal share
   */
  readonly weight?: number;

  /**
   * Subset defined in a DestinationRule for the host.
   *
   * @default - none
   */
  readonly subset?: string;
}

/** A route destination: a Service, or a host that is not a Service. */
export class RouteDestination {
  /**
   * A Service: one of this app (`ServiceReference.fromService`), whose port is checked at synth, or one
   * installed by other means (`ServiceReference.fromServiceName`, e.g. a Helm chart's `prometheus-grafana`).
   * It is rendered as its short name in the VirtualService's namespace, otherwise as its FQDN.
   */
  public static toService(service: ServiceReference, options: RouteDestinationOptions = {}): RouteDestination {
    return new RouteDestination(service, undefined, options);
  }

  /** A host that is not a Service, e.g. an external name registered with a ServiceEntry. */
  public static toHost(host: string, options: RouteDestinationOptions = {}): RouteDestination {
    return new RouteDestination(undefined, host, options);
  }

  private constructor(
    /** The Service, when the destination is one. */
    public readonly service: ServiceReference | undefined,
    /** The host, when the destination is not a Service. */
    public readonly host: string | undefined,
    /** Port, weight and subset. */
    public readonly options: RouteDestinationOptions) {}
}

/**
 * One match of a route: a request matches when it meets every condition of the match (AND).
 * A route matches when any of its matches does (OR).
 */
export class HttpRouteMatch {
  /** URI starts with `prefix`. */
  public static prefix(prefix: string): HttpRouteMatch {
    return new HttpRouteMatch({ uri: HttpStringMatch.prefix(prefix) });
  }

  /** URI equals `path`. */
  public static exact(path: string): HttpRouteMatch {
    return new HttpRouteMatch({ uri: HttpStringMatch.exact(path) });
  }

  /** URI matches the RE2 expression. */
  public static regex(regex: string): HttpRouteMatch {
    return new HttpRouteMatch({ uri: HttpStringMatch.regex(regex) });
  }

  /**
   * A request that meets all of the conditions (URI, headers, method, query parameters, port...).
   * Give at least one condition; omit `matches` altogether to match every request.
   *
   * @example
   * HttpRouteMatch.allOf({
   *   uri: HttpStringMatch.prefix('/api'),
   *   headers: { 'x-canary': HttpStringMatch.exact('true') },
   *   method: HttpMethod.GET,
   * });
   */
  public static allOf(conditions: HttpMatchConditions): HttpRouteMatch {
    return new HttpRouteMatch(conditions);
  }

  private constructor(
    /** The conditions, all of which must hold. */
    public readonly conditions: HttpMatchConditions) {}
}

/** A condition under which Envoy retries a request (Envoy `x-envoy-retry-on` / gRPC policies, VS-10). */
export class HttpRetryOn {
  /** Any 5xx response or a connect failure/reset. */
  public static readonly FIVE_XX = new HttpRetryOn('5xx');
  /** 502, 503 or 504. */
  public static readonly GATEWAY_ERROR = new HttpRetryOn('gateway-error');
  /** No response (disconnect, reset, read timeout). */
  public static readonly RESET = new HttpRetryOn('reset');
  /** Reset before any request bytes were sent upstream (safe for non-idempotent requests). */
  public static readonly RESET_BEFORE_REQUEST = new HttpRetryOn('reset-before-request');
  /** Connection failure to the upstream. */
  public static readonly CONNECT_FAILURE = new HttpRetryOn('connect-failure');
  /** Retriable 4xx (409). */
  public static readonly RETRIABLE_4XX = new HttpRetryOn('retriable-4xx');
  /** HTTP/2 REFUSED_STREAM. */
  public static readonly REFUSED_STREAM = new HttpRetryOn('refused-stream');
  /** Status codes listed with `statusCode`. */
  public static readonly RETRIABLE_STATUS_CODES = new HttpRetryOn('retriable-status-codes');
  /** Responses carrying the retriable headers. */
  public static readonly RETRIABLE_HEADERS = new HttpRetryOn('retriable-headers');
  /** Envoy rate-limit responses. */
  public static readonly ENVOY_RATELIMITED = new HttpRetryOn('envoy-ratelimited');
  /** HTTP/3 failure after connect. */
  public static readonly HTTP3_POST_CONNECT_FAILURE = new HttpRetryOn('http3-post-connect-failure');
  /** gRPC CANCELLED. */
  public static readonly CANCELLED = new HttpRetryOn('cancelled');
  /** gRPC DEADLINE_EXCEEDED. */
  public static readonly DEADLINE_EXCEEDED = new HttpRetryOn('deadline-exceeded');
  /** gRPC INTERNAL. */
  public static readonly INTERNAL = new HttpRetryOn('internal');
  /** gRPC RESOURCE_EXHAUSTED. */
  public static readonly RESOURCE_EXHAUSTED = new HttpRetryOn('resource-exhausted');
  /** gRPC UNAVAILABLE. */
  public static readonly UNAVAILABLE = new HttpRetryOn('unavailable');

  /** Retry on one specific HTTP status code (100-599). */
  public static statusCode(code: number): HttpRetryOn {
    return new HttpRetryOn(String(code), code);
  }

  private constructor(
    /** The policy as written to the manifest. */
    public readonly value: string,
    /** The status code, for `statusCode` policies. */
    public readonly code?: number) {}
}

/** Retry policy of a route. Retries only idempotent routes. */
export interface HttpRetryPolicy {
  /** Number of retries after the first attempt; 0 disables retries. */
  readonly attempts: number;

  /**
   * Timeout of each attempt (at least 1ms).
   *
   * @default - the route timeout
   */
  readonly perTryTimeout?: Duration;

  /**
   * Conditions that trigger a retry.
   *
   * @default - Istio's default: connect-failure,refused-stream,unavailable,cancelled,503
   */
  readonly retryOn?: HttpRetryOn[];
}

/** A fixed response returned by the proxy itself. */
export interface HttpDirectResponse {
  /** HTTP status code (200-599). */
  readonly status: number;

  /**
   * Response body.
   *
   * @default - empty
   */
  readonly body?: string;
}

/** The scheme a redirect sends the client to. */
export class HttpRedirectScheme {
  /** http. */
  public static readonly HTTP = new HttpRedirectScheme('http');
  /** https, e.g. to move plain-text clients to TLS. */
  public static readonly HTTPS = new HttpRedirectScheme('https');

  private constructor(
    /** The scheme as written to the manifest. */
    public readonly value: string) {}
}

/** The port a redirect sends the client to: a fixed number, or one derived from the request. */
export class HttpRedirectPort {
  /** 80 for http and 443 for https. */
  public static readonly FROM_PROTOCOL_DEFAULT = new HttpRedirectPort(undefined, 'FROM_PROTOCOL_DEFAULT');
  /** The port the request arrived on. */
  public static readonly FROM_REQUEST_PORT = new HttpRedirectPort(undefined, 'FROM_REQUEST_PORT');

  /** A fixed port (1-65535). */
  public static of(port: number): HttpRedirectPort {
    return new HttpRedirectPort(port, undefined);
  }

  private constructor(
    /** The fixed port, when one is given. */
    public readonly port: number | undefined,
    /** How the port is derived (`derivePort`), when it is not fixed. */
    public readonly derive: string | undefined) {}
}

/** Answer with an HTTP redirect instead of forwarding; give at least one of uri, authority, scheme and port. */
export interface HttpRedirect {
  /**
   * Replaces the path (and query) of the URL.
   *
   * @default - the request's path
   */
  readonly uri?: string;

  /**
   * Replaces the authority (host) of the URL.
   *
   * @default - the request's authority
   */
  readonly authority?: string;

  /**
   * Replaces the scheme of the URL.
   *
   * @default - the request's scheme
   */
  readonly scheme?: HttpRedirectScheme;

  /**
   * Replaces the port of the URL.
   *
   * @default - the request's port
   */
  readonly port?: HttpRedirectPort;

  /**
   * Status code of the redirect (300-399).
   *
   * @default 301
   */
  readonly redirectCode?: number;
}

/** Rewrites `uri` with an RE2 expression; `rewrite` may use capture groups (`\1`). */
export interface HttpUriRegexRewrite {
  /** RE2 expression matched against the path (at most 1024 characters). */
  readonly match: string;

  /** The replacement; must not be empty. */
  readonly rewrite: string;
}

/** Rewrites parts of the request before it is forwarded; give at least one field. */
export interface HttpRewrite {
  /**
   * Replaces the path, or the part a `prefix` URI match matched. Exclusive with `uriRegexRewrite`.
   *
   * @default - path unchanged
   */
  readonly uri?: string;

  /**
   * Replaces the path by regular expression. Exclusive with `uri`.
   *
   * @default - path unchanged
   */
  readonly uriRegexRewrite?: HttpUriRegexRewrite;

  /**
   * Replaces the authority (Host header). Set the authority in one place only: here, or as
   * `:authority`/`host` in request header operations.
   *
   * @default - authority unchanged
   */
  readonly authority?: string;
}

/** Delays a share of requests before forwarding them. */
export interface HttpFaultDelay {
  /** The delay (at least 1ms). */
  readonly fixedDelay: Duration;

  /** Share of requests delayed, in percent: 0, or 0.0001 to 100. */
  readonly percentage: number;
}

/** Answers a share of requests with an error status instead of forwarding them. */
export interface HttpFaultAbort {
  /** HTTP status returned (200-599). */
  readonly httpStatus: number;

  /** Share of requests aborted, in percent: 0, or 0.0001 to 100. */
  readonly percentage: number;
}

/**
 * Faults injected into forwarded requests, e.g. to check timeouts and retries under a load test.
 * Give `delay`, `abort` or both; the two are drawn independently.
 */
export interface HttpFaultInjection {
  /**
   * Delay requests.
   *
   * @default - no delay
   */
  readonly delay?: HttpFaultDelay;

  /**
   * Abort requests.
   *
   * @default - no abort
   */
  readonly abort?: HttpFaultAbort;
}

/**
 * Header changes of one direction. Values may use Envoy's `%VARIABLE%` formatting; write a
 * literal `%` as `%%`.
 */
export interface HttpHeaderOperations {
  /**
   * Headers to set, replacing any value they had.
   *
   * @default - none
   */
  readonly set?: { [name: string]: string };

  /**
   * Headers to append to (a value is added even when the header is present).
   *
   * @default - none
   */
  readonly add?: { [name: string]: string };

  /**
   * Headers to remove.
   *
   * @default - none
   */
  readonly remove?: string[];
}

/** Header changes on the way to the destination (request) and back to the client (response). */
export interface HttpHeaderManipulation {
  /**
   * Changes to the request before it is forwarded.
   *
   * @default - none
   */
  readonly request?: HttpHeaderOperations;

  /**
   * Changes to the response before it is returned.
   *
   * @default - none
   */
  readonly response?: HttpHeaderOperations;
}

/** One HTTP route of a VirtualService. */
export interface HttpRouteOptions {
  /**
   * Route name, shown in access logs and metrics.
   *
   * @default - none
   */
  readonly name?: string;

  /**
   * Conditions (any of them) a request must meet for this route. Each `HttpRouteMatch` holds
   * conditions that must all hold (`HttpRouteMatch.allOf`); the list is ORed.
   *
   * @default - every request
   */
  readonly matches?: HttpRouteMatch[];

  /**
   * Destinations; exactly one of `destinations`, `redirect` and `directResponse` is required (VS-06).
   *
   * @default - none
   */
  readonly destinations?: RouteDestination[];

  /**
   * Answer with a fixed response instead of forwarding.
   *
   * @default - none
   */
  readonly directResponse?: HttpDirectResponse;

  /**
   * Answer with a redirect instead of forwarding. Not with `rewrite` or `fault` (VS-06).
   *
   * @default - none
   */
  readonly redirect?: HttpRedirect;

  /**
   * Rewrite the path or authority before forwarding; needs `destinations`.
   *
   * @default - none
   */
  readonly rewrite?: HttpRewrite;

  /**
   * Inject delays or errors into forwarded requests; needs `destinations`.
   *
   * @default - none
   */
  readonly fault?: HttpFaultInjection;

  /**
   * Also send a copy of each forwarded request to this destination; its responses are discarded.
   * A mirror has no weight.
   *
   * @default - no mirroring
   */
  readonly mirror?: RouteDestination;

  /**
   * Share of requests mirrored, in percent (0-100); needs `mirror`.
   *
   * @default 100
   */
  readonly mirrorPercentage?: number;

  /**
   * Request and response header changes.
   *
   * @default - none
   */
  readonly headers?: HttpHeaderManipulation;

  /**
   * Overall request timeout, retries included (at least 1ms).
   *
   * @default - none (Istio disables HTTP route timeouts by default)
   */
  readonly timeout?: Duration;

  /**
   * Retry policy.
   *
   * @default - Istio's default (2 attempts)
   */
  readonly retries?: HttpRetryPolicy;
}
