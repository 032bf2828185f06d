import * as kplus from 'cdk8s-plus-31';
import { CapacityAnalysis, PoolContext } from './capacity/analysis';
import { analyzeApp } from './capacity/app-analysis';
import { poolProblem } from './capacity/checks';
import { ReplicaPlan } from './capacity/fit';
import { InstanceTypeInfo } from './capacity/instance-catalog-data';
import { formatQuantity } from './capacity/quantity';
import { workloadSummaryLine } from './capacity/report-text';
import { PoolExclusion, ReplicaPlacement, WorkloadPoolFit } from './capacity-types';

/** Hours in the month the reports price (365 × 24 / 12). */
const HOURS_PER_MONTH = 730;

/** Whether plan `a` beats `b`: cheaper, then fewer nodes, then the type name (as `cheapestForReplicas` ranks). */
function cheaper(a: ReplicaPlan, b: ReplicaPlan | undefined): boolean {
  if (!b) return true;
  const diff = a.pricePerHour! - b.pricePerHour!;
  if (Math.abs(diff) > 1e-12) return diff < 0;
  return a.nodes < b.nodes || (a.nodes === b.nodes && a.instanceType < b.instanceType);
}

/** The cheapest packing of the replicas onto one of the fitting types (with each type's DaemonSet pods), and the unpriced ones. */
function cheapestOn(context: PoolContext, fitting: readonly InstanceTypeInfo[], replicas: number, requests: Readonly<Record<string, number>>) {
  let best: ReplicaPlan | undefined;
  const unpriced: string[] = [];
  for (const type of fitting) {
    const plan = context.plan(type, replicas, requests);
    if (!plan) continue;
    if (plan.pricePerHour === undefined) unpriced.push(type.name);
    else if (cheaper(plan, best)) best = plan;
  }
  return { best, unpriced };
}

function placement(context: PoolContext, plan: ReplicaPlan): ReplicaPlacement {
  return {
    poolName: context.model.name,
    poolPath: context.model.path,
    instanceType: plan.instanceType,
    replicas: plan.replicas,
    replicasPerNode: plan.perNode,
    nodes: plan.nodes,
    pricePerHour: plan.pricePerHour!,
    pricePerMonth: plan.pricePerHour! * HOURS_PER_MONTH,
  };
}

/**
 * Where a workload's pods can run, by the vendored instance-type catalog (docs/capacity.md): the NodePools of its app
 * that can host it (its nodeSelector, required node affinity and tolerations against each pool's labels, taints and
 * requirements), the instance types on which one replica fits (its containers' requests with extended resources,
 * plus the requests of the app's DaemonSets whose pods land on that node, plus a pod slot each), and the cheapest
 * on-demand packing of its replicas onto one instance type.
 *
 * Requests are read from the cdk8s-plus workload (its containers' resources, cdk8s-plus's defaults included, and the
 * extended resources the library added); resources added with hand-written JSON patches are not seen.
 */
export class WorkloadCapacity {
  /** The capacity of a workload within its app, as the app stands now. */
  public static of(workload: kplus.Workload): WorkloadCapacity {
    return new WorkloadCapacity(workload, analyzeApp(workload));
  }

  /** @internal within an analysis shared by a report */
  public static _of(workload: kplus.Workload, analysis: CapacityAnalysis): WorkloadCapacity {
    return new WorkloadCapacity(workload, analysis);
  }

  /** The workload's `metadata.name`. */
  public readonly name: string;
  /** The workload's kind. */
  public readonly kind: string;
  /** The workload's construct path. */
  public readonly path: string;
  /** The replicas it runs: its own count, else its autoscaler's minimum (at least 1), else 1. Placements price at least one. */
  public readonly replicas: number;
  /** One pod's requests as quantities (cpu in cores, memory in binary units, extended resources as counts). */
  public readonly requests: { [resource: string]: string };
  /** The pools the workload was placed on (`schedule` or a pattern), by name. */
  public readonly scheduledOn: string[];
  /** The pools of the app that can host it, with where it fits on each. */
  public readonly pools: WorkloadPoolFit[];
  /** The pools of the app that cannot host it, and why. */
  public readonly excludedPools: PoolExclusion[];
  /** Every instance type one replica fits on, over the pools that can host it (each once, in catalog order). */
  public readonly fittingInstanceTypeNames: string[];
  /**
   * The cheapest on-demand single-type placement of the replicas, over every pool that can host it.
   * @default - no fitting instance type has a price
   */
  public readonly cheapest?: ReplicaPlacement;

