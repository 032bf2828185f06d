import * as kplus from 'cdk8s-plus-31';
import { Construct, IConstruct } from 'constructs';
import { PodIdentity } from './pod-identity';
import * as l1 from '../../imports/keda-triggerauthentications-keda.sh';
import { checkDnsLabel, checkPattern, checkUnique } from '../core/checks';
import { invalidInputMessage } from '../core/errors';
import { checkDataKey, checkSecretKeyReference } from '../core/secret-keys';
import { namespaceOf } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';

/** A TriggerAuthentication or ClusterTriggerAuthentication a trigger can point at. */
export interface ITriggerAuthentication extends IConstruct {
  /** The object's name. */
  readonly name: string;
  /** `TriggerAuthentication` or `ClusterTriggerAuthentication`. */
  readonly kind: string;
  /**
   * The namespace of a TriggerAuthentication, when known.
   * @default - none for cluster-scoped objects and for imports (assumed to share the ScaledObject's namespace)
   */
  readonly namespace?: string;
}

/** A scaler parameter read from a key of a Secret (`secretTargetRef`). */
export interface SecretTarget {
  /** The scaler parameter this value fills (e.g. `awsAccessKeyID`, `bearerToken`). */
  readonly parameter: string;
  /** The Secret; prefer one managed outside this app (`Secret.fromSecretName`). */
  readonly secret: kplus.ISecret;
  /** The key in the Secret. */
  readonly key: string;
}

/** A scaler parameter read from a key of a ConfigMap (`configMapTargetRef`). */
export interface ConfigMapTarget {
  /** The scaler parameter this value fills. */
  readonly parameter: string;
  /** The ConfigMap. */
  readonly configMap: kplus.IConfigMap;
  /** The key in the ConfigMap. */
  readonly key: string;
}

/** A scaler parameter read from an environment variable of the scale target's container (`env`). */
export interface EnvTarget {
  /** The scaler parameter this value fills. */
  readonly parameter: string;
  /** The environment variable's name. */
  readonly envVarName: string;
  /**
   * The container to read it from.
   *
   * @default - the ScaledObject's envSourceContainerName, else the first container
   */
  readonly containerName?: string;
}

/** What a TriggerAuthentication or ClusterTriggerAuthentication resolves. At least one is required. */
export interface TriggerAuthenticationOptions {
  /**
   * Platform identity (no secret material at all; the preferred option).
   *
   * @default - none
   */
  readonly podIdentity?: PodIdentity;

  /**
   * Parameters read from Secrets.
   *
   * @default - none
   */
  readonly secretTargets?: SecretTarget[];

  /**
   * Parameters read from ConfigMaps.
   *
   * @default - none
   */
  readonly configMapTargets?: ConfigMapTarget[];

  /**
   * Parameters read from the scale target's environment.
   *
   * @default - none
   */
  readonly envTargets?: EnvTarget[];
}

const PARAMETER = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * What TriggerAuthentication and ClusterTriggerAuthentication share: the spec and its mutators.
 * Only references are written (Secret and ConfigMap names, env var names); never a credential value.
 */
export abstract class TriggerAuthenticationBase extends kplus.Resource implements ITriggerAuthentication {
  /** The pod identity, if any. */
  public readonly podIdentity?: PodIdentity;
  private readonly secretTargets: SecretTarget[] = [];
  private readonly configMapTargets: ConfigMapTarget[] = [];
  private readonly envTargets: EnvTarget[] = [];

  protected constructor(scope: Construct, id: string, options: TriggerAuthenticationOptions) {
    super(scope, id);
    this.podIdentity = options.podIdentity;
    for (const t of options.secretTargets ?? []) this.addSecretTarget(t);
    for (const t of options.configMapTargets ?? []) this.addConfigMapTarget(t);
    for (const t of options.envTargets ?? []) this.addEnvTarget(t);
    addSynthValidation(this, () => this.validateNotEmpty());
  }

  /** The namespace of a namespaced object; undefined when cluster-scoped or unset. */
  public get namespace(): string | undefined {
    return namespaceOf(this);
  }

  /** Reads a scaler parameter from a Secret key. */
  public addSecretTarget(target: SecretTarget): void {
    const field = `secretTargets[${this.secretTargets.length}]`;
    this.checkParameter(field, target.parameter);
    checkSecretKeyReference(this, field, target.secret, target.key, ' or use podIdentity');
    this.secretTargets.push(target);
  }

  /** Reads a scaler parameter from a ConfigMap key. */
  public addConfigMapTarget(target: ConfigMapTarget): void {
    const field = `configMapTargets[${this.configMapTargets.length}]`;
    this.checkParameter(field, target.parameter);
    checkDataKey(this, `${field}.key`, target.key, 'ConfigMap');
    this.configMapTargets.push(target);
  }

  /** Reads a scaler parameter from an environment variable of the scale target. */
  public addEnvTarget(target: EnvTarget): void {
    const field = `envTargets[${this.envTargets.length}]`;
    this.checkParameter(field, target.parameter);
    checkPattern(this, `${field}.envVarName`, target.envVarName, ENV_VAR_NAME, 'must be an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit');
    checkDnsLabel(this, `${field}.containerName`, target.containerName);
    this.envTargets.push(target);
  }

  /** @internal */
  protected _renderSpec(): l1.TriggerAuthenticationSpec {
    return {
      podIdentity: this.podIdentity?._render(this, 'podIdentity'),
      secretTargetRef: nonEmpty(this.secretTargets.map(t => ({ parameter: t.parameter, name: t.secret.name, key: t.key }))),
      configMapTargetRef: nonEmpty(this.configMapTargets.map(t => ({ parameter: t.parameter, name: t.configMap.name, key: t.key }))),
      env: nonEmpty(this.envTargets.map(t => ({ parameter: t.parameter, name: t.envVarName, containerName: t.containerName }))),
    };
  }

  /** Secrets and ConfigMaps defined in this app, for namespace checks. @internal */
  protected _referencedObjects(): Array<{ field: string; resource: kplus.Resource }> {
    const out: Array<{ field: string; resource: kplus.Resource }> = [];
    this.secretTargets.forEach((t, i) => { if (t.secret instanceof kplus.Resource) out.push({ field: `secretTargets[${i}].secret`, resource: t.secret }); });
    this.configMapTargets.forEach((t, i) => { if (t.configMap instanceof kplus.Resource) out.push({ field: `configMapTargets[${i}].configMap`, resource: t.configMap }); });
    return out;
  }

  private checkParameter(field: string, parameter: string): void {
    checkPattern(this, `${field}.parameter`, parameter, PARAMETER, 'must be a scaler parameter name such as "awsRoleArn" or "bearerToken"');
    const all = [...this.secretTargets, ...this.configMapTargets, ...this.envTargets].map(t => t.parameter);
    checkUnique(this, `${field}.parameter`, [...all, parameter]);
  }

  private validateNotEmpty(): string[] {
    const empty = !this.podIdentity && this.secretTargets.length + this.configMapTargets.length + this.envTargets.length === 0;
    return empty
      ? [invalidInputMessage(this, 'spec', {}, 'needs podIdentity, secretTargets, configMapTargets or envTargets; an empty authentication gives the scaler no credentials')]
      : [];
  }
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
