import { IConstruct } from 'constructs';
import { checkSecretKey, SecretKeyReference } from '../common/secret-keys';

/**
 * The JSON shapes the monitors write (prometheus-operator's field names), and the one renderer the public
 * scrape types need. Kept apart from scrape-render.ts so the public types and the renderers import it
 * without importing each other.
 */

/** A key of a Secret or ConfigMap (`{ name, key }`). */
export interface KeySelectorJson {
  readonly name: string;
  readonly key: string;
}

/** A certificate read from a Secret or a ConfigMap. */
export interface CertificateJson {
  /** @default - not written (read from `configMap`) */
  readonly secret?: KeySelectorJson;
  /** @default - not written (read from `secret`) */
  readonly configMap?: KeySelectorJson;
}

/** An endpoint's `tlsConfig`. */
export interface TlsConfigJson {
  /** @default - not written (the CAs Prometheus trusts) */
  readonly ca?: CertificateJson;
  /** @default - not written (no client certificate) */
  readonly cert?: CertificateJson;
  /** @default - not written (no client key) */
  readonly keySecret?: KeySelectorJson;
  /** @default - not written (the host Prometheus connects to) */
  readonly serverName?: string;
  /** @default - not written (Prometheus' default, TLS 1.2) */
  readonly minVersion?: string;
  /** @default - not written (the newest Prometheus supports) */
  readonly maxVersion?: string;
  /** @default - not written (false) */
  readonly insecureSkipVerify?: boolean;
}

/** An endpoint's credentials: `authorization` or `basicAuth`. */
export interface AuthorizationJson {
  /** @default - not written (none) */
  readonly authorization?: { readonly type: string; readonly credentials: KeySelectorJson };
  /** @default - not written (none) */
  readonly basicAuth?: { readonly username: KeySelectorJson; readonly password: KeySelectorJson };
}

/** One relabeling rule. */
export interface RelabelingJson {
  readonly action: string;
  /** @default - not written (none) */
  readonly sourceLabels?: string[];
  /** @default - not written (Prometheus' default, ";") */
  readonly separator?: string;
  /** @default - not written (Prometheus' default, "(.*)") */
  readonly regex?: string;
  /** @default - not written (none) */
  readonly targetLabel?: string;
  /** @default - not written (Prometheus' default, "$1") */
  readonly replacement?: string;
  /** @default - not written (none) */
  readonly modulus?: number;
}

/** The scrape settings of an endpoint (the port fields are added by each monitor). */
export interface ScrapeEndpointJson extends AuthorizationJson {
  /** @default - not written ("/metrics") */
  readonly path?: string;
  /** @default - not written (http) */
  readonly scheme?: string;
  /** @default - not written (the Prometheus global scrape interval) */
  readonly interval?: string;
  /** @default - not written (the Prometheus global scrape timeout) */
  readonly scrapeTimeout?: string;
  /** @default - not written (false) */
  readonly honorLabels?: boolean;
  /** @default - not written (none) */
  readonly relabelings?: RelabelingJson[];
  /** @default - not written (none) */
  readonly metricRelabelings?: RelabelingJson[];
  /** @default - not written (no TLS settings) */
  readonly tlsConfig?: TlsConfigJson;
}

/** A monitor's `namespaceSelector`. */
export interface NamespaceSelectorJson {
  /** @default - not written (false) */
  readonly any?: boolean;
  /** @default - not written (the monitor's own namespace, unless `any`) */
  readonly matchNames?: string[];
}

/** A Kubernetes label selector. */
export interface LabelSelectorJson {
  /** @default - not written (none) */
  readonly matchLabels?: { [key: string]: string };
  /** @default - not written (none) */
  readonly matchExpressions?: Array<{ readonly key: string; readonly operator: string; readonly values?: string[] }>;
}

/** A Secret key as prometheus-operator reads it, after checking the Secret's name and the key. */
export function renderSecretKey(scope: IConstruct, field: string, ref: SecretKeyReference): KeySelectorJson {
  checkSecretKey(scope, field, ref);
  return { name: ref.secret.name, key: ref.key };
}
