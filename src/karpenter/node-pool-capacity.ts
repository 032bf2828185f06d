import { costSummary, limitCeiling, PriceRange } from './capacity/cost';
import { InstanceTypeInfo } from './capacity/instance-catalog-data';
import { poolModel, ResolvedLimits } from './capacity/pool-model';
import { instanceTypeCapacity } from './capacity/public-data';
import { formatBytes, formatQuantity } from './capacity/quantity';
import { poolSummaryLine } from './capacity/report-text';
import { CapacityCatalog } from './capacity-catalog';
import { CapacityCatalogInfo, InstanceTypeCapacity, MinValuesShortfall, NumberRange, OnDemandPriceRange } from './capacity-types';
import { NodePool } from './node-pool';

function range(values: number[]): NumberRange | undefined {
  return values.length ? { min: Math.min(...values), max: Math.max(...values) } : undefined;
}

function priceRange(r: PriceRange | undefined): OnDemandPriceRange | undefined {
  return r && { min: r.min, max: r.max, cheapest: r.cheapest, priciest: r.priciest };
}

/** Limits as quantities (`cpu: '40'`, `memory: '160Gi'`). */
function renderedLimits(limits: ResolvedLimits | undefined): { [resource: string]: string } {
  if (!limits) return {};
  return {
    ...(limits.cpu !== undefined ? { cpu: formatQuantity('cpu', limits.cpu) } : {}),
    ...(limits.memory !== undefined ? { memory: formatBytes(limits.memory) } : {}),
    ...(limits.nodes !== undefined ? { nodes: `${limits.nodes}` } : {}),
    ...Object.fromEntries(Object.entries(limits.resources).map(([r, v]) => [r, formatQuantity(r, v)])),
  };
}

/**
 * What a NodePool can launch, by the vendored instance-type catalog (docs/capacity.md): the instance types its
 * requirements and labels admit with what its node class decides (the architectures of its AMIs, a Windows AMI
 * family, EKS Auto Mode), their vCPU, memory and GPUs, their on-demand prices, and the most its limits let it cost.
 *
 * Requirements on keys the catalog has no facts for (capacity type, zones, custom labels) narrow nothing and are
 * listed in `unevaluatedKeys`. Prices are on-demand, in one region, as of one date (`catalog`); Spot prices are not
 * in the data, and types without a price are listed in `unpricedInstanceTypes`, never given one.
 */
export class NodePoolCapacity {
  /** The capacity of a pool, as its requirements, labels, node class and limits stand now. */
  public static of(pool: NodePool): NodePoolCapacity {
    return new NodePoolCapacity(pool);
  }

  /** The pool's `metadata.name`. */
  public readonly name: string;
  /** The pool's construct path. */
  public readonly path: string;
  /** Every instance type the pool admits, in the catalog's order (by family, then size). */
  public readonly instanceTypes: InstanceTypeCapacity[];
  /** The names of `instanceTypes`. */
  public readonly instanceTypeNames: string[];
  /** The instance families among them, sorted. */
  public readonly families: string[];
  /** The admitted instance types whose capacity fits in the pool's limits: the only ones Karpenter launches. */
  public readonly launchableInstanceTypeNames: string[];
  /** Requirement and label keys the catalog has no facts for: they narrow nothing here (zones, capacity type, custom labels). */
  public readonly unevaluatedKeys: string[];
  /** The `minValues` the admitted types cannot meet. */
  public readonly unmetMinValues: MinValuesShortfall[];
  /** What the node class decides, in words (empty when it decides nothing known). */
  public readonly nodeClassNarrowing: string[];
  /** How many catalog types the node class rules out before the requirements apply. */
  public readonly excludedByNodeClassCount: number;
  /**
   * vCPUs per node across the admitted types.
   * @default - no admitted type
   */
  public readonly vcpu?: NumberRange;
  /**
   * EC2 memory per node in GiB across the admitted types.
   * @default - no admitted type
   */
  public readonly memoryGiB?: NumberRange;
  /**
   * GPUs per node across the admitted types that have GPUs.
   * @default - no admitted type has GPUs
   */
  public readonly gpus?: NumberRange;
  /** How many admitted types have GPUs. */
  public readonly gpuInstanceTypeCount: number;
  /**
   * On-demand US dollars per hour per node, across the admitted priced types.
   * @default - no admitted type has a price
   */
  public readonly pricePerHour?: OnDemandPriceRange;
  /**
   * On-demand US dollars per vCPU-hour, across the admitted priced types.
   * @default - no admitted type has a price
   */
  public readonly pricePerVcpuHour?: OnDemandPriceRange;
  /**
   * On-demand US dollars per GiB-hour of memory capacity, across the admitted priced types.
   * @default - no admitted type has a price
   */
  public readonly pricePerGibHour?: OnDemandPriceRange;
  /**
   * The most on-demand US dollars per hour the pool's cpu and memory limits let its nodes cost: the limit times the
   * highest $/vCPU-hour (or $/GiB-hour) among the types it launches, the smaller of the two.
   * @default - no cpu or memory limit, or no priced type
   */
  public readonly ceilingPricePerHour?: number;
  /** The limits Karpenter applies, as quantities (with the ones derived from `maxOnDemandPricePerHour`). */
  public readonly limits: { [resource: string]: string };
  /**
   * The pool's budget, when its limits are derived from one.
   * @default - no budget
   */
  public readonly maxOnDemandPricePerHour?: number;
  /** Admitted types without a price: left out of every price figure. */
  public readonly unpricedInstanceTypes: string[];
  /** Where the facts and prices come from. */
  public readonly catalog: CapacityCatalogInfo;

