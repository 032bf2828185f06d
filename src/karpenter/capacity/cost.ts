import { InstanceTypeInfo } from './instance-catalog-data';

/**
 * What a set of instance types costs on demand, and what a NodePool's `limits` allow it to spend.
 *
 * Prices are the catalog's on-demand $/hour (one region, no Spot, no reserved capacity); a type without a price is
 * reported as unpriced and left out of every figure, never given an invented one. Per-vCPU prices divide by the
 * `karpenter.k8s.aws/instance-cpu` label. Per-GiB prices divide by the memory capacity Karpenter models for the type
 * and counts against `limits.memory` ({@link memoryCapacityBytes}), not by the EC2 memory label: a node "uses" its
 * capacity, so a limit of L GiB is spent by nodes whose capacities sum to at most L GiB.
 *
 * Karpenter launches a node only while its capacity fits in what the limits leave, so the nodes of a pool never
 * hold more than `limits.cpu` vCPU or `limits.memory`. Their $/hour is therefore at most the limit times the
 * highest $/unit among the types: that is the ceiling. Conversely a budget B $/hour is kept by `cpu` = B divided by
 * the highest $/vCPU-hour (or `memory` = B divided by the highest $/GiB-hour), rounded down. Either limit alone
 * keeps the budget; a pool may set both.
 */

const MIB = 2 ** 20;
const GIB = 2 ** 30;
/** Karpenter's default `vmMemoryOverheadPercent` (the `VM_MEMORY_OVERHEAD_PERCENT` setting). */
export const DEFAULT_VM_MEMORY_OVERHEAD_PERCENT = 0.075;

/**
 * The memory capacity Karpenter models for a type (aws/karpenter-provider-aws `memory()` in
 * pkg/providers/instancetype/types.go): the EC2 memory (`instance-memory`, MiB), less 64 MiB on arm64, less the VM
 * overhead rounded up to a MiB. With the default overhead this is the capacity the catalog's allocatable memory was
 * derived from.
 */
export function memoryCapacityBytes(type: InstanceTypeInfo, vmMemoryOverheadPercent = DEFAULT_VM_MEMORY_OVERHEAD_PERCENT): number {
  const ec2MiB = Number(type.labels['karpenter.k8s.aws/instance-memory']);
  if (!Number.isFinite(ec2MiB)) throw new Error(`${type.name} has no karpenter.k8s.aws/instance-memory label`);
  const mib = ec2MiB - (type.labels['kubernetes.io/arch'] === 'arm64' ? 64 : 0);
  // 1e-9 absorbs binary noise so an exact MiB is not rounded up to the next.
  return (mib - Math.ceil(mib * vmMemoryOverheadPercent - 1e-9)) * MIB;
}

/** The vCPUs of a type (`karpenter.k8s.aws/instance-cpu`), the amount Karpenter counts against `limits.cpu`. */
export function vcpus(type: InstanceTypeInfo): number {
  const cpu = Number(type.labels['karpenter.k8s.aws/instance-cpu']);
  if (!(cpu > 0)) throw new Error(`${type.name} has no karpenter.k8s.aws/instance-cpu label`);
  return cpu;
}

/** The lowest and highest of a $ figure across types, with the types that have them. */
export interface PriceRange {
  readonly min: number;
  readonly max: number;
  readonly cheapest: string;
  readonly priciest: string;
}

/** On-demand prices across a set of instance types. */
export interface CostSummary {
  /** $/hour per node. */
  readonly perNode: PriceRange | undefined;
  /** $/vCPU-hour. */
  readonly perVcpu: PriceRange | undefined;
  /** $/GiB-hour of memory capacity. */
  readonly perGiB: PriceRange | undefined;
  /** How many types have a price. */
  readonly priced: number;
  /** Types without a price, left out of every range. */
  readonly unpriced: readonly string[];
}

function range(types: readonly InstanceTypeInfo[], value: (t: InstanceTypeInfo) => number): PriceRange | undefined {
  let result: PriceRange | undefined;
  for (const type of types) {
    const v = value(type);
    if (!result) {
      result = { min: v, max: v, cheapest: type.name, priciest: type.name };
      continue;
    }
    result = {
      min: Math.min(result.min, v),
      max: Math.max(result.max, v),
      cheapest: v < result.min ? type.name : result.cheapest,
      priciest: v > result.max ? type.name : result.priciest,
    };
  }
  return result;
}

