import { IConstruct } from 'constructs';
import { checkDataKey, SecretKeyReference } from '../common/secret-keys';

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
  readonly secret?: KeySelectorJson;
  readonly configMap?: KeySelectorJson;
}

/** An endpoint's `tlsConfig`. */
export interface TlsConfigJson {
  readonly ca?: CertificateJson;
  readonly cert?: CertificateJson;
  readonly keySecret?: KeySelectorJson;
  readonly serverName?: string;
  readonly minVersion?: string;
  readonly maxVersion?: string;
  readonly insecureSkipVerify?: boolean;
}

/** An endpoint's credentials: `authorization` or `basicAuth`. */
export interface AuthorizationJson {
  readonly authorization?: { readonly type: string; readonly credentials: KeySelectorJson };
  readonly basicAuth?: { readonly username: KeySelectorJson; readonly password: KeySelectorJson };
}

/** One relabeling rule. */
export interface RelabelingJson {
  readonly action: string;
  readonly sourceLabels?: string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly targetLabel?: string;
  readonly replacement?: string;
  readonly modulus?: number;
}

/** The scrape settings of an endpoint (the port fields are added by each monitor). */
export interface ScrapeEndpointJson extends AuthorizationJson {
  readonly path?: string;
  readonly scheme?: string;
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly honorLabels?: boolean;
  readonly relabelings?: RelabelingJson[];
  readonly metricRelabelings?: RelabelingJson[];
  readonly tlsConfig?: TlsConfigJson;
}

/** A monitor's `namespaceSelector`. */
export interface NamespaceSelectorJson {
  readonly any?: boolean;
  readonly matchNames?: string[];
}

/** A Kubernetes label selector. */
export interface LabelSelectorJson {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: Array<{ readonly key: string; readonly operator: string; readonly values?: string[] }>;
}

/** A Secret key as prometheus-operator reads it, after checking the key. */
export function renderSecretKey(scope: IConstruct, field: string, ref: SecretKeyReference): KeySelectorJson {
  checkDataKey(scope, `${field}.key`, ref.key, 'Secret');
  return { name: ref.secret.name, key: ref.key };
}
