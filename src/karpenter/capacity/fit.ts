import { InstanceTypeInfo, ResourceList } from './instance-catalog-data';

/**
 * Whether a pod fits one node of an instance type, and how many replicas do, the way Karpenter's scheduler sizes a
 * node: the pod's requests plus the requests of the DaemonSet pods that land on every node, against the type's
 * allocatable resources (after kube-reserved, system-reserved and eviction). Every pod, the DaemonSet pods
 * included, takes one slot of the type's `pods` allocatable.
 *
 * Units are base units throughout: `cpu` in cores (compared at millicore resolution, requests rounded up as
 * Kubernetes does), `memory` and `ephemeral-storage` in bytes, extended resources (`nvidia.com/gpu`,
 * `aws.amazon.com/neuron`, `vpc.amazonaws.com/pod-eni`, ...) as counts. A resource the type does not offer has
 * 0 allocatable. Requests do not name `pods`: the slots are counted here.
 */

/** What one node has to hold: a pod's requests and the DaemonSet pods every node runs. */
export interface PodPlacement {
  /** The pod's requests (the sum of its containers', or the larger init container's) in base units. */
  readonly pod: ResourceList;
  /**
   * The requests of each DaemonSet pod scheduled on every node of the pool.
   *
   * @default - none: no DaemonSet pods
   */
  readonly daemonSets?: readonly ResourceList[];
}

/** The first resource that does not fit, with the amounts in base units. */
export interface ResourceShortfall {
  readonly resource: string;
  readonly needed: number;
  readonly available: number;
}

export type FitResult = { readonly fits: true } | ({ readonly fits: false } & ResourceShortfall);

const PODS = 'pods';
const CPU = 'cpu';
const ORDER = ['cpu', 'memory', 'ephemeral-storage', 'pods'];