function split(types: readonly InstanceTypeInfo[]): { priced: InstanceTypeInfo[]; unpriced: string[] } {
  const priced = types.filter(t => t.onDemandPricePerHour !== undefined);
  return { priced, unpriced: types.filter(t => t.onDemandPricePerHour === undefined).map(t => t.name) };
}

const price = (t: InstanceTypeInfo) => t.onDemandPricePerHour!;
const perVcpu = (t: InstanceTypeInfo) => price(t) / vcpus(t);
const perGiB = (t: InstanceTypeInfo) => price(t) / (memoryCapacityBytes(t) / GIB);

/** $/hour per node, $/vCPU-hour and $/GiB-hour ranges across the types, and which types are unpriced. */
export function costSummary(types: readonly InstanceTypeInfo[]): CostSummary {
  const { priced, unpriced } = split(types);
  return {
    perNode: range(priced, price),
    perVcpu: range(priced, perVcpu),
    perGiB: range(priced, perGiB),
    priced: priced.length,
    unpriced,
  };
}

/** NodePool limits in base units: `cpu` in vCPU (cores), `memory` in bytes. */
export interface CapacityLimits {
  /** @default - no cpu limit */
  readonly cpu?: number;
  /** @default - no memory limit */
  readonly memory?: number;
}

/** The most $/hour a pool's limits allow. */
export interface LimitCeiling {
  /** The ceiling: the smaller of the cpu- and memory-derived ones; undefined without limits or priced types. */
  readonly pricePerHour: number | undefined;
  /** `limits.cpu` × the highest $/vCPU-hour among the types. */
  readonly fromCpu: number | undefined;
  /** `limits.memory` (GiB) × the highest $/GiB-hour among the types. */
  readonly fromMemory: number | undefined;
  /** Types without a price: the ceiling does not cover them. */
  readonly unpriced: readonly string[];
}

function checkAmount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new Error(`${name} must be a non-negative number, got ${value}`);
}

/** The most on-demand $/hour nodes of these types can cost under the pool's cpu and memory limits. */
export function limitCeiling(types: readonly InstanceTypeInfo[], limits: CapacityLimits): LimitCeiling {
  checkAmount('limits.cpu', limits.cpu);
  checkAmount('limits.memory', limits.memory);
  const { priced, unpriced } = split(types);
  const vcpuRange = range(priced, perVcpu);
  const gibRange = range(priced, perGiB);
  const fromCpu = limits.cpu !== undefined && vcpuRange ? limits.cpu * vcpuRange.max : undefined;
  const fromMemory = limits.memory !== undefined && gibRange ? (limits.memory / GIB) * gibRange.max : undefined;
  const candidates = [fromCpu, fromMemory].filter((v): v is number => v !== undefined);
  return { pricePerHour: candidates.length ? Math.min(...candidates) : undefined, fromCpu, fromMemory, unpriced };
}

/** Limits that keep a pool of these types within a budget. */
export interface BudgetLimits {
  /** `limits.cpu` in whole vCPU: budget ÷ the highest $/vCPU-hour, rounded down. */
  readonly cpu: number | undefined;
  /** `limits.memory` in bytes, a whole number of GiB: budget ÷ the highest $/GiB-hour, rounded down. */
  readonly memory: number | undefined;
  /** The same memory limit in GiB. */
  readonly memoryGiB: number | undefined;
  /** Types without a price: the limits do not account for them. */
  readonly unpriced: readonly string[];
}

/** The cpu and memory limits under which no combination of these types exceeds a $/hour budget. */
export function limitsForBudget(types: readonly InstanceTypeInfo[], maxPricePerHour: number): BudgetLimits {
  checkAmount('maxPricePerHour', maxPricePerHour);
  const { priced, unpriced } = split(types);
  const vcpuRange = range(priced, perVcpu);
  const gibRange = range(priced, perGiB);
  // 1e-9 absorbs binary noise (1.7 / 0.0425 is 39.999...), so an exact quotient is not rounded down by one.
  const floor = (x: number) => Math.floor(x + 1e-9);
  const cpu = vcpuRange ? floor(maxPricePerHour / vcpuRange.max) : undefined;
  const memoryGiB = gibRange ? floor(maxPricePerHour / gibRange.max) : undefined;
  return { cpu, memory: memoryGiB === undefined ? undefined : memoryGiB * GIB, memoryGiB, unpriced };
}
