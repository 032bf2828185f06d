import { IConstruct } from 'constructs';
import { checkInteger, INT32_MAX } from '../core/checks';
import { KEDA_RULES } from '../core/rules';

/** Pauses autoscaling through KEDA's annotations, e.g. during an incident or a migration. */
export class ScalingPause {
  /** Stop scaling and keep the current replica count (`autoscaling.keda.sh/paused: "true"`). */
  public static atCurrentReplicas(): ScalingPause {
    return new ScalingPause(undefined);
  }

  /** Scale to `replicas` and stay there (`autoscaling.keda.sh/paused-replicas`). */
  public static atReplicas(replicas: number): ScalingPause {
    return new ScalingPause(replicas);
  }

  private constructor(
    /** The pinned replica count, if any. */
    public readonly replicas?: number,
  ) {}

  /** The annotations KEDA reads. @internal */
  public _annotations(): { [key: string]: string } {
    if (this.replicas === undefined) return { 'autoscaling.keda.sh/paused': 'true' };
    return { 'autoscaling.keda.sh/paused-replicas': String(this.replicas) };
  }

  /** SO-39 @internal */
  public _validate(scope: IConstruct, field: string): void {
    checkInteger(scope, KEDA_RULES['SO-39'], `${field}.replicas`, this.replicas, 0, INT32_MAX);
  }
}
