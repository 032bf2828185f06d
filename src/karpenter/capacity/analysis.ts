import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { FitResult, fitsInstanceType, planReplicas, ReplicaPlan } from './fit';
import { InstanceTypeInfo, loadInstanceCatalog, ResourceList } from './instance-catalog-data';
import { CapacityPoolSource, PoolModel, poolModel } from './pool-model';
import { requirementsOf, RequirementSpec } from './requirements';
import { Incompatibility, incompatibilities, isWellKnownLabel, untoleratedTaint } from './scheduling';
import { PodPlacementFields, renderedPlacementFields, WorkloadView, workloadView } from './workload-view';
import { CustomResource } from '../../common/custom-resource';
import { WorkloadReference } from '../../common/references';

/**
 * One look at an app for the capacity checks and reports: its NodePools, DaemonSets, workloads and autoscalers,
 * found in one walk of the tree, with every derived fact cached for the length of the look (one validation pass, one
 * report) and never kept. What depends on a pool alone is memoized on the pool itself (`poolModel`).
 */

/** A workload's autoscaler: a KEDA ScaledObject or a cdk8s-plus HorizontalPodAutoscaler. */
export interface Autoscaler {
  readonly construct: IConstruct;
  readonly kind: string;
  readonly workload: kplus.Workload;
  readonly minReplicas: number | undefined;
  readonly maxReplicas: number;
}

/** Whether a pod can use a pool at all, and the pool's types that match its node requirements. */
export interface PoolPlacement {
  /**
   * Why the pod cannot use the pool (an untolerated taint, a label the pool's nodes do not carry); undefined if it can.
   *
   * @default - none: the pod can use the pool
   */
  readonly excludedBecause?: string;
  /** The types the pool admits that also match the pod's node requirements (under any of its affinity terms). */
  readonly candidates: readonly InstanceTypeInfo[];
}

/** Where one replica of a pod fits on a pool. */
export interface PoolFit extends PoolPlacement {
  /** The candidates one replica fits on (with the DaemonSet pods of each), that the pool's limits allow it to launch. */
  readonly fitting: readonly InstanceTypeInfo[];
  /** The candidates one replica fits on, but whose capacity exceeds the pool's limits. */
  readonly fittingBeyondLimits: readonly InstanceTypeInfo[];
}

/** One node-selector term of a pod: its requirements, ANDed. */
type Term = readonly RequirementSpec[];

/** A DaemonSet's pod and the pool's types its pods land on. */
interface DaemonPlacement {
  readonly view: WorkloadView;
  readonly types: ReadonlySet<string>;
}

/** One pool, within one look at the app. */
export class PoolContext {
  public readonly model: PoolModel;
  private daemons: DaemonPlacement[] | undefined;
  private readonly overheads = new Map<string, { requests: ResourceList[]; names: string[] }>();
  private readonly placements = new Map<string, PoolPlacement>();
  private readonly fits = new Map<string, PoolFit>();

  constructor(public readonly pool: CapacityPoolSource, private readonly analysis: CapacityAnalysis) {
    this.model = poolModel(pool);
  }

  /** The DaemonSet pods that land on a node of the type (Karpenter's per-instance-type daemon overhead). */
  public daemonOverhead(type: InstanceTypeInfo): { requests: ResourceList[]; names: string[] } {
    let overhead = this.overheads.get(type.name);
    if (!overhead) {
      const landing = this.daemonPlacements().filter(d => d.types.has(type.name));
      overhead = { requests: landing.map(d => d.view.requests), names: landing.map(d => d.view.workload.name) };
      this.overheads.set(type.name, overhead);
    }
    return overhead;
  }

  /** Whether a pod can use the pool, and the candidates its node requirements leave. */
  public placement(view: WorkloadView): PoolPlacement {
    const key = `${view.termsSignature}|${JSON.stringify(view.tolerations)}`;
    let placement = this.placements.get(key);
    if (!placement) {
      placement = this.place(view);
      this.placements.set(key, placement);
    }
    return placement;
  }

  /** Where one replica fits: every fitting candidate, or the first one only (`firstOnly`, for checks). */
  public fit(view: WorkloadView, firstOnly = false): PoolFit {
    const key = `${view.termsSignature}|${JSON.stringify(view.tolerations)}|${view.requestsSignature}|${firstOnly}`;
    let fit = this.fits.get(key);
    if (!fit) {
      fit = this.computeFit(view, firstOnly);
      this.fits.set(key, fit);
    }
    return fit;
  }

  /** Whether one replica (with the DaemonSet pods of the type) fits a node of the type, or what does not. */
  public fitOn(type: InstanceTypeInfo, requests: ResourceList): FitResult {
    return fitsInstanceType(type, { pod: requests, daemonSets: this.daemonOverhead(type).requests });
  }

