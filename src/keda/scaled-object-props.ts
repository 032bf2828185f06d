import { Duration } from 'cdk8s';
import { HpaBehavior } from './behavior';
import { ScaledObjectDisruptionBudget } from './disruption-budget';
import { ScaledObjectFallback } from './fallback';
import { KedaVersion } from './keda-version';
import { ScalingPause } from './scaling-pause';
import { ScalerTrigger } from './trigger';
import { MetricTargetType } from './trigger-options';
import { CustomResourceProps } from '../common/custom-resource';
import { WorkloadReference } from '../common/references';

/** Combines the triggers' metrics into one with a formula (`advanced.scalingModifiers`). */
export interface ScalingModifiers {
  /** expr-lang formula over the names of non-cpu/memory triggers, e.g. `queue / 2 + rps`. */
  readonly formula: string;

  /** Target of the composite metric; must be > 0. */
  readonly target: number;

  /**
   * Composite value above which the workload scales from zero.
   *
   * @default 0
   */
  readonly activationTarget?: number;

  /**
   * AverageValue or Value.
   *
   * @default - KEDA's default, AverageValue
   */
  readonly metricType?: MetricTargetType;
}

/** Props for a ScaledObject. */
export interface ScaledObjectProps extends CustomResourceProps {
  /**
   * The workload KEDA scales: a Deployment or StatefulSet of this app (`WorkloadReference.fromWorkload`),
   * whose replica count KEDA then owns, or a workload defined elsewhere (`WorkloadReference.fromName`),
   * in the ScaledObject's namespace. `metadata.namespace` defaults to the workload construct's and must be it.
   */
  readonly target: WorkloadReference;

  /**
   * What to scale on. At least one, here or through `addTrigger`.
   *
   * @default - none
   */
  readonly triggers?: ScalerTrigger[];

  /**
   * Fewest replicas; 0 lets KEDA scale to zero (not with cpu/memory triggers only).
   *
   * @default - KEDA's default, 0
   */
  readonly minReplicas?: number;

  /**
   * Most replicas.
   *
   * @default - KEDA's default, 100
   */
  readonly maxReplicas?: number;

  /**
   * Replicas while no trigger is active; only 0 is supported, and minReplicas must then be at least 1.
   *
   * @default - no idle state
   */
  readonly idleReplicas?: number;

  /**
   * How often KEDA polls the triggers (whole seconds, at least 1s). Matters at zero replicas
   * and with cached metrics; the HPA polls on its own above that.
   *
   * @default - KEDA's default, 30 seconds
   */
  readonly pollingInterval?: Duration;

  /**
   * Wait after the last active trigger before scaling to zero (whole seconds).
   *
   * @default - KEDA's default, 5 minutes
   */
  readonly cooldownPeriod?: Duration;

  /**
   * Delay after creation before the cooldown may scale to zero (whole seconds).
   *
   * @default - KEDA's default, 0
   */
  readonly initialCooldownPeriod?: Duration;

  /**
   * The HPA's scale-up and scale-down behavior.
   *
   * @default - Kubernetes' HPA defaults
   */
  readonly behavior?: HpaBehavior;

  /**
   * Name of the HPA KEDA manages.
   *
   * @default - keda-hpa-<ScaledObject name>
   */
  readonly hpaName?: string;

  /**
   * Take over a live HPA named `hpaName` (`scaledobject.keda.sh/transfer-hpa-ownership`), to migrate
   * from a plain HPA to KEDA without a gap. The HPA must not also be defined in this app.
   *
   * @default false
   */
  readonly transferHpaOwnership?: boolean;

  /**
   * Restore the workload's original replica count when the ScaledObject is deleted.
   *
   * @default false
   */
  readonly restoreToOriginalReplicaCount?: boolean;

  /**
   * Replicas to run while external scalers fail. Sets `metricType: AverageValue` on triggers that
   * have none and `ignoreNullValues: "false"` on Prometheus triggers, so failures reach the fallback.
   *
   * @default - no fallback: the HPA keeps the current replicas while metrics are missing
   */
  readonly fallback?: ScaledObjectFallback;

  /**
   * Combine the triggers' metrics with a formula.
   *
   * @default - the HPA takes the highest replica count any trigger asks for
   */
  readonly scalingModifiers?: ScalingModifiers;

  /**
   * Pause autoscaling.
   *
   * @default - not paused
   */
  readonly pause?: ScalingPause;

  /**
   * Container whose environment KEDA reads (`env` authentication, `...FromEnv` parameters).
   *
   * @default - the first container
   */
  readonly envSourceContainerName?: string;

  /**
   * Accept triggers with `unsafeSsl` (no TLS certificate verification).
   *
   * @default false
   */
  readonly allowUnsafeSsl?: boolean;

  /**
   * The KEDA release the manifest targets; its admission rules are checked.
   *
   * @default KedaVersion.V2_20
   */
  readonly kedaVersion?: KedaVersion;

  /**
   * PodDisruptionBudget created for the target, so drains take its pods one at a time.
   *
   * @default - maxUnavailable 1 with unhealthyPodEvictionPolicy AlwaysAllow, when the target is a
   * workload construct and maxReplicas is at least 2; none for workloads referenced by name
   */
  readonly podDisruptionBudget?: ScaledObjectDisruptionBudget;
}