/** Resources in the order a shortfall is reported: cpu, memory, ephemeral-storage, pods, then the rest by name. */
function ordered(names: Iterable<string>): string[] {
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** An amount in integer units: cpu in millicores, everything else as is, requests rounded up. */
function integral(resource: string, amount: number, request: boolean): number {
  const scaled = resource === CPU ? amount * 1000 : amount;
  // 1e-9 absorbs binary noise (0.1 + 0.2 cores), so exact millicores do not round up to the next one.
  return request ? Math.ceil(scaled - 1e-9) : Math.floor(scaled + 1e-9);
}

const fromIntegral = (resource: string, amount: number) => (resource === CPU ? amount / 1000 : amount);

function checkRequests(requests: ResourceList, what: string): void {
  for (const [name, amount] of Object.entries(requests)) {
    if (name === PODS) throw new Error(`${what}: requests do not name "pods"; each pod takes one slot of the type's pods allocatable`);
    if (!Number.isFinite(amount) || amount < 0) throw new Error(`${what}: ${name} request must be a non-negative number, got ${amount}`);
  }
}

/** Integer requests of one pod, plus its pod slot. */
function podUnits(requests: ResourceList): Map<string, number> {
  const units = new Map<string, number>([[PODS, 1]]);
  for (const [name, amount] of Object.entries(requests)) units.set(name, integral(name, amount, true));
  return units;
}

function sum(lists: readonly Map<string, number>[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const list of lists) for (const [name, amount] of list) total.set(name, (total.get(name) ?? 0) + amount);
  return total;
}

function validated(placement: PodPlacement): { pod: Map<string, number>; daemons: Map<string, number> } {
  checkRequests(placement.pod, 'pod');
  (placement.daemonSets ?? []).forEach((ds, i) => checkRequests(ds, `daemonSets[${i}]`));
  return { pod: podUnits(placement.pod), daemons: sum((placement.daemonSets ?? []).map(podUnits)) };
}

const allocatableUnits = (type: InstanceTypeInfo, resource: string) => integral(resource, type.allocatable[resource] ?? 0, false);

/**
 * What one node must hold for the pod: its requests plus every DaemonSet pod's, and one pod slot for each, in base
 * units with `pods` counted.
 */
export function nodeRequests(placement: PodPlacement): ResourceList {
  const { pod, daemons } = validated(placement);
  const total = sum([pod, daemons]);
  return Object.fromEntries(ordered(total.keys()).map(name => [name, fromIntegral(name, total.get(name)!)]));
}

/** Whether the pod, with the DaemonSet pods, fits one node of the type; otherwise the first resource that does not. */
export function fitsInstanceType(type: InstanceTypeInfo, placement: PodPlacement): FitResult {
  const { pod, daemons } = validated(placement);
  const total = sum([pod, daemons]);
  for (const resource of ordered(total.keys())) {
    const needed = total.get(resource)!;
    const available = allocatableUnits(type, resource);
    if (needed > available) {
      return { fits: false, resource, needed: fromIntegral(resource, needed), available: fromIntegral(resource, available) };
    }
  }
  return { fits: true };
}

/** Every resource that does not fit one node of the type (pod plus DaemonSet pods), in report order; empty when it fits. */
export function shortfalls(type: InstanceTypeInfo, placement: PodPlacement): ResourceShortfall[] {
  const { pod, daemons } = validated(placement);
  const total = sum([pod, daemons]);
  const result: ResourceShortfall[] = [];
  for (const resource of ordered(total.keys())) {
    const needed = total.get(resource)!;
    const available = allocatableUnits(type, resource);
    if (needed > available) result.push({ resource, needed: fromIntegral(resource, needed), available: fromIntegral(resource, available) });
  }
  return result;
}

/** Per type name: whether the pod fits one node of it, or the first resource that does not fit. */
export function fitByInstanceType(types: readonly InstanceTypeInfo[], placement: PodPlacement): ReadonlyMap<string, FitResult> {
  return new Map(types.map(t => [t.name, fitsInstanceType(t, placement)]));
}

/**
 * How many replicas of the pod one node of the type holds after its DaemonSet pods: the floor, over every resource
 * the pod requests and its pod slot, of what is left divided by one replica's request. 0 when the DaemonSets alone
 * do not fit or one replica does not.
 */
export function replicasPerNode(type: InstanceTypeInfo, placement: PodPlacement): number {
  const { pod, daemons } = validated(placement);
  let replicas = Infinity;
  for (const resource of ordered([...pod.keys(), ...daemons.keys()])) {
    const left = allocatableUnits(type, resource) - (daemons.get(resource) ?? 0);
    if (left < 0) return 0;
    const each = pod.get(resource) ?? 0;
    if (each > 0) replicas = Math.min(replicas, Math.floor(left / each));
  }
  // The pod slot is always requested, so replicas is finite here.
  return replicas;
}

/** How N replicas pack onto nodes of one type. */
export interface ReplicaPlan {
  readonly instanceType: string;
  readonly replicas: number;
  /** Replicas per node, after the DaemonSet pods. */
  readonly perNode: number;
  /** Nodes needed for the replicas. */
  readonly nodes: number;
  /** On-demand $/hour of those nodes; undefined when the type has no price. */
  readonly pricePerHour: number | undefined;
}

/** Nodes and on-demand $/hour for N replicas on one type; undefined when not even one replica fits a node. */
export function planReplicas(type: InstanceTypeInfo, replicas: number, placement: PodPlacement): ReplicaPlan | undefined {
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`replicas must be a non-negative integer, got ${replicas}`);
  const perNode = replicasPerNode(type, placement);
  if (perNode === 0) return undefined;
  const nodes = Math.ceil(replicas / perNode);
  const price = type.onDemandPricePerHour;
  return { instanceType: type.name, replicas, perNode, nodes, pricePerHour: price === undefined ? undefined : nodes * price };
}

/** The cheapest way to run N replicas on a single instance type among a set, and the types that could not compete. */
export interface CheapestPlan {
  /** The cheapest plan by on-demand $/hour (ties: fewer nodes, then name); undefined when no priced type fits. */
  readonly best: ReplicaPlan | undefined;
  /** Types where the pod fits but there is no price: never ranked, never given an invented price. */
  readonly unpriced: readonly string[];
  /** Types where not even one replica fits a node. */
  readonly notFitting: readonly string[];
}

/** The cheapest single instance type, by on-demand $/hour, for N replicas of the pod. */
export function cheapestForReplicas(types: readonly InstanceTypeInfo[], replicas: number, placement: PodPlacement): CheapestPlan {
  let best: ReplicaPlan | undefined;
  const unpriced: string[] = [];
  const notFitting: string[] = [];
  for (const type of types) {
    const plan = planReplicas(type, replicas, placement);
    if (!plan) {
      notFitting.push(type.name);
    } else if (plan.pricePerHour === undefined) {
      unpriced.push(type.name);
    } else if (!best || plan.pricePerHour < best.pricePerHour! - 1e-12
      || (Math.abs(plan.pricePerHour - best.pricePerHour!) <= 1e-12
        && (plan.nodes < best.nodes || (plan.nodes === best.nodes && plan.instanceType < best.instanceType)))) {
      best = plan;
    }
  }
  return { best, unpriced, notFitting };
}