  /** How N replicas pack onto nodes of one type (with its DaemonSet pods); undefined when one does not fit. */
  public plan(type: InstanceTypeInfo, replicas: number, requests: ResourceList): ReplicaPlan | undefined {
    return planReplicas(type, replicas, { pod: requests, daemonSets: this.daemonOverhead(type).requests });
  }

  private computeFit(view: WorkloadView, firstOnly: boolean): PoolFit {
    const placement = this.placement(view);
    const fitting: InstanceTypeInfo[] = [];
    const beyond: InstanceTypeInfo[] = [];
    if (placement.excludedBecause === undefined) {
      // Launchable types first, so a check can stop at the first fit.
      const launchable = placement.candidates.filter(t => this.model.launchableNames.has(t.name));
      for (const type of launchable) {
        if (!this.fitOn(type, view.requests).fits) continue;
        fitting.push(type);
        if (firstOnly) break;
      }
      if (fitting.length === 0 || !firstOnly) {
        for (const type of placement.candidates) {
          if (this.model.launchableNames.has(type.name) || !this.fitOn(type, view.requests).fits) continue;
          beyond.push(type);
          if (firstOnly) break;
        }
      }
    }
    return { ...placement, fitting, fittingBeyondLimits: beyond };
  }

  private place(view: WorkloadView): PoolPlacement {
    const taint = untoleratedTaint(view.tolerations, this.model.taints);
    if (taint) {
      return { excludedBecause: `it does not tolerate the pool's taint ${taint.key}${taint.value !== undefined ? `=${taint.value}` : ''}:${taint.effect}`, candidates: [] };
    }
    const { compatibleTerms, problems } = this.compatibleTerms(view.terms);
    if (compatibleTerms.length === 0) return { excludedBecause: problems.map(p => p.reason).join('; '), candidates: [] };
    return { candidates: this.union(compatibleTerms) };
  }

  /** The pod's requirement terms the pool's template allows, and what is wrong with the others. */
  private compatibleTerms(terms: readonly (readonly RequirementSpec[])[]): { compatibleTerms: Term[]; problems: Incompatibility[] } {
    const catalog = loadInstanceCatalog();
    const wellKnown = (key: string) => isWellKnownLabel(key, catalog, this.model.autoMode);
    const compatibleTerms: Term[] = [];
    const problems: Incompatibility[] = [];
    for (const term of terms) {
      const found = incompatibilities(this.model.template, requirementsOf(term), wellKnown);
      if (found.length === 0) compatibleTerms.push(term);
      else if (problems.length === 0) problems.push(...found);
    }
    return { compatibleTerms, problems };
  }

  /** The pool's types matching any of the terms, in catalog order. */
  private union(terms: Term[]): readonly InstanceTypeInfo[] {
    if (terms.length === 1) return this.model.typesFor(terms[0], JSON.stringify(terms[0]));
    const names = new Set(terms.flatMap(term => this.model.typesFor(term, JSON.stringify(term)).map(t => t.name)));
    return this.model.evaluation.compatible.filter(t => names.has(t.name));
  }

  private daemonPlacements(): DaemonPlacement[] {
    if (!this.daemons) {
      this.daemons = [];
      for (const view of this.analysis.daemonSets) {
        if (untoleratedTaint(view.tolerations, this.model.taints)) continue;
        const { compatibleTerms } = this.compatibleTerms(view.terms);
        if (compatibleTerms.length === 0) continue;
        this.daemons.push({ view, types: new Set(this.union(compatibleTerms).map(t => t.name)) });
      }
    }
    return this.daemons;
  }
}

/** What the checks read of a KEDA ScaledObject (src/keda is a layer above: it is recognised by kind, not imported). */
interface ScaledObjectView extends IConstruct {
  readonly target: WorkloadReference;
  /** @default - KEDA's default, 0 (counted as 1 replica here) */
  readonly minReplicas?: number;
  /**
   * KEDA's default is 100.
   *
   * @default - KEDA's default, 100
   */
  readonly maxReplicas?: number;
}

function isScaledObject(construct: IConstruct): construct is ScaledObjectView {
  return construct instanceof CustomResource && construct.kind === 'ScaledObject' && construct.apiVersion.startsWith('keda.sh/')
    && (construct as unknown as { target?: unknown }).target instanceof WorkloadReference;
}

/** Whether a construct is a NodePool: it carries the capacity source fields (duck-typed, so this file needs no NodePool import). */
export type PoolTest = (construct: IConstruct) => construct is CapacityPoolSource & IConstruct;

