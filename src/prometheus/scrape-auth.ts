import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { AuthorizationJson, CertificateJson, renderSecretKey } from './scrape-json';
import { checkConfigMapKey, checkSecretKey, ConfigMapKeyReference, SecretKeyReference } from '../common/secret-keys';
import { TlsVersion } from '../common/tls';
import { checkPattern } from '../core/checks';
import { invalidInput } from '../core/errors';
import { PROMETHEUS_RULES } from '../core/rules';

/** A certificate (CA bundle or client certificate) read from a key of a Secret or a ConfigMap. */
export class ScrapeCertificate {
  /** From a key of a Secret in the monitor's namespace. */
  public static fromSecret(ref: SecretKeyReference): ScrapeCertificate {
    return new ScrapeCertificate(ref.secret, undefined, ref.key);
  }

  /** From a key of a ConfigMap in the monitor's namespace (certificates are not secret; keys are). */
  public static fromConfigMap(ref: ConfigMapKeyReference): ScrapeCertificate {
    return new ScrapeCertificate(undefined, ref.configMap, ref.key);
  }

  private constructor(
    /** The Secret holding the certificate, if it comes from one. */
    public readonly secret: kplus.ISecret | undefined,
    /** The ConfigMap holding the certificate, if it comes from one. */
    public readonly configMap: kplus.IConfigMap | undefined,
    /** The key holding the PEM data. */
    public readonly key: string) {}

  /** The `{ secret }` or `{ configMap }` reference prometheus-operator reads. @internal */
  public _render(scope: IConstruct, field: string): CertificateJson {
    if (this.secret) checkSecretKey(scope, field, { secret: this.secret, key: this.key });
    else checkConfigMapKey(scope, field, { configMap: this.configMap!, key: this.key });
    return this.secret
      ? { secret: { name: this.secret.name, key: this.key } }
      : { configMap: { name: this.configMap!.name, key: this.key } };
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
  readonly minVersion?: TlsVersion;

  /**
   * Newest TLS version to accept; not older than `minVersion`.
   *
   * @default - the newest Prometheus supports
   */
  readonly maxVersion?: TlsVersion;

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
 *   service: ServiceReference.fromService(service),
 *   port: 'https',
 *   scheme: ScrapeScheme.HTTPS,
 *   tls: { ca: ScrapeCertificate.fromConfigMap({ configMap: caBundle, key: 'ca.crt' }) },
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
  public _render(scope: IConstruct, field: string): AuthorizationJson {
    if (this.credentials) {
      const type = this.type!;
      checkPattern(scope, PROMETHEUS_RULES['SM-18'], `${field}.type`, type, /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*$/, 'must be an HTTP authorization scheme such as "Bearer"');
      if (type.toLowerCase() === 'basic') {
        throw invalidInput(scope, PROMETHEUS_RULES['SM-19'], `${field}.type`, type, 'must not be "Basic": prometheus-operator rejects it; use ScrapeAuthorization.basic(username, password)');
      }
      return { authorization: { type, credentials: renderSecretKey(scope, `${field}.credentials`, this.credentials) } };
    }
    return {
      basicAuth: {
        username: renderSecretKey(scope, `${field}.username`, this.username!),
        password: renderSecretKey(scope, `${field}.password`, this.password!),
      },
    };
  }
}
