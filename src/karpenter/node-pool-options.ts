import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ConsolidationPolicy, DisruptionBudget, DurationOrNever } from './disruption';
import { Arch, CapacityType, Requirement } from './requirement';
import { CustomResourceProps } from '../common/custom-resource';

/** A taint Karpenter puts on the pool's nodes. */
export interface NodeTaint {
  /** The taint key (a qualified name, e.g. `nvidia.com/gpu`). */
  readonly key: string;

  /**
   * The taint value (a qualified name).
   * @default - no value
   */
  readonly value?: string;

  /** What the taint does to pods that do not tolerate it. */
  readonly effect: kplus.TaintEffect;
}

/** Upper bounds on the total capacity a pool may launch. */
export interface NodePoolLimits {
  /**
   * Total vCPUs.
   * @default - unbounded
   */
  readonly cpu?: kplus.Cpu;

  /**
   * Total memory.
   * @default - unbounded
   */
  readonly memory?: Size;

  /**
   * Total NVIDIA GPUs (`nvidia.com/gpu`).
   * @default - unbounded
   */
  readonly nvidiaGpus?: number;

  /**
   * Total nodes.
   * @default - unbounded
   */
  readonly nodes?: number;

  /**
   * Any other resource, as a Kubernetes quantity (e.g. `{ 'aws.amazon.com/neuron': '8' }`).
   * @default - none
   */
  readonly resources?: { [resource: string]: string };

  /**
   * A budget in on-demand US dollars per hour: the pool's `cpu` and `memory` limits are derived from it (rendered as
   * ordinary limits), so that no combination of the instance types the pool admits costs more on demand. `cpu` is the
   * budget divided by the highest $/vCPU-hour among those types, `memory` the budget divided by the highest
   * $/GiB-hour, both rounded down; with `cpu` or `memory` also set, the smaller limit of each is kept. Prices are the
   * catalog's on-demand prices (one region and date, see docs/capacity.md); Spot prices are not in the data, so a
   * pool that launches Spot spends less than the budget. Instance types without a price are not accounted for.
   * @default - no budget
   */
  readonly maxOnDemandPricePerHour?: number;
}

/**
 * The settings of a Karpenter NodePool other than its metadata and node class: what the pools a pattern
 * creates share (`SpotOnDemandSplit`, `ArchitecturePools`).
 */
export interface NodePoolSettings {
  /**
   * Constraints on the nodes launched (well-known or custom labels); more with `addRequirement`.
   * @default - none: any instance type, on-demand capacity only
   */
  readonly requirements?: Requirement[];

  /**
   * Labels put on the pool's nodes; pods select the pool with them.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations put on the pool's nodes.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Taints put on the pool's nodes; only pods tolerating them land there. More with `addTaint`.
   * @default - none
   */
  readonly taints?: NodeTaint[];

  /**
   * Taints present only while a node starts, removed by a DaemonSet; pods need not tolerate them.
   * @default - none
   */
  readonly startupTaints?: NodeTaint[];

  /**
   * How long a node lives before Karpenter replaces it (forcefully, draining it).
   * @default - Karpenter's default, 720h
   */
  readonly expireAfter?: DurationOrNever;

  /**
   * How long Karpenter waits for a draining node's pods before deleting them, overriding PDBs and
   * `karpenter.sh/do-not-disrupt`. Set it whenever nodes expire, or draining can block forever.
   * @default - wait indefinitely
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * Which nodes consolidation may remove or replace.
   * @default ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED
   */
  readonly consolidationPolicy?: ConsolidationPolicy;

  /**
   * How long a node must be consolidatable before Karpenter acts. The default matches the
   * HPA's 5-minute scale-down window, so nodes are not churned after every scale-in.
   * @default DurationOrNever.after(Duration.minutes(5))
   */
  readonly consolidateAfter?: DurationOrNever;

  /**
   * Disruption budgets; more with `addDisruptionBudget`.
   * @default - Karpenter's default, 10% of nodes at a time
   */
  readonly disruptionBudgets?: DisruptionBudget[];

  /**
   * Upper bounds on the pool's total capacity. A pool without limits can scale cost without bound.
   * @default - unbounded (a warning is recorded)
   */
  readonly limits?: NodePoolLimits;

  /**
   * Priority over other pools (1-100, higher first) when several can schedule a pod.
   * @default - 0 (lowest)
   */
  readonly weight?: number;

  /**
   * A fixed number of nodes (static NodePool, alpha in Karpenter 1.8+). Disables consolidation;
   * only `limits.nodes` and no `weight` are allowed with it.
   * @default - dynamic: nodes follow pending pods
   */
  readonly replicas?: number;
}

/**
 * Everything a NodePool takes but its node class: its metadata (a pool's name is its `metadata.name`) and
 * its settings. Patterns take these for each pool they create.
 */
export interface NodePoolOptions extends NodePoolSettings, CustomResourceProps {}

/** Extra node constraints a workload placed on a pool selects, besides the pool's labels. */
export interface NodePoolPlacementOptions {
  /**
   * Capacity type the pods require.
   * @default - any the pool launches
   */
  readonly capacityType?: CapacityType;

  /**
   * Architecture the pods' image is built for. Pin it unless the image is multi-arch.
   * @default - any the pool launches (a warning is recorded when the pool launches several)
   */
  readonly arch?: Arch;

  /**
   * Instance family the pods require (e.g. `c7g`); its architecture is checked against the pool's.
   * @default - any
   */
  readonly instanceFamily?: string;

  /**
   * Instance type the pods require (e.g. `m5.large`).
   * @default - any
   */
  readonly instanceType?: string;

  /**
   * Availability zone the pods require.
   * @default - any
   */
  readonly zone?: string;
}

/** A workload placed on a NodePool, and the node constraints it selects there. */
export interface ScheduledWorkload {
  /** The workload. */
  readonly workload: kplus.Workload;

  /** The node constraints it selects besides the pool's labels. */
  readonly options: NodePoolPlacementOptions;
}
