import * as kplus from 'cdk8s-plus-31';
import { Construct, IConstruct } from 'constructs';
import { PodIdentity } from './pod-identity';
import { TriggerAuthenticationSpecJson } from './trigger-authentication-render';
import { CustomResource, CustomResourceKind, CustomResourceProps } from '../common/custom-resource';
import { checkConfigMapKey, checkSecretKeyReference, ConfigMapKeyReference, SecretKeyReference } from '../common/secret-keys';
import { checkDnsLabel, checkFactoryValue, checkHttpUrl, checkObjectName, checkPattern, checkUnique } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { NamedReference } from '../core/service-refs';
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

/** A scaler parameter read from a key of a Secret (`secretTargetRef`), in the authentication's namespace. */
export interface SecretTarget extends SecretKeyReference {
  /** The scaler parameter this value fills (e.g. `awsAccessKeyID`, `bearerToken`). */
  readonly parameter: string;
}

/** A scaler parameter read from a key of a ConfigMap (`configMapTargetRef`), in the authentication's namespace. */
export interface ConfigMapTarget extends ConfigMapKeyReference {
  /** The scaler parameter this value fills. */
  readonly parameter: string;
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

/**
 * A scaler parameter filled with a short-lived token of a ServiceAccount (`boundServiceAccountToken`),
 * e.g. `bearerToken` for a Prometheus behind kube-rbac-proxy. No secret is stored anywhere.
 */
export interface BoundServiceAccountTokenTarget {
  /** The scaler parameter this value fills, e.g. `bearerToken`. */
  readonly parameter: string;
  /** The ServiceAccount KEDA requests the token for, in the authentication's namespace. */
  readonly serviceAccount: kplus.IServiceAccount;
}

/** OAuth2 client-credentials flow (`oauth2`): KEDA fetches an access token for the scaler. */
export interface OAuth2ClientCredentials {
  /** The client id registered with the authorization server. */
  readonly clientId: string;
  /** Where the client secret is read from. */
  readonly clientSecret: SecretKeyReference;
  /** The token endpoint, an http(s) URL. */
  readonly tokenUrl: string;
  /**
   * Scopes to request.
   *
   * @default - none; the server's default scopes
   */
  readonly scopes?: string[];
  /**
   * Extra query parameters for the token request, such as `audience`.
   *
   * @default - none
   */
  readonly tokenUrlParams?: { [key: string]: string };
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

  /**
   * Parameters filled with bound ServiceAccount tokens.
   *
   * @default - none
   */
  readonly boundServiceAccountTokens?: BoundServiceAccountTokenTarget[];

  /**
   * An OAuth2 access token from the client-credentials flow.
   *
   * @default - none
   */
  readonly oauth2?: OAuth2ClientCredentials;
}

const PARAMETER = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// RFC 6749 scope-token: printable ASCII except space, '"' and '\\'
const OAUTH2_SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * What TriggerAuthentication and ClusterTriggerAuthentication share: the spec and its mutators.
 * Only references are written (Secret and ConfigMap names, env var names); never a credential value.
 */
export abstract class TriggerAuthenticationBase extends CustomResource implements ITriggerAuthentication {

  /** The pod identity, if any. */
  public readonly podIdentity?: PodIdentity;
  private readonly secretTargets: SecretTarget[] = [];
  private readonly configMapTargets: ConfigMapTarget[] = [];
  private readonly envTargets: EnvTarget[] = [];
  private readonly tokenTargets: BoundServiceAccountTokenTarget[] = [];
  private readonly oauth2?: OAuth2ClientCredentials;

  protected constructor(scope: Construct, id: string, kind: CustomResourceKind, props: CustomResourceProps, options: TriggerAuthenticationOptions) {
    super(scope, id, kind, props);
    checkFactoryValue(this, 'podIdentity', options.podIdentity, PodIdentity);
    // the identity's own checks run now, so its errors point at the construct rather than at synth
    options.podIdentity?._render(this, 'podIdentity');
    this.podIdentity = options.podIdentity;
    for (const t of options.secretTargets ?? []) this.addSecretTarget(t);
    for (const t of options.configMapTargets ?? []) this.addConfigMapTarget(t);
    for (const t of options.envTargets ?? []) this.addEnvTarget(t);
    for (const t of options.boundServiceAccountTokens ?? []) this.addBoundServiceAccountToken(t);
    if (options.oauth2) this.oauth2 = this.checkOAuth2(options.oauth2);
    addSynthValidation(this, () => this.validateNotEmpty());
  }

  /** The namespace of a namespaced object; undefined when cluster-scoped or unset. */
  public get namespace(): string | undefined {
    return this.metadata.namespace;
  }

  /** Reads a scaler parameter from a Secret key. */
  public addSecretTarget(target: SecretTarget): void {
    const field = `secretTargets[${this.secretTargets.length}]`;
    this.checkParameter(field, target.parameter);
    checkSecretKeyReference(this, field, target, ' or use podIdentity');
    this.secretTargets.push(target);
  }

  /** Reads a scaler parameter from a ConfigMap key. */
  public addConfigMapTarget(target: ConfigMapTarget): void {
    const field = `configMapTargets[${this.configMapTargets.length}]`;
    this.checkParameter(field, target.parameter);
    checkConfigMapKey(this, field, target);
    this.configMapTargets.push(target);
  }

