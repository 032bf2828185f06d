import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { checkDataKey, SecretKeyReference, warnOnLiteralSecret } from '../common/secret-keys';
import { checkPattern } from '../core/checks';
import { invalidInput } from '../core/errors';
import { PROMETHEUS_RULES } from '../core/rules';
import { addWarning } from '../core/warnings';

/** A certificate (CA bundle or client certificate) read from a key of a Secret or a ConfigMap. */
export class ScrapeCertificate {
  /** From a key of a Secret in the monitor's namespace. */
  public static fromSecret(secret: kplus.ISecret, key: string): ScrapeCertificate {
    return new ScrapeCertificate(secret, undefined, key);
  }

  /** From a key of a ConfigMap in the monitor's namespace (certificates are not secret; keys are). */
  public static fromConfigMap(configMap: kplus.IConfigMap, key: string): ScrapeCertificate {
    return new ScrapeCertificate(undefined, configMap, key);
  }

  private constructor(
    /** The Secret holding the certificate, if it comes from one. */
    public readonly secret: kplus.ISecret | undefined,
    /** The ConfigMap holding the certificate, if it comes from one. */
    public readonly configMap: kplus.IConfigMap | undefined,
    /** The key holding the PEM data. */
    public readonly key: string) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): { secret?: { name: string; key: string }; configMap?: { name: string; key: string } } {
    checkDataKey(scope, `${field}.key`, this.key, this.secret ? 'Secret' : 'ConfigMap');
    return this.secret
      ? { secret: { name: this.secret.name, key: this.key } }
      : { configMap: { name: this.configMap!.name, key: this.key } };
  }
}

/** A TLS protocol version. Only versions without known weaknesses are offered. */
export class ScrapeTlsVersion {
  /** TLS 1.2. */
  public static readonly TLS12 = new ScrapeTlsVersion('TLS12', 12);
  /** TLS 1.3. */
  public static readonly TLS13 = new ScrapeTlsVersion('TLS13', 13);

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string,
    private readonly rank: number) {}

  /** @internal */
  public _isBefore(other: ScrapeTlsVersion): boolean {
    return this.rank < other.rank;
  }
}

/** How Prometheus verifies an HTTPS target and, for mutual TLS, authenticates to it. */
export interface ScrapeTlsOptions {
  /**
   * CA bundle that signed the target's certificate.
   *
   * @default - the CAs Prometheus trusts
   */
  readonly ca?: ScrapeCertificate;

  /**
   * Client certificate for mutual TLS; needs `clientKey`.
   *
   * @default - no client certificate
   */
  readonly clientCertificate?: ScrapeCertificate;

  /**
   * Private key of the client certificate; needs `clientCertificate`.
   *
   * @default - no client key
   */
  readonly clientKey?: SecretKeyReference;

  /**
   * Host name the target's certificate must be valid for.
   *
   * @default - the host Prometheus connects to (the pod IP for endpoint discovery)
   */
  readonly serverName?: string;

  /**
   * Oldest TLS version to accept.
   *
   * @default - Prometheus' default, TLS 1.2
   */
  readonly minVersion?: ScrapeTlsVersion;

  /**
   * Newest TLS version to accept; not older than `minVersion`.
   *
   * @default - the newest Prometheus supports
   */
  readonly maxVersion?: ScrapeTlsVersion;

  /**
   * Skip verifying the target's certificate. Anyone on the path can then impersonate the target;
   * prefer `ca` (and `serverName`). Reported as a warning.
   *
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
}

/**
 * How Prometheus authenticates its scrapes. Credentials are always read from Secrets, never written into the monitor.
 *
 * @example
 * new ServiceMonitor(this, 'Monitor', {
 *   service,
 *   port: 'https',
 *   scheme: ScrapeScheme.HTTPS,
 *   tls: { ca: ScrapeCertificate.fromConfigMap(caBundle, 'ca.crt') },
 *   authorization: ScrapeAuthorization.bearerToken({ secret: kplus.Secret.fromSecretName(this, 'Token', 'scrape-token'), key: 'token' }),
 *   prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
 * });
 */
export class ScrapeAuthorization {
  /** `Authorization: Bearer <token>`, with the token read from a Secret key. */
  public static bearerToken(token: SecretKeyReference): ScrapeAuthorization {
    return new ScrapeAuthorization('Bearer', token, undefined, undefined);
  }

  /**
   * `Authorization: <type> <credentials>` with another scheme than Bearer. For Basic, use `basic()`:
   * prometheus-operator rejects the type "Basic" here.
   */
  public static custom(type: string, credentials: SecretKeyReference): ScrapeAuthorization {
    return new ScrapeAuthorization(type, credentials, undefined, undefined);
  }

  /** HTTP basic authentication, with the user name and the password read from Secret keys. */
  public static basic(username: SecretKeyReference, password: SecretKeyReference): ScrapeAuthorization {
    return new ScrapeAuthorization(undefined, undefined, username, password);
  }

  private constructor(
    /** The `Authorization` scheme, for header credentials. */
    public readonly type: string | undefined,
    /** Where the header credentials come from. */
    public readonly credentials: SecretKeyReference | undefined,
    /** Where the basic-auth user name comes from. */
    public readonly username: SecretKeyReference | undefined,
    /** Where the basic-auth password comes from. */
    public readonly password: SecretKeyReference | undefined) {}

