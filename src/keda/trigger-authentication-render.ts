// The JSON a TriggerAuthentication or ClusterTriggerAuthentication writes (keda.sh/v1alpha1, KEDA 2.20 CRD),
// as plain objects: only the fields the library renders. Undefined fields are left out of the manifest.

/** `spec.podIdentity`. @internal */
export interface PodIdentityJson {
  /** `aws`, `azure-workload` or `gcp`. */
  readonly provider: string;
  readonly roleArn?: string;
  /** `keda` or `workload`. */
  readonly identityOwner?: string;
  /** Spelled with a capital D in the CRD. */
  readonly externalID?: string;
  readonly identityId?: string;
  readonly identityTenantId?: string;
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
  readonly scopes?: string[];
  readonly tokenUrlParams?: { [key: string]: string };
}

/** The `spec` of a TriggerAuthentication or ClusterTriggerAuthentication. @internal */
export interface TriggerAuthenticationSpecJson {
  readonly podIdentity?: PodIdentityJson;
  readonly secretTargetRef?: KeyTargetJson[];
  readonly configMapTargetRef?: KeyTargetJson[];
  readonly env?: EnvTargetJson[];
  readonly boundServiceAccountToken?: BoundServiceAccountTokenJson[];
  readonly oauth2?: OAuth2Json;
}
