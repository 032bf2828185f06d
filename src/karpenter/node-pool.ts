import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct, IConstruct } from 'constructs';
import { capacityDocumentCheck, poolCapacityErrors } from './capacity/checks';
import { CapacityExpectation, CapacityPoolSource, poolModel } from './capacity/pool-model';
import { ConsolidationPolicy, DisruptionBudget, DurationOrNever } from './disruption';
import { INodeClass } from './node-class';
import { checkLimits, checkNodeClass, checkRequirement, checkStatic, checkTaint, crossCheck, restrictedKeyProblem } from './node-pool-checks';
import { NodePoolLimits, NodePoolOptions, NodePoolPlacementOptions, NodeTaint, ScheduledWorkload } from './node-pool-options';
import { renderBudget, renderDurationOrNever, renderLimits, renderTaints } from './node-pool-render';
import { placementSelector, warnUnpinnedArch } from './placement-checks';
import { Requirement } from './requirement';
import { CustomResource } from '../common/custom-resource';
import { checkAnnotations, checkFactoryValue, checkInteger, checkLabels } from '../core/checks';
import { invalidInput } from '../core/errors';
import { addNodeSelector } from '../core/placement';
import { checkProps } from '../core/prop-checks';
import { KARPENTER_RULES, Rule } from '../core/rules';
import { toHoursMinutesSeconds } from '../core/units';
import { addDocumentCheck, addSynthValidation } from '../core/validation';
import { addWarning } from '../core/warnings';

/** The key of the app-wide capacity check (CAP-03, CAP-05). */
const CAPACITY_APP_CHECK = 'karpenter.capacity';

function isNodePool(construct: IConstruct): construct is NodePool & CapacityPoolSource {
  return construct instanceof NodePool;
}

function scheduledWorkloadsOf(pool: CapacityPoolSource): kplus.Workload[] {
  return (pool as NodePool).scheduledWorkloads.map(s => s.workload);
}

/** Properties of a Karpenter NodePool. */
export interface NodePoolProps extends NodePoolOptions {
  /** The node class the pool launches nodes with: an `Ec2NodeClass` or `NodeClassReference.eksAutoMode()`. */
  readonly nodeClass: INodeClass;
}

/**
 * A Karpenter NodePool (`karpenter.sh/v1`, cluster-scoped): which nodes Karpenter may launch for pending
 * pods, how they are labelled and tainted, how long they live and how they are consolidated.
 *
 * What it launches can be read back (`requirements`, `nodeClass`, `labels`, `taints`, `limits`), as can
 * the workloads placed on it (`scheduledWorkloads`).
 */
export class NodePool extends CustomResource {
  /** Maximum number of requirements the CRD accepts. */
  private static readonly MAX_REQUIREMENTS = 100;

  /** The node class the pool launches nodes with. */
  public readonly nodeClass: INodeClass;

  private readonly settings: NodePoolProps;
  private readonly _requirements: Requirement[] = [];
  private readonly _labels: { [key: string]: string } = {};
  private readonly _taints: NodeTaint[] = [];
  private readonly _startupTaints: NodeTaint[] = [];
  private readonly _budgets: DisruptionBudget[] = [];
  private readonly _scheduled: ScheduledWorkload[] = [];
  private expectation?: CapacityExpectation;