  /** Reads a scaler parameter from an environment variable of the scale target. */
  public addEnvTarget(target: EnvTarget): void {
    const field = `envTargets[${this.envTargets.length}]`;
    this.checkParameter(field, target.parameter);
    checkPattern(this, KEDA_RULES['KT-06'], `${field}.envVarName`, target.envVarName, ENV_VAR_NAME, 'must be an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit');
    checkDnsLabel(this, `${field}.containerName`, target.containerName);
    this.envTargets.push(target);
  }

  /** Fills a scaler parameter with a token of a ServiceAccount. */
  public addBoundServiceAccountToken(target: BoundServiceAccountTokenTarget): void {
    const field = `boundServiceAccountTokens[${this.tokenTargets.length}]`;
    this.checkParameter(field, target.parameter);
    checkObjectName(this, `${field}.serviceAccount.name`, target.serviceAccount.name);
    this.tokenTargets.push(target);
  }

  protected renderSpec(): unknown {
    const oauth2 = this.oauth2;
    const spec: TriggerAuthenticationSpecJson = {
      podIdentity: this.podIdentity?._render(this, 'podIdentity'),
      secretTargetRef: nonEmpty(this.secretTargets.map(t => ({ parameter: t.parameter, name: t.secret.name, key: t.key }))),
      configMapTargetRef: nonEmpty(this.configMapTargets.map(t => ({ parameter: t.parameter, name: t.configMap.name, key: t.key }))),
      env: nonEmpty(this.envTargets.map(t => ({ parameter: t.parameter, name: t.envVarName, containerName: t.containerName }))),
      boundServiceAccountToken: nonEmpty(this.tokenTargets.map(t => ({ parameter: t.parameter, serviceAccountName: t.serviceAccount.name }))),
      oauth2: oauth2 && {
        type: 'clientCredentials',
        clientId: oauth2.clientId,
        clientSecret: { valueFrom: { secretKeyRef: { name: oauth2.clientSecret.secret.name, key: oauth2.clientSecret.key } } },
        tokenUrl: oauth2.tokenUrl,
        scopes: oauth2.scopes,
        tokenUrlParams: oauth2.tokenUrlParams,
      },
    };
    return spec;
  }

  /** The Secrets, ConfigMaps and ServiceAccounts read, for namespace checks. @internal */
  protected _referencedObjects(): NamedReference[] {
    return [
      ...this.secretTargets.map((t, i) => ({ field: `secretTargets[${i}].secret`, resource: t.secret })),
      ...this.configMapTargets.map((t, i) => ({ field: `configMapTargets[${i}].configMap`, resource: t.configMap })),
      ...this.tokenTargets.map((t, i) => ({ field: `boundServiceAccountTokens[${i}].serviceAccount`, resource: t.serviceAccount })),
      ...(this.oauth2 ? [{ field: 'oauth2.clientSecret', resource: this.oauth2.clientSecret.secret }] : []),
    ];
  }

  /** TA-10: the rules KEDA's webhook applies to oauth2. */
  private checkOAuth2(oauth2: OAuth2ClientCredentials): OAuth2ClientCredentials {
    if (oauth2.clientId.trim() === '') throw invalidInput(this, KEDA_RULES['TA-10'], 'oauth2.clientId', oauth2.clientId, 'must not be empty: KEDA requires it when oauth2 is configured');
    checkHttpUrl(this, 'oauth2.tokenUrl', oauth2.tokenUrl);
    checkSecretKeyReference(this, 'oauth2.clientSecret', oauth2.clientSecret, ' or use podIdentity');
    (oauth2.scopes ?? []).forEach((scope, i) => checkPattern(this, KEDA_RULES['TA-16'], `oauth2.scopes[${i}]`, scope, OAUTH2_SCOPE, 'must be an OAuth2 scope: printable characters without spaces, quotes or backslashes'));
    checkUnique(this, KEDA_RULES['TA-16'], 'oauth2.scopes', oauth2.scopes ?? []);
    return oauth2;
  }

  private checkParameter(field: string, parameter: string): void {
    checkPattern(this, KEDA_RULES['TA-17'], `${field}.parameter`, parameter, PARAMETER, 'must be a scaler parameter name such as "awsRoleArn" or "bearerToken"');
    const all = [...this.secretTargets, ...this.configMapTargets, ...this.envTargets, ...this.tokenTargets].map(t => t.parameter);
    checkUnique(this, KEDA_RULES['TA-18'], `${field}.parameter`, [...all, parameter]);
  }

  private validateNotEmpty(): string[] {
    const targets = this.secretTargets.length + this.configMapTargets.length + this.envTargets.length + this.tokenTargets.length;
    const empty = !this.podIdentity && !this.oauth2 && targets === 0;
    return empty
      ? [invalidInputMessage(this, KEDA_RULES['TA-19'], 'spec', {},
        'needs podIdentity, secretTargets, configMapTargets, envTargets, boundServiceAccountTokens or oauth2; an empty authentication gives the scaler no credentials')]
      : [];
  }
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
