import { IConstruct } from 'constructs';
import { checkInteger, INT32_MAX } from '../core/checks';
import { KEDA_RULES } from '../core/rules';

/**
 * The PodDisruptionBudget a ScaledObject creates for its workload, so node drains
 * (Karpenter consolidation, upgrades) take pods one at a time and never block on unhealthy ones.
 */
export class ScaledObjectDisruptionBudget {
  /** At most `pods` pods down at once (at least 1: 0 would block every drain). */
  public static maxUnavailable(pods: number): ScaledObjectDisruptionBudget {
    return new ScaledObjectDisruptionBudget(pods, undefined);
  }

  /** At most `percent` % of the pods down at once (1 to 100). */
  public static maxUnavailablePercent(percent: number): ScaledObjectDisruptionBudget {
    return new ScaledObjectDisruptionBudget(undefined, percent);
  }

  /** No PodDisruptionBudget: one is defined elsewhere, or the workload may lose all pods at once. */
  public static none(): ScaledObjectDisruptionBudget {
    return new ScaledObjectDisruptionBudget(undefined, undefined);
  }

  private constructor(
    /** Pods that may be down at once. */
    public readonly pods?: number,
    /** Percent of pods that may be down at once. */
    public readonly percent?: number,
  ) {}

  /** Whether a PodDisruptionBudget is created. */
  public get enabled(): boolean {
    return this.pods !== undefined || this.percent !== undefined;
  }

  /** `1` or `"25%"`. @internal */
  public _maxUnavailable(scope: IConstruct, field: string): number | string {
    checkInteger(scope, KEDA_RULES['SO-35'], `${field}.maxUnavailable`, this.pods, 1, INT32_MAX);
    checkInteger(scope, KEDA_RULES['SO-35'], `${field}.maxUnavailablePercent`, this.percent, 1, 100);
    return this.percent !== undefined ? `${this.percent}%` : this.pods!;
  }
}