  public constructor(scope: Construct, id: string, props: NodePoolProps) {
    checkProps(scope, id, 'NodePoolProps', props);
    super(scope, id, { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', resourceType: 'nodepools', clusterScoped: true }, props);
    this.settings = props;
    this.nodeClass = props.nodeClass;

    checkNodeClass(this, props.nodeClass);
    checkInteger(this, KARPENTER_RULES['NP-01'], 'weight', props.weight, 1, 100);
    checkInteger(this, KARPENTER_RULES['NP-40'], 'replicas', props.replicas, 0);
    checkStatic(this, props.replicas, props.weight, props.limits);
    checkAnnotations(this, 'annotations', props.annotations);
    checkFactoryValue(this, 'consolidationPolicy', props.consolidationPolicy, ConsolidationPolicy);

    // Applying the node class first lets the pool become Ready without a retry.
    if (Construct.isConstruct(props.nodeClass)) this.node.addDependency(props.nodeClass);

    for (const [key, value] of Object.entries(props.labels ?? {})) this.addLabel(key, value);
    this.addRequirement(...props.requirements ?? []);
    for (const taint of props.taints ?? []) this.addTaint(taint);
    for (const taint of props.startupTaints ?? []) this.addStartupTaint(taint);
    for (const budget of props.disruptionBudgets ?? []) this.addDisruptionBudget(budget);
    checkLimits(this, props.limits);
    // Rendered once here so bad durations fail at construction, with the field named.
    renderDurationOrNever(this, props.expireAfter, KARPENTER_RULES['NP-05'], 'expireAfter');
    renderDurationOrNever(this, props.consolidateAfter, KARPENTER_RULES['NP-03'], 'disruption.consolidateAfter');
    if (props.terminationGracePeriod) toHoursMinutesSeconds(this, 'terminationGracePeriod', props.terminationGracePeriod);

    if (!props.limits && props.replicas === undefined) {
      addWarning(this, KARPENTER_RULES['NP-41'], 'has no limits: the pool can launch capacity without bound; set limits (cpu, memory) to cap cost');
    }
    if (props.expireAfter?.duration && !props.terminationGracePeriod) {
      addWarning(this, KARPENTER_RULES['NP-38'], 'sets expireAfter without terminationGracePeriod: draining an expired node waits forever on blocking PDBs or karpenter.sh/do-not-disrupt pods');
    }
    addSynthValidation(this, () => crossCheck(this));
    // What the pool can launch and whether its workloads fit (docs/capacity.md): per pool, and once over the app.
    addSynthValidation(this, () => poolCapacityErrors(this));
    addDocumentCheck(this, CAPACITY_APP_CHECK, (_root, constructs) => capacityDocumentCheck(constructs, isNodePool, scheduledWorkloadsOf));
  }

  /** The requirements on the nodes the pool launches, as added so far. */
  public get requirements(): Requirement[] {
    return [...this._requirements];
  }

  /** The labels of the pool's nodes, as added so far. */
  public get labels(): { [key: string]: string } {
    return { ...this._labels };
  }

  /** The taints of the pool's nodes, as added so far. */
  public get taints(): NodeTaint[] {
    return [...this._taints];
  }

  /** The startup taints of the pool's nodes, as added so far. */
  public get startupTaints(): NodeTaint[] {
    return [...this._startupTaints];
  }

  /**
   * The upper bounds on the pool's total capacity, if any, as rendered: with `maxOnDemandPricePerHour`, `cpu` and
   * `memory` are the limits derived from the budget (or the given ones, when smaller).
   */
  public get limits(): NodePoolLimits | undefined {
    const limits = this.settings.limits;
    if (!limits) return undefined;
    const copy = { ...limits, resources: limits.resources && { ...limits.resources } };
    if (limits.maxOnDemandPricePerHour === undefined) return copy;
    // The budget's limits replace the given ones where they are smaller (or where none is given).
    const { budget, givenLimits } = poolModel(this);
    const tighter = (derived: number | undefined, given: number | undefined) => derived !== undefined && (given === undefined || derived < given);
    return {
      ...copy,
      ...(tighter(budget?.cpu, givenLimits?.cpu) ? { cpu: kplus.Cpu.units(budget!.cpu!) } : {}),
      ...(tighter(budget?.memory, givenLimits?.memory) ? { memory: Size.gibibytes(budget!.memory! / 2 ** 30) } : {}),
    };
  }

  /** @internal the limits as given, for the capacity model */
  public get _limitsSettings(): NodePoolLimits | undefined {
    return this.settings.limits;
  }

  /** @internal what a pattern expects of the pool's instance types (set by `_expectInstanceTypesWith`) */
  public get _capacityExpectation(): CapacityExpectation | undefined {
    return this.expectation;
  }

  /**
   * Makes the pool's capacity check fail with `rule` unless some instance type it admits offers `resource`
   * (a GPU pattern: `nvidia.com/gpu`); the check replaces the one for a pool that admits no type at all.
   * @internal
   */
  public _expectInstanceTypesWith(resource: string, rule: Rule, what: string): void {
    this.expectation = { resource, rule, what };
  }

  /** The pool's priority over other pools (1-100), if set. */
  public get weight(): number | undefined {
    return this.settings.weight;
  }

  /** The fixed number of nodes of a static pool, if set. */
  public get replicas(): number | undefined {
    return this.settings.replicas;
  }

  /**
   * The workloads placed on the pool so far (by `schedule` or a pattern), with the node constraints each selects.
   * A workload a pattern spreads over several pools (`SpotOnDemandSplit`) is listed on each of them.
   */
  public get scheduledWorkloads(): ScheduledWorkload[] {
    return this._scheduled.map(s => ({ workload: s.workload, options: { ...s.options } }));
  }

  /** Adds requirements on the nodes the pool launches. */
  public addRequirement(...requirements: Requirement[]): void {
    for (const requirement of requirements) {
      if (this._requirements.length >= NodePool.MAX_REQUIREMENTS) {
        throw invalidInput(this, KARPENTER_RULES['NP-25'], 'requirements', this._requirements.length + 1, `must have at most ${NodePool.MAX_REQUIREMENTS} items`);
      }
      checkRequirement(this, this.nodeClass, requirement, `requirements[${this._requirements.length}]`);
      this._requirements.push(requirement);
    }
  }

  /** Adds a label to the pool's nodes. */
  public addLabel(key: string, value: string): void {
    checkLabels(this, 'labels', { [key]: value });
    const restricted = restrictedKeyProblem(key);
    if (restricted) throw invalidInput(this, restricted.rule, 'labels key', key, restricted.problem);
    if (Object.keys(this._labels).length >= 100 && !(key in this._labels)) {
      throw invalidInput(this, KARPENTER_RULES['NP-29'], 'labels', key, 'must have at most 100 labels');
    }
    this._labels[key] = value;
  }

  /** Adds a taint to the pool's nodes. */
  public addTaint(taint: NodeTaint): void {
    checkTaint(this, taint, `taints[${this._taints.length}]`, [...this._taints, ...this._startupTaints]);
    this._taints.push(taint);
  }

  /** Adds a startup taint (removed by a DaemonSet once the node is ready). */
  public addStartupTaint(taint: NodeTaint): void {
    checkTaint(this, taint, `startupTaints[${this._startupTaints.length}]`, [...this._taints, ...this._startupTaints]);
    this._startupTaints.push(taint);
  }

  /** Adds a disruption budget. */
  public addDisruptionBudget(budget: DisruptionBudget): void {
    const field = `disruption.budgets[${this._budgets.length}]`;
    if (this._budgets.length >= 50) throw invalidInput(this, KARPENTER_RULES['NP-42'], 'disruption.budgets', this._budgets.length + 1, 'must have at most 50 budgets');
    renderBudget(this, budget, field);
    this._budgets.push(budget);
  }

  /**
   * Places a workload's pods on this pool: a nodeSelector on the pool's labels (plus the
   * options given) and tolerations for its taints. Fails when the pool can never launch a
   * node matching the selection (e.g. Spot on an on-demand pool, a Graviton family on an amd64 pool).
   */
  public schedule(workload: kplus.Workload, options: NodePoolPlacementOptions = {}): void {
    const selector = { ...this._labels, ...placementSelector(this, workload, options) };
    warnUnpinnedArch(this, workload, options);
    addNodeSelector(workload, selector);
    this.tolerateTaints(workload);
    this._addScheduled(workload, options);
  }

  /** Lets a workload's pods tolerate the pool's taints, without selecting the pool. */
  public tolerateTaints(workload: kplus.Workload): void {
    for (const taint of this._taints) {
      workload.scheduling.tolerate(kplus.Node.tainted(taint.value === undefined
        ? kplus.NodeTaintQuery.exists(taint.key)
        : kplus.NodeTaintQuery.is(taint.key, taint.value, { effect: taint.effect })));
    }
  }

  /**
   * The nodeSelector entries `options` ask of this pool, checked against what it launches (not its labels).
   * @internal
   */
  public _placementSelector(workload: kplus.Workload, options: NodePoolPlacementOptions): { [key: string]: string } {
    return placementSelector(this, workload, options);
  }

  /**
   * Lists a workload a pattern placed on this pool in `scheduledWorkloads`.
   * @internal
   */
  public _addScheduled(workload: kplus.Workload, options: NodePoolPlacementOptions): void {
    this._scheduled.push({ workload, options: { ...options } });
  }

  protected renderSpec(): unknown {
    const p = this.settings;
    const hasLabels = Object.keys(this._labels).length > 0;
    const hasAnnotations = Object.keys(p.annotations ?? {}).length > 0;
    const dynamic = p.replicas === undefined;
    return {
      replicas: p.replicas,
      weight: p.weight,
      limits: renderLimits(this.limits),
      disruption: dynamic ? {
        consolidationPolicy: (p.consolidationPolicy ?? ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED).value,
        consolidateAfter: renderDurationOrNever(this, p.consolidateAfter ?? DurationOrNever.after(Duration.minutes(5)), KARPENTER_RULES['NP-03'], 'disruption.consolidateAfter'),
        budgets: this._budgets.length > 0 ? this._budgets.map((b, i) => renderBudget(this, b, `disruption.budgets[${i}]`)) : undefined,
      } : undefined,
      template: {
        metadata: hasLabels || hasAnnotations ? {
          labels: hasLabels ? { ...this._labels } : undefined,
          annotations: hasAnnotations ? { ...p.annotations } : undefined,
        } : undefined,
        spec: {
          nodeClassRef: { group: this.nodeClass.nodeClassGroup, kind: this.nodeClass.nodeClassKind, name: this.nodeClass.nodeClassName },
          requirements: this._requirements.map(r => ({
            key: r.label.keyFor(this.nodeClass),
            operator: r.operator.value,
            values: r.operator.takesNoValues ? undefined : [...r.values],
            minValues: r.minValues,
          })),
          taints: renderTaints(this._taints),
          startupTaints: renderTaints(this._startupTaints),
          expireAfter: renderDurationOrNever(this, p.expireAfter, KARPENTER_RULES['NP-05'], 'expireAfter'),
          terminationGracePeriod: p.terminationGracePeriod ? toHoursMinutesSeconds(this, 'terminationGracePeriod', p.terminationGracePeriod) : undefined,
        },
      },
    };
  }
}