  private constructor(pool: NodePool) {
    const model = poolModel(pool);
    const types: readonly InstanceTypeInfo[] = model.evaluation.compatible;
    this.name = model.name;
    this.path = model.path;
    this.instanceTypes = types.map(instanceTypeCapacity);
    this.instanceTypeNames = types.map(t => t.name);
    this.families = [...new Set(this.instanceTypes.map(t => t.family))].sort();
    this.launchableInstanceTypeNames = model.launchable.map(t => t.name);
    this.unevaluatedKeys = [...model.evaluation.unevaluatedKeys];
    this.unmetMinValues = model.evaluation.unmetMinValues.map(u => ({ ...u }));
    this.nodeClassNarrowing = [...model.narrowingNotes];
    this.excludedByNodeClassCount = model.evaluation.excluded.size;
    this.vcpu = range(this.instanceTypes.map(t => t.vcpu));
    this.memoryGiB = range(this.instanceTypes.map(t => t.memoryMiB / 1024));
    const withGpus = this.instanceTypes.filter(t => t.gpus > 0);
    this.gpus = range(withGpus.map(t => t.gpus));
    this.gpuInstanceTypeCount = withGpus.length;
    const cost = costSummary(types);
    this.pricePerHour = priceRange(cost.perNode);
    this.pricePerVcpuHour = priceRange(cost.perVcpu);
    this.pricePerGibHour = priceRange(cost.perGiB);
    this.unpricedInstanceTypes = [...cost.unpriced];
    const limits = model.limits;
    this.ceilingPricePerHour = limits ? limitCeiling(model.launchable, { cpu: limits.cpu, memory: limits.memory }).pricePerHour : undefined;
    this.limits = renderedLimits(limits);
    this.maxOnDemandPricePerHour = model.budget?.maxPricePerHour;
    this.catalog = CapacityCatalog.info();
  }

  /** One line a person reads: instance types, vCPU and memory ranges, GPUs, prices and ceiling. */
  public summaryLine(): string {
    return poolSummaryLine(this);
  }

  /** The capacity as plain JSON (instance types by name; the facts of each in `CapacityCatalog.instanceType`). */
  public toJson(): any {
    return {
      name: this.name,
      path: this.path,
      instanceTypes: this.instanceTypeNames,
      instanceTypeCount: this.instanceTypeNames.length,
      families: this.families,
      launchableInstanceTypeCount: this.launchableInstanceTypeNames.length,
      vcpu: this.vcpu ?? null,
      memoryGiB: this.memoryGiB ?? null,
      gpus: this.gpus ?? null,
      gpuInstanceTypeCount: this.gpuInstanceTypeCount,
      pricePerHour: this.pricePerHour ?? null,
      pricePerVcpuHour: this.pricePerVcpuHour ?? null,
      pricePerGibHour: this.pricePerGibHour ?? null,
      limits: this.limits,
      maxOnDemandPricePerHour: this.maxOnDemandPricePerHour ?? null,
      ceilingPricePerHour: this.ceilingPricePerHour ?? null,
      unpricedInstanceTypes: this.unpricedInstanceTypes,
      unevaluatedKeys: this.unevaluatedKeys,
      unmetMinValues: this.unmetMinValues,
      nodeClassNarrowing: this.nodeClassNarrowing,
      excludedByNodeClassCount: this.excludedByNodeClassCount,
    };
  }
}
