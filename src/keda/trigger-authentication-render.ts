// The JSON a TriggerAuthentication or ClusterTriggerAuthentication writes (keda.sh/v1alpha1, KEDA 2.20 CRD),
// as plain objects: only the fields the library renders. Undefined fields are left out of the manifest.

/** `spec.podIdentity`. @internal */
export interface PodIdentityJson {
  /** `aws`, `azure-workload` or `gcp`. */
  readonly provider: string;
  /** @default - not written (KEDA's own identity, or the workload's when identityOwner is workload) */
  readonly roleArn?: string;
  /**
   * `keda` or `workload`.
   *
   * @default - not written (KEDA's default, keda)
   */
  readonly identityOwner?: string;
  /**
   * Spelled with a capital D in the CRD.
   *
   * @default - not written (none)
   */
  readonly externalID?: string;
  /** @default - not written (the identity bound to KEDA's ServiceAccount) */
  readonly identityId?: string;
  /** @default - not written (the identity's home tenant) */
  readonly identityTenantId?: string;
  /** @default - not written (the public Azure cloud) */
  readonly identityAuthorityHost?: string;
}

/** A parameter read from a Secret or ConfigMap key (`secretTargetRef[]`, `configMapTargetRef[]`). @internal */
export interface KeyTargetJson {
  readonly parameter: string;
  readonly name: string;
  readonly key: string;
}

/** A parameter read from the scale target's environment (`env[]`). @internal */
export interface EnvTargetJson {
  readonly parameter: string;
  readonly name: string;
  /** @default - not written (the ScaledObject's envSourceContainerName, else the first container) */
  readonly containerName?: string;
}

/** A parameter filled with a ServiceAccount token (`boundServiceAccountToken[]`). @internal */
export interface BoundServiceAccountTokenJson {
  readonly parameter: string;
  readonly serviceAccountName: string;
}

/** `spec.oauth2`, client-credentials flow. @internal */
export interface OAuth2Json {
  readonly type: 'clientCredentials';
  readonly clientId: string;
  readonly clientSecret: { readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: string } } };
  readonly tokenUrl: string;
  /** @default - not written (the server's default scopes) */
  readonly scopes?: string[];
  /** @default - not written (none) */
  readonly tokenUrlParams?: { [key: string]: string };
}

/** The `spec` of a TriggerAuthentication or ClusterTriggerAuthentication. @internal */
export interface TriggerAuthenticationSpecJson {
  /** @default - not written (none) */
  readonly podIdentity?: PodIdentityJson;
  /** @default - not written (none) */
  readonly secretTargetRef?: KeyTargetJson[];
  /** @default - not written (none) */
  readonly configMapTargetRef?: KeyTargetJson[];
  /** @default - not written (none) */
  readonly env?: EnvTargetJson[];
  /** @default - not written (none) */
  readonly boundServiceAccountToken?: BoundServiceAccountTokenJson[];
  /** @default - not written (none) */
  readonly oauth2?: OAuth2Json;
}
