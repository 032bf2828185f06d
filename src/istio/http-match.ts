/** How a request attribute (URI, header, query parameter, authority, scheme) is compared. */
export class HttpStringMatch {
  /** The value equals `value` (case-sensitive). */
  public static exact(value: string): HttpStringMatch {
    return new HttpStringMatch('exact', value);
  }

  /** The value starts with `prefix`, which must not be empty. */
  public static prefix(prefix: string): HttpStringMatch {
    return new HttpStringMatch('prefix', prefix);
  }

  /** The whole value matches the RE2 expression (at most 1024 characters). */
  public static regex(regex: string): HttpStringMatch {
    return new HttpStringMatch('regex', regex);
  }

  private constructor(
    /** exact, prefix or regex. */
    public readonly kind: string,
    /** The value compared against. */
    public readonly value: string) {}
}

/** An HTTP request method. */
export class HttpMethod {
  /** GET. */
  public static readonly GET = new HttpMethod('GET');
  /** HEAD. */
  public static readonly HEAD = new HttpMethod('HEAD');
  /** POST. */
  public static readonly POST = new HttpMethod('POST');
  /** PUT. */
  public static readonly PUT = new HttpMethod('PUT');
  /** PATCH. */
  public static readonly PATCH = new HttpMethod('PATCH');
  /** DELETE. */
  public static readonly DELETE = new HttpMethod('DELETE');
  /** OPTIONS. */
  public static readonly OPTIONS = new HttpMethod('OPTIONS');
  /** CONNECT. */
  public static readonly CONNECT = new HttpMethod('CONNECT');
  /** TRACE. */
  public static readonly TRACE = new HttpMethod('TRACE');

  private constructor(
    /** The method as sent on the wire. */
    public readonly value: string) {}
}

/**
 * The conditions of one match. A request matches when it meets EVERY condition given here (AND);
 * a route's `matches` list is ORed, so list several `HttpRouteMatch.allOf(...)` for alternatives.
 */
export interface HttpMatchConditions {
  /**
   * The request path (without the query string).
   *
   * @default - any path
   */
  readonly uri?: HttpStringMatch;

  /**
   * Compare the URI case-insensitively (`uri` only).
   *
   * @default false
   */
  readonly ignoreUriCase?: boolean;

  /**
   * Request headers that must be present with a matching value, keyed by lower-case header name
   * (`x-canary`), an HTTP/2 pseudo-header (`:path`) or a JWT claim (`@request.auth.claims.groups`).
   *
   * @default - no header condition
   */
  readonly headers?: { [name: string]: HttpStringMatch };

  /**
   * Request headers that must NOT match, keyed like `headers`: a request matching any of these
   * is not matched.
   *
   * @default - no header exclusion
   */
  readonly withoutHeaders?: { [name: string]: HttpStringMatch };

  /**
   * The request method.
   *
   * @default - any method
   */
  readonly method?: HttpMethod;

  /**
   * Query parameters, keyed by parameter name; `HttpStringMatch.exact('')` matches `?name` without a value.
   *
   * @default - no query parameter condition
   */
  readonly queryParams?: { [name: string]: HttpStringMatch };

  /**
   * The port the request was addressed to (for a gateway: the gateway's listener port).
   *
   * @default - any port
   */
  readonly port?: number;

  /**
   * The HTTP authority (Host header).
   *
   * @default - any authority
   */
  readonly authority?: HttpStringMatch;

  /**
   * The URI scheme (`http`, `https`).
   *
   * @default - any scheme
   */
  readonly scheme?: HttpStringMatch;
}