  private constructor(workload: kplus.Workload, analysis: CapacityAnalysis) {
    const view = analysis.view(workload);
    this.name = workload.name;
    this.kind = workload.kind;
    this.path = workload.node.path;
    this.replicas = analysis.replicasOf(workload);
    const priced = Math.max(1, this.replicas);
    this.requests = Object.fromEntries(Object.entries(view.requests).map(([r, v]) => [r, formatQuantity(r, v)]));
    const scheduled = analysis.poolsOf(workload);
    this.scheduledOn = scheduled.map(p => p.name);
    this.pools = [];
    this.excludedPools = [];
    const fittingNames = new Set<string>();
    let cheapest: ReplicaPlacement | undefined;
    for (const pool of analysis.pools) {
      const context = analysis.context(pool);
      const fit = context.fit(view);
      const model = context.model;
      if (fit.excludedBecause !== undefined || fit.candidates.length === 0) {
        const reason = fit.excludedBecause ?? (model.evaluation.compatible.length === 0
          ? 'the pool admits no instance type'
          : `none of its ${model.evaluation.compatible.length} instance types matches the pod's node selection`);
        this.excludedPools.push({ poolName: model.name, poolPath: model.path, reason });
        continue;
      }
      fit.fitting.forEach(t => fittingNames.add(t.name));
      const { best, unpriced } = cheapestOn(context, fit.fitting, priced, view.requests);
      const poolCheapest = best && placement(context, best);
      if (poolCheapest && (!cheapest || poolCheapest.pricePerHour < cheapest.pricePerHour - 1e-12)) cheapest = poolCheapest;
      const daemonSets = new Set(fit.candidates.flatMap(t => context.daemonOverhead(t).names));
      this.pools.push({
        poolName: model.name,
        poolPath: model.path,
        scheduled: scheduled.includes(pool),
        candidateInstanceTypeCount: fit.candidates.length,
        fittingInstanceTypes: fit.fitting.map(t => t.name),
        fittingBeyondLimits: fit.fittingBeyondLimits.map(t => t.name),
        daemonSets: [...daemonSets].sort(),
        ...(poolCheapest ? { cheapest: poolCheapest } : {}),
        unpricedFittingInstanceTypes: unpriced,
        ...(fit.fitting.length === 0 ? { problem: poolProblem(context, fit, view.requests) } : {}),
      });
    }
    this.fittingInstanceTypeNames = [...fittingNames];
    this.cheapest = cheapest;
  }

  /** One line a person reads: where the workload fits and its cheapest placement. */
  public summaryLine(): string {
    return workloadSummaryLine(this);
  }

  /** The capacity as plain JSON. */
  public toJson(): any {
    return {
      path: this.path,
      name: this.name,
      kind: this.kind,
      replicas: this.replicas,
      requests: this.requests,
      scheduledOn: this.scheduledOn,
      pools: this.pools.map(p => p.poolName),
      fittingInstanceTypeCount: this.fittingInstanceTypeNames.length,
      cheapest: this.cheapest ?? null,
      placements: this.pools.map(p => ({
        pool: p.poolName,
        scheduled: p.scheduled,
        candidateInstanceTypeCount: p.candidateInstanceTypeCount,
        fittingInstanceTypeCount: p.fittingInstanceTypes.length,
        fittingInstanceTypes: p.fittingInstanceTypes,
        fittingBeyondLimitsCount: p.fittingBeyondLimits.length,
        daemonSets: p.daemonSets,
        cheapest: p.cheapest ?? null,
        unpricedFittingInstanceTypes: p.unpricedFittingInstanceTypes,
        problem: p.problem ?? null,
      })),
      excludedPools: this.excludedPools.map(e => ({ pool: e.poolName, reason: e.reason })),
    };
  }
}
