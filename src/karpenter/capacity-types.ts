// The plain data of the capacity API (docs/capacity.md): what NodePoolCapacity, WorkloadCapacity and CapacityReport return.

/** The lowest and highest of a figure across instance types. */
export interface NumberRange {
  /** The lowest value. */
  readonly min: number;
  /** The highest value. */
  readonly max: number;
}

/** The lowest and highest on-demand price across instance types, with the types that have them. */
export interface OnDemandPriceRange {
  /** The lowest price, in US dollars. */
  readonly min: number;
  /** The highest price, in US dollars. */
  readonly max: number;
  /** The instance type with the lowest price. */
  readonly cheapest: string;
  /** The instance type with the highest price. */
  readonly priciest: string;
}

/** Where the instance-type facts and prices come from. */
export interface CapacityCatalogInfo {
  /** The Karpenter minor version whose instance-type reference the catalog holds (`1.14`). */
  readonly karpenterVersion: string;
  /** The upstream repository the facts were vendored from (`aws/karpenter-provider-aws`). */
  readonly sourceRepository: string;
  /** The upstream commit. */
  readonly sourceCommit: string;
  /** The date of that commit (YYYY-MM-DD). */
  readonly sourceDate: string;
  /** The AMI family the allocatable resources assume (`AL2023`). */
  readonly amiFamily: string;
  /** The instance types in the catalog. */
  readonly instanceTypeCount: number;
  /** The instance types with an on-demand price. */
  readonly pricedInstanceTypeCount: number;
  /** The region of the prices (`us-east-1`). */
  readonly pricingRegion: string;
  /** The date the price table was generated (YYYY-MM-DD). */
  readonly pricingDate: string;
  /** When the price table was generated (ISO 8601). */
  readonly pricingGeneratedAt: string;
  /** What the prices are: `on-demand only; Spot prices are not in the data`. */
  readonly pricingNote: string;
}

/** One EC2 instance type, as the catalog knows it. */
export interface InstanceTypeCapacity {
  /** The instance type, e.g. `m7g.large`. */
  readonly name: string;
  /** The instance family (`m7g`). */
  readonly family: string;
  /** The instance category (`m`). */
  readonly category: string;
  /** The instance size (`large`). */
  readonly size: string;
  /** `amd64` or `arm64`. */
  readonly architecture: string;
  /** vCPUs (`karpenter.k8s.aws/instance-cpu`), what counts against a pool's `limits.cpu`. */
  readonly vcpu: number;
  /** EC2 memory in MiB (`karpenter.k8s.aws/instance-memory`). */
  readonly memoryMiB: number;
  /** GPUs (`karpenter.k8s.aws/instance-gpu-count`); 0 without. */
  readonly gpus: number;
  /**
   * The GPU model (`t4`, `a10g`, `h100`, ...).
   * @default - no GPU
   */
  readonly gpuName?: string;
  /**
   * The GPU manufacturer (`nvidia`, `amd`).
   * @default - no GPU
   */
  readonly gpuManufacturer?: string;
  /** Allocatable cpu in cores, after kube-reserved, system-reserved and eviction. */
  readonly allocatableCpu: number;
  /** Allocatable memory in MiB, after kube-reserved, system-reserved, eviction and the VM overhead. */
  readonly allocatableMemoryMiB: number;
  /** Pods a node holds (`maxPods` with the VPC CNI's defaults). */
  readonly allocatablePods: number;
  /** Allocatable extended resources (`nvidia.com/gpu`, `aws.amazon.com/neuron`, `vpc.amazonaws.com/efa`, ...), as counts. */
  readonly extendedResources: { [resource: string]: number };
  /**
   * The on-demand price in US dollars per hour, in the catalog's pricing region.
   * @default - not in the price table: the type is reported as unpriced
   */
  readonly onDemandPricePerHour?: number;
  /** Every well-known label Karpenter puts on nodes of the type. */
  readonly labels: { [key: string]: string };
}

/** A `minValues` the instance types a pool admits cannot meet. */
export interface MinValuesShortfall {
  /** The requirement key. */
  readonly key: string;
  /** The distinct values the requirement asks for. */
  readonly required: number;
  /** The distinct values the admitted instance types offer. */
  readonly available: number;
}

/** N replicas of a pod packed onto nodes of one instance type, and what they cost on demand. */
export interface ReplicaPlacement {
  /** The pool's `metadata.name`. */
  readonly poolName: string;
  /** The pool's construct path. */
  readonly poolPath: string;
  /** The instance type. */
  readonly instanceType: string;
  /** The replicas placed: the workload's, or one for a workload at 0 replicas. */
  readonly replicas: number;
  /** Replicas per node, after the DaemonSet pods that land on it. */
  readonly replicasPerNode: number;
  /** Nodes needed. */
  readonly nodes: number;
  /** On-demand US dollars per hour of those nodes. */
  readonly pricePerHour: number;
  /** The same per month of 730 hours. */
  readonly pricePerMonth: number;
}

/** Where a workload's pod fits on one pool that can host it. */
export interface WorkloadPoolFit {
  /** The pool's `metadata.name`. */
  readonly poolName: string;
  /** The pool's construct path. */
  readonly poolPath: string;
  /** Whether the workload was placed on the pool (`schedule` or a pattern). */
  readonly scheduled: boolean;
  /** The pool's instance types that match the pod's node selection. */
  readonly candidateInstanceTypeCount: number;
  /** The candidates one replica fits on (with the DaemonSet pods of each) that the pool's limits let it launch. */
  readonly fittingInstanceTypes: string[];
  /** The candidates one replica fits on whose capacity exceeds the pool's limits. */
  readonly fittingBeyondLimits: string[];
  /** The DaemonSets whose pods land on some candidate. */
  readonly daemonSets: string[];
  /**
   * The cheapest single-type placement of the workload's replicas on the pool.
   * @default - no fitting type has a price
   */
  readonly cheapest?: ReplicaPlacement;
  /** Fitting types without a price: never ranked. */
  readonly unpricedFittingInstanceTypes: string[];
  /**
   * Why one replica fits no instance type of the pool.
   * @default - it fits
   */
  readonly problem?: string;
}

/** A pool that cannot host a workload, and why. */
export interface PoolExclusion {
  /** The pool's `metadata.name`. */
  readonly poolName: string;
  /** The pool's construct path. */
  readonly poolPath: string;
  /** Why: an untolerated taint, a label the pool's nodes do not carry, or no instance type matching the pod's node selection. */
  readonly reason: string;
}