  /** The Secret keys this reads, with the field each is named in. @internal */
  public _secretKeys(field: string): Array<{ field: string; ref: SecretKeyReference }> {
    return this.credentials
      ? [{ field: `${field}.credentials`, ref: this.credentials }]
      : [{ field: `${field}.username`, ref: this.username! }, { field: `${field}.password`, ref: this.password! }];
  }

  /** The endpoint fields: `authorization` or `basicAuth`. @internal */
  public _render(scope: IConstruct, field: string): { [key: string]: unknown } {
    if (this.credentials) {
      const type = this.type!;
      checkPattern(scope, PROMETHEUS_RULES['SM-18'], `${field}.type`, type, /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*$/, 'must be an HTTP authorization scheme such as "Bearer"');
      if (type.toLowerCase() === 'basic') {
        throw invalidInput(scope, PROMETHEUS_RULES['SM-19'], `${field}.type`, type, 'must not be "Basic": prometheus-operator rejects it; use ScrapeAuthorization.basic(username, password)');
      }
      return { authorization: { type, credentials: secretKey(scope, `${field}.credentials`, this.credentials) } };
    }
    return {
      basicAuth: {
        username: secretKey(scope, `${field}.username`, this.username!),
        password: secretKey(scope, `${field}.password`, this.password!),
      },
    };
  }
}

function secretKey(scope: IConstruct, field: string, ref: SecretKeyReference): { name: string; key: string } {
  checkDataKey(scope, `${field}.key`, ref.key, 'Secret');
  return { name: ref.secret.name, key: ref.key };
}

/** The endpoint's `tlsConfig`, after prometheus-operator's rules for it. */
export function renderScrapeTls(scope: IConstruct, field: string, tls: ScrapeTlsOptions): { [key: string]: unknown } {
  if (tls.clientCertificate && !tls.clientKey) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-20'], `${field}.clientKey`, undefined, 'is required with clientCertificate: prometheus-operator rejects a client certificate without its key');
  }
  if (tls.clientKey && !tls.clientCertificate) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-20'], `${field}.clientCertificate`, undefined, 'is required with clientKey: prometheus-operator rejects a client key without its certificate');
  }
  if (tls.minVersion && tls.maxVersion && tls.maxVersion._isBefore(tls.minVersion)) {
    throw invalidInput(scope, PROMETHEUS_RULES['SM-21'], `${field}.maxVersion`, tls.maxVersion.value, `must not be older than minVersion (${tls.minVersion.value})`);
  }
  if (tls.serverName !== undefined) {
    checkPattern(scope, PROMETHEUS_RULES['SM-22'], `${field}.serverName`, tls.serverName, /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/, 'must be a DNS name such as "api.example.svc"');
  }
  return {
    ca: tls.ca?._render(scope, `${field}.ca`),
    cert: tls.clientCertificate?._render(scope, `${field}.clientCertificate`),
    keySecret: tls.clientKey && secretKey(scope, `${field}.clientKey`, tls.clientKey),
    serverName: tls.serverName,
    minVersion: tls.minVersion?.value,
    maxVersion: tls.maxVersion?.value,
    insecureSkipVerify: tls.insecureSkipVerify,
  };
}

/** The Secret keys an endpoint reads, with the field each is named in. */
function secretKeysOf(field: string, tls: ScrapeTlsOptions | undefined, authorization: ScrapeAuthorization | undefined):
Array<{ field: string; ref: SecretKeyReference }> {
  return [
    ...(tls?.clientKey ? [{ field: `${field}.tls.clientKey`, ref: tls.clientKey }] : []),
    ...(authorization?._secretKeys(`${field}.authorization`) ?? []),
  ];
}

/** Secrets and ConfigMaps an endpoint reads, with the field each is named in, for namespace checks. */
export function scrapeReferences(field: string, tls: ScrapeTlsOptions | undefined, authorization: ScrapeAuthorization | undefined):
Array<{ field: string; resource: kplus.ISecret | kplus.IConfigMap }> {
  const certificate = (f: string, c: ScrapeCertificate | undefined) => (c ? [{ field: f, resource: (c.secret ?? c.configMap)! }] : []);
  return [
    ...certificate(`${field}.tls.ca`, tls?.ca),
    ...certificate(`${field}.tls.clientCertificate`, tls?.clientCertificate),
    ...secretKeysOf(field, tls, authorization).map(({ field: f, ref }) => ({ field: f, resource: ref.secret })),
  ];
}

/** Warnings for credentials or verification an endpoint gives away. Recorded once, when the endpoint is added. */
export function warnOnWeakScrapeSecurity(
  scope: IConstruct, field: string, https: boolean, tls: ScrapeTlsOptions | undefined, authorization: ScrapeAuthorization | undefined): void {
  for (const { field: f, ref } of secretKeysOf(field, tls, authorization)) warnOnLiteralSecret(scope, f, ref, '');
  if (authorization && !https) {
    addWarning(scope, PROMETHEUS_RULES['SM-23'], `${field}.authorization: credentials are sent over plain HTTP, readable by anyone on the path; scrape with scheme: ScrapeScheme.HTTPS`);
  }
  if (tls?.insecureSkipVerify) {
    addWarning(scope, PROMETHEUS_RULES['SM-24'], `${field}.tls.insecureSkipVerify: the target's certificate is not verified, so anyone on the path can impersonate it${authorization ? ' and collect the credentials' : ''}; give its CA in tls.ca instead`);
  }
}