/** The replicas a workload runs: its own count, else its autoscaler's minimum, else 1. */
function declaredReplicas(workload: kplus.Workload): number | undefined {
  if (workload instanceof kplus.Deployment || workload instanceof kplus.StatefulSet) return workload.replicas;
  return undefined;
}

/** One look at the app under `root`. */
export class CapacityAnalysis {
  public readonly pools: (CapacityPoolSource & IConstruct)[] = [];
  public readonly workloads: kplus.Workload[] = [];
  public readonly autoscalers: Autoscaler[] = [];
  public readonly daemonSetWorkloads: kplus.DaemonSet[] = [];
  private daemonViews: WorkloadView[] | undefined;
  private readonly views = new Map<kplus.Workload, WorkloadView>();
  private readonly contexts = new Map<IConstruct, PoolContext>();
  private scheduled: Map<kplus.Workload, (CapacityPoolSource & IConstruct)[]> | undefined;

  /**
   * @param placementOf a workload's rendered placement fields; by default each workload viewed is rendered (a report).
   * The synth-time check passes the fields of the renders it shares with the app's other document checks.
   */
  constructor(constructs: readonly IConstruct[], isPool: PoolTest, private readonly scheduledOf: (pool: CapacityPoolSource) => kplus.Workload[],
    private readonly placementOf: (workload: kplus.Workload) => PodPlacementFields | undefined = renderedPlacementFields) {
    // read once: each `kplus.X` is a getter of cdk8s-plus's index, and the loop visits every construct of the app
    const { DaemonSet, Workload, HorizontalPodAutoscaler } = kplus;
    for (const construct of constructs) {
      if (isPool(construct)) {
        this.pools.push(construct);
      } else if (construct instanceof DaemonSet) {
        this.daemonSetWorkloads.push(construct);
      } else if (construct instanceof Workload) {
        this.workloads.push(construct);
      } else if (isScaledObject(construct)) {
        const workload = construct.target.workload;
        if (workload) {
          this.autoscalers.push({ construct, kind: 'ScaledObject', workload, minReplicas: construct.minReplicas, maxReplicas: construct.maxReplicas ?? 100 });
        }
      } else if (construct instanceof HorizontalPodAutoscaler) {
        const target = construct.target;
        if (target instanceof Workload) {
          this.autoscalers.push({ construct, kind: 'HorizontalPodAutoscaler', workload: target, minReplicas: construct.minReplicas, maxReplicas: construct.maxReplicas });
        }
      }
    }
  }

  /** Every DaemonSet of the app, as pods. */
  public get daemonSets(): readonly WorkloadView[] {
    if (!this.daemonViews) this.daemonViews = this.daemonSetWorkloads.map(ds => this.view(ds));
    return this.daemonViews;
  }

  /** A workload's pod, read once per look. */
  public view(workload: kplus.Workload): WorkloadView {
    let view = this.views.get(workload);
    if (!view) {
      view = workloadView(workload, this.placementOf(workload));
      this.views.set(workload, view);
    }
    return view;
  }

  /** A pool, within this look. */
  public context(pool: CapacityPoolSource & IConstruct): PoolContext {
    let context = this.contexts.get(pool);
    if (!context) {
      context = new PoolContext(pool, this);
      this.contexts.set(pool, context);
    }
    return context;
  }

  /** The pools a workload was placed on (by `schedule` or a pattern), in tree order. */
  public poolsOf(workload: kplus.Workload): (CapacityPoolSource & IConstruct)[] {
    return this.scheduledIndex().get(workload) ?? [];
  }

  /** The workloads placed on some pool (DaemonSets aside), in tree order of their pools. */
  public scheduledWorkloads(): kplus.Workload[] {
    return [...this.scheduledIndex().keys()].filter(w => !(w instanceof kplus.DaemonSet));
  }

  private scheduledIndex(): Map<kplus.Workload, (CapacityPoolSource & IConstruct)[]> {
    if (!this.scheduled) {
      const index = new Map<kplus.Workload, (CapacityPoolSource & IConstruct)[]>();
      for (const pool of this.pools) {
        for (const workload of this.scheduledOf(pool)) {
          const list = index.get(workload);
          if (!list) index.set(workload, [pool]);
          else if (!list.includes(pool)) list.push(pool);
        }
      }
      this.scheduled = index;
    }
    return this.scheduled;
  }

  /** The replicas a workload runs: its own count, else its autoscaler's minimum (at least 1), else 1. */
  public replicasOf(workload: kplus.Workload): number {
    const declared = declaredReplicas(workload);
    if (declared !== undefined) return declared;
    const scaler = this.autoscalers.find(a => a.workload === workload);
    return Math.max(1, scaler?.minReplicas ?? 1);
  }
}
