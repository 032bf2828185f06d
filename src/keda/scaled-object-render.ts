// The JSON a ScaledObject writes (keda.sh/v1alpha1, KEDA 2.20 CRD), as plain objects: only the fields the
// library renders. Undefined fields are left out of the manifest.

/** One HPA scaling policy (`behavior.scaleUp.policies[]`). @internal */
export interface HpaScalingPolicyJson {
  readonly type: string;
  readonly value: number;
  readonly periodSeconds: number;
}

/** Scaling rules for one direction (`behavior.scaleUp` / `behavior.scaleDown`). @internal */
export interface HpaScalingRulesJson {
  /** @default - not written (Kubernetes' default: 0 for scale-up, 300 for scale-down) */
  readonly stabilizationWindowSeconds?: number;
  /** @default - not written (Kubernetes' default, Max) */
  readonly selectPolicy?: string;
  /** @default - not written (Kubernetes' default policies) */
  readonly policies?: HpaScalingPolicyJson[];
  /**
   * A quantity string such as "0.05".
   *
   * @default - not written (the cluster-wide tolerance, 10%)
   */
  readonly tolerance?: string;
}

/** `advanced.horizontalPodAutoscalerConfig.behavior`. @internal */
export interface HpaBehaviorJson {
  /** @default - not written (Kubernetes' defaults) */
  readonly scaleUp?: HpaScalingRulesJson;
  /** @default - not written (Kubernetes' defaults) */
  readonly scaleDown?: HpaScalingRulesJson;
}

/** One entry of `spec.triggers`. @internal */
export interface TriggerJson {
  readonly type: string;
  /** @default - not written (unnamed) */
  readonly name?: string;
  /** @default - not written (KEDA's default, AverageValue) */
  readonly metricType?: string;
  /** @default - not written (KEDA's default, false) */
  readonly useCachedMetrics?: boolean;
  /**
   * `kind` is written only for a ClusterTriggerAuthentication.
   *
   * @default - not written (no authentication)
   */
  readonly authenticationRef?: { readonly name: string; readonly kind?: string };
  readonly metadata: { [key: string]: string };
}

/** `spec.scaleTargetRef`: apiVersion and kind only when not KEDA's default (apps/v1 Deployment). @internal */
export interface ScaleTargetRefJson {
  readonly name: string;
  /** @default - not written (KEDA's default, apps/v1) */
  readonly apiVersion?: string;
  /** @default - not written (KEDA's default, Deployment) */
  readonly kind?: string;
  /** @default - not written (the first container) */
  readonly envSourceContainerName?: string;
}

/** `spec.advanced.scalingModifiers`: numbers are written as strings, as the CRD wants. @internal */
export interface ScalingModifiersJson {
  readonly formula: string;
  readonly target: string;
  /** @default - not written (KEDA's default, 0) */
  readonly activationTarget?: string;
  /** @default - not written (KEDA's default, AverageValue) */
  readonly metricType?: string;
}

/** `spec.advanced`. @internal */
export interface AdvancedJson {
  /** @default - not written (HPA keda-hpa-<ScaledObject name>, Kubernetes' default behavior) */
  readonly horizontalPodAutoscalerConfig?: { readonly name?: string; readonly behavior?: HpaBehaviorJson };
  /** @default - not written (none) */
  readonly scalingModifiers?: ScalingModifiersJson;
  /** @default - not written (KEDA's default, false) */
  readonly restoreToOriginalReplicaCount?: boolean;
}

/** `spec.fallback`. @internal */
export interface FallbackJson {
  readonly failureThreshold: number;
  readonly replicas: number;
  /** @default - not written (KEDA's default, static) */
  readonly behavior?: string;
}

/** A ScaledObject's `spec`. @internal */
export interface ScaledObjectSpecJson {
  readonly scaleTargetRef: ScaleTargetRefJson;
  /** @default - not written (KEDA's default, 30 seconds) */
  readonly pollingInterval?: number;
  /** @default - not written (KEDA's default, 300 seconds) */
  readonly cooldownPeriod?: number;
  /** @default - not written (KEDA's default, 0) */
  readonly initialCooldownPeriod?: number;
  /** @default - not written (no idle state) */
  readonly idleReplicaCount?: number;
  /** @default - not written (KEDA's default, 0) */
  readonly minReplicaCount?: number;
  /** @default - not written (KEDA's default, 100) */
  readonly maxReplicaCount?: number;
  /** @default - not written (none) */
  readonly advanced?: AdvancedJson;
  /** @default - not written (no fallback) */
  readonly fallback?: FallbackJson;
  readonly triggers: TriggerJson[];
}
