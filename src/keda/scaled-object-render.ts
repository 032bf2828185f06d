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
  readonly stabilizationWindowSeconds?: number;
  readonly selectPolicy?: string;
  readonly policies?: HpaScalingPolicyJson[];
  /** A quantity string such as "0.05". */
  readonly tolerance?: string;
}

/** `advanced.horizontalPodAutoscalerConfig.behavior`. @internal */
export interface HpaBehaviorJson {
  readonly scaleUp?: HpaScalingRulesJson;
  readonly scaleDown?: HpaScalingRulesJson;
}

/** One entry of `spec.triggers`. @internal */
export interface TriggerJson {
  readonly type: string;
  readonly name?: string;
  readonly metricType?: string;
  readonly useCachedMetrics?: boolean;
  /** `kind` is written only for a ClusterTriggerAuthentication. */
  readonly authenticationRef?: { readonly name: string; readonly kind?: string };
  readonly metadata: { [key: string]: string };
}

/** `spec.scaleTargetRef`: apiVersion and kind only when not KEDA's default (apps/v1 Deployment). @internal */
export interface ScaleTargetRefJson {
  readonly name: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly envSourceContainerName?: string;
}

/** `spec.advanced.scalingModifiers`: numbers are written as strings, as the CRD wants. @internal */
export interface ScalingModifiersJson {
  readonly formula: string;
  readonly target: string;
  readonly activationTarget?: string;
  readonly metricType?: string;
}

/** `spec.advanced`. @internal */
export interface AdvancedJson {
  readonly horizontalPodAutoscalerConfig?: { readonly name?: string; readonly behavior?: HpaBehaviorJson };
  readonly scalingModifiers?: ScalingModifiersJson;
  readonly restoreToOriginalReplicaCount?: boolean;
}

/** `spec.fallback`. @internal */
export interface FallbackJson {
  readonly failureThreshold: number;
  readonly replicas: number;
  readonly behavior?: string;
}

/** A ScaledObject's `spec`. @internal */
export interface ScaledObjectSpecJson {
  readonly scaleTargetRef: ScaleTargetRefJson;
  readonly pollingInterval?: number;
  readonly cooldownPeriod?: number;
  readonly initialCooldownPeriod?: number;
  readonly idleReplicaCount?: number;
  readonly minReplicaCount?: number;
  readonly maxReplicaCount?: number;
  readonly advanced?: AdvancedJson;
  readonly fallback?: FallbackJson;
  readonly triggers: TriggerJson[];
}
