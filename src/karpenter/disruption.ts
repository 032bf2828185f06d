import { Cron, Duration } from 'cdk8s';

/** A Karpenter duration that may also be `Never` (`expireAfter`, `consolidateAfter`). */
export class DurationOrNever {
  /** After this duration (whole seconds; rendered as e.g. `336h`, `1h30m`, `30s`). */
  public static after(duration: Duration): DurationOrNever {
    return new DurationOrNever(duration);
  }

  /** Never. */
  public static never(): DurationOrNever {
    return new DurationOrNever(undefined);
  }

  private constructor(
    /** The duration, or `undefined` for never. */
    public readonly duration?: Duration) {}
}

/** Which nodes consolidation may remove or replace. */
export class ConsolidationPolicy {
  /** Only nodes running no workload pods. */
  public static readonly WHEN_EMPTY = new ConsolidationPolicy('WhenEmpty');
  /** Empty nodes, and underutilized nodes whose pods fit elsewhere or on a cheaper node. */
  public static readonly WHEN_EMPTY_OR_UNDERUTILIZED = new ConsolidationPolicy('WhenEmptyOrUnderutilized');
  /** Like WhenEmptyOrUnderutilized, but only when the saving outweighs the disruption (Karpenter 1.14+). */
  public static readonly BALANCED = new ConsolidationPolicy('Balanced');

  private constructor(
    /** The Kubernetes value. */
    public readonly value: string) {}
}

/** A voluntary disruption a budget applies to. */
export class DisruptionReason {
  /** Consolidation of underutilized nodes. */
  public static readonly UNDERUTILIZED = new DisruptionReason('Underutilized');
  /** Consolidation of empty nodes. */
  public static readonly EMPTY = new DisruptionReason('Empty');
  /** Replacement of nodes that drifted from their NodePool or node class (e.g. a new AMI). */
  public static readonly DRIFTED = new DisruptionReason('Drifted');

  private constructor(
    /** The Kubernetes value. */
    public readonly value: string) {}
}

/** How many of a pool's nodes a budget lets Karpenter disrupt at once. */
export class DisruptableNodes {
  /** At most this many nodes (0 blocks the disruptions the budget applies to). */
  public static count(nodes: number): DisruptableNodes {
    return new DisruptableNodes(nodes, false);
  }

  /** At most this percentage (0-100) of the pool's nodes. */
  public static percent(percent: number): DisruptableNodes {
    return new DisruptableNodes(percent, true);
  }

  private constructor(
    /** The count or percentage. */
    public readonly amount: number,
    /** Whether `amount` is a percentage. */
    public readonly isPercent: boolean) {}
}

/** A disruption budget: a cap on concurrent voluntary disruptions, optionally only for some reasons or at some times. */
export interface DisruptionBudget {
  /** How many nodes may be disrupted at once. */
  readonly nodes: DisruptableNodes;

  /**
   * The disruptions the budget limits.
   * @default - all voluntary disruptions (budgets never limit expiration or Spot interruption)
   */
  readonly reasons?: DisruptionReason[];

  /**
   * When the budget becomes active (UTC, standard 5-field cron); requires `duration`.
   * @default - always active
   */
  readonly schedule?: Cron;

  /**
   * How long the budget stays active after each `schedule` hit (whole minutes); requires `schedule`.
   * @default - always active
   */
  readonly duration?: Duration;
}
