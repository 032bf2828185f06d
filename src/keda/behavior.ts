import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { HpaScalingPolicyJson } from './scaled-object-render';
import { checkInteger, INT32_MAX } from '../core/checks';
import { KEDA_RULES } from '../core/rules';
import { toWholeSeconds } from '../core/units';

/** One HPA scaling policy: at most `value` pods or percent per period. */
export class HpaScalingPolicy {
  /** Change by at most `percent` % of the current replicas per `period` (1s to 30m). */
  public static percent(percent: number, period: Duration): HpaScalingPolicy {
    return new HpaScalingPolicy('Percent', percent, period);
  }

  /** Change by at most `pods` replicas per `period` (1s to 30m). */
  public static pods(pods: number, period: Duration): HpaScalingPolicy {
    return new HpaScalingPolicy('Pods', pods, period);
  }

  private constructor(
    /** `Percent` or `Pods`. */
    public readonly policyType: string,
    /** Amount of change. */
    public readonly value: number,
    /** Window the amount applies to. */
    public readonly period: Duration,
  ) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): HpaScalingPolicyJson {
    checkInteger(scope, KEDA_RULES['K8-04'], `${field}.value`, this.value, 1, INT32_MAX);
    const periodSeconds = toWholeSeconds(scope, `${field}.period`, this.period);
    checkInteger(scope, KEDA_RULES['K8-04'], `${field}.period (seconds)`, periodSeconds, 1, 1800);
    return { type: this.policyType, value: this.value, periodSeconds };
  }
}

/** Which policy wins when several allow different changes (`selectPolicy`). */
export class HpaSelectPolicy {
  /** The policy allowing the biggest change (Kubernetes' default). */
  public static readonly MAX = new HpaSelectPolicy('Max');
  /** The policy allowing the smallest change. */
  public static readonly MIN = new HpaSelectPolicy('Min');
  /** No scaling in this direction. */
  public static readonly DISABLED = new HpaSelectPolicy('Disabled');

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string,
  ) {}
}

/** Scaling rules for one direction, copied by KEDA into the HPA it manages. */
export interface HpaScalingRules {
  /**
   * How far back the HPA looks for the most conservative recommendation (0 to 1h, whole seconds).
   *
   * @default - Kubernetes' default: 0 for scale-up, 5 minutes for scale-down
   */
  readonly stabilizationWindow?: Duration;

  /**
   * Limits on how fast replicas change. At least one when given.
   *
   * @default - Kubernetes' defaults (scale-up: 100% or 4 pods per 15s; scale-down: 100% per 15s)
   */
  readonly policies?: HpaScalingPolicy[];

  /**
   * Which policy applies when several do.
   *
   * @default - Kubernetes' default, MAX
   */
  readonly selectPolicy?: HpaSelectPolicy;

  /**
   * Ratio of metric to target under which no scaling happens, e.g. 0.05 for 5%
   * (beta; needs the HPAConfigurableTolerance feature gate).
   *
   * @default - the cluster-wide tolerance (10%)
   */
  readonly tolerance?: number;
}

/** The HPA behavior of a ScaledObject (`advanced.horizontalPodAutoscalerConfig.behavior`). */
export interface HpaBehavior {
  /**
   * Rules for scaling up.
   *
   * @default - Kubernetes' defaults
   */
  readonly scaleUp?: HpaScalingRules;

  /**
   * Rules for scaling down.
   *
   * @default - Kubernetes' defaults
   */
  readonly scaleDown?: HpaScalingRules;
}
