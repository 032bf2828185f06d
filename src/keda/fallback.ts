/** What KEDA does with the replica count while a scaler keeps failing (`fallback.behavior`, KEDA 2.17+). */
export class FallbackBehavior {
  /** Go to the fallback replica count (KEDA's default). */
  public static readonly STATIC = new FallbackBehavior('static');
  /** Keep the current replica count. */
  public static readonly CURRENT_REPLICAS = new FallbackBehavior('currentReplicas');
  /** The higher of current and fallback replicas: never scale in because the metrics are gone. */
  public static readonly CURRENT_REPLICAS_IF_HIGHER = new FallbackBehavior('currentReplicasIfHigher');
  /** The lower of current and fallback replicas. */
  public static readonly CURRENT_REPLICAS_IF_LOWER = new FallbackBehavior('currentReplicasIfLower');
  /** Per trigger: failing triggers reach scalingModifiers.formula as nil (KEDA 2.20+; needs a formula). */
  public static readonly SCALING_MODIFIERS = new FallbackBehavior('scalingModifiers');

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string,
  ) {}
}

/** Replicas to run while scalers fail (`spec.fallback`). Not for cpu/memory-only ScaledObjects. */
export interface ScaledObjectFallback {
  /** Replicas to fall back to. */
  readonly replicas: number;

  /**
   * Consecutive failed polls before falling back.
   *
   * @default 3
   */
  readonly failureThreshold?: number;

  /**
   * How the fallback replica count combines with the current one.
   *
   * @default FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER on KEDA 2.17+ (never scale in on an outage); not written before 2.17
   */
  readonly behavior?: FallbackBehavior;
}
