import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { checkFactoryValue, checkInteger, checkQualifiedName, INT32_MAX } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { podSpecPath } from '../core/placement';
import { GENERAL_RULES } from '../core/rules';
import { existingStateOf, stateOf } from '../core/tree-state';
import { addSynthValidation } from '../core/validation';

/** What the scheduler does with a pod that would break the spread. */
export class WhenUnsatisfiable {
  /** Leave the pod Pending (a hard constraint). */
  public static readonly DO_NOT_SCHEDULE = new WhenUnsatisfiable('DoNotSchedule');
  /** Schedule it anyway, preferring nodes that reduce the skew (a soft constraint). */
  public static readonly SCHEDULE_ANYWAY = new WhenUnsatisfiable('ScheduleAnyway');

  private constructor(
    /** The Kubernetes value. */
    public readonly value: string) {}
}

/** Whether node affinity or taints decide which nodes count when computing the skew. */
export class NodeInclusionPolicy {
  /** Only nodes the pod could schedule on count. */
  public static readonly HONOR = new NodeInclusionPolicy('Honor');
  /** All nodes count. */
  public static readonly IGNORE = new NodeInclusionPolicy('Ignore');

  private constructor(
    /** The Kubernetes value. */
    public readonly value: string) {}
}

/** One topology spread constraint; the label selector is always the workload's own pod selector. */
export interface TopologySpreadOptions {
  /** The node label whose values are the domains to spread across (e.g. `Topology.ZONE`, `Topology.custom('capacity-spread')`). */
  readonly topology: kplus.Topology;

  /**
   * How many more matching pods one domain may hold than the least loaded one.
   * @default 1
   */
  readonly maxSkew?: number;

  /**
   * What to do with a pod that cannot satisfy the spread.
   * @default WhenUnsatisfiable.DO_NOT_SCHEDULE
   */
  readonly whenUnsatisfiable?: WhenUnsatisfiable;

  /**
   * Minimum number of eligible domains; only valid with `DO_NOT_SCHEDULE`.
   * @default - the domains that exist
   */
  readonly minDomains?: number;

  /**
   * Pod label keys whose values further group the pods counted (e.g. `pod-template-hash`, so each rollout spreads on its own).
   * @default - none
   */
  readonly matchLabelKeys?: string[];

  /**
   * Whether the pod's node affinity and nodeSelector limit the nodes counted.
   * @default - Kubernetes' default, HONOR
   */
  readonly nodeAffinityPolicy?: NodeInclusionPolicy;

  /**
   * Whether node taints the pod does not tolerate limit the nodes counted.
   * @default - Kubernetes' default, IGNORE
   */
  readonly nodeTaintsPolicy?: NodeInclusionPolicy;
}

interface RenderedConstraint {
  readonly topologyKey: string;
  readonly maxSkew: number;
  readonly whenUnsatisfiable: string;
  readonly labelSelector: { matchLabels: Record<string, string> };
  /** @default - Kubernetes' default (1) */
  readonly minDomains?: number;
  /** @default - none */
  readonly matchLabelKeys?: string[];
  /** @default - Kubernetes' default (Honor) */
  readonly nodeAffinityPolicy?: string;
  /** @default - Kubernetes' default (Ignore) */
  readonly nodeTaintsPolicy?: string;
}

const CONSTRAINTS_ID = 'cdk8s-eks-autoscaling.topologySpread';

/**
 * `topologySpreadConstraints` for cdk8s-plus workloads, which have no API for them.
 * All constraints added to one workload go into a single list, rendered at synth.
 */
export class TopologySpread {
  /**
   * Adds a topology spread constraint to the workload's pods, selecting the workload's own pods.
   */
  public static add(workload: kplus.Workload, options: TopologySpreadOptions): void {
    const field = 'topologySpreadConstraints';
    const topologyKey = options.topology.key;
    checkQualifiedName(workload, `${field}.topologyKey`, topologyKey);
    const maxSkew = options.maxSkew ?? 1;
    // both are int32 in the pod spec
    checkInteger(workload, GENERAL_RULES['GEN-17'], `${field}[${topologyKey}].maxSkew`, maxSkew, 1, INT32_MAX);
    checkFactoryValue(workload, `${field}[${topologyKey}].whenUnsatisfiable`, options.whenUnsatisfiable, WhenUnsatisfiable);
    checkFactoryValue(workload, `${field}[${topologyKey}].nodeAffinityPolicy`, options.nodeAffinityPolicy, NodeInclusionPolicy);
    checkFactoryValue(workload, `${field}[${topologyKey}].nodeTaintsPolicy`, options.nodeTaintsPolicy, NodeInclusionPolicy);
    const when = options.whenUnsatisfiable ?? WhenUnsatisfiable.DO_NOT_SCHEDULE;
    checkInteger(workload, GENERAL_RULES['GEN-17'], `${field}[${topologyKey}].minDomains`, options.minDomains, 1, INT32_MAX);
    if (options.minDomains !== undefined && when !== WhenUnsatisfiable.DO_NOT_SCHEDULE) {
      throw invalidInput(workload, GENERAL_RULES['GEN-18'], `${field}[${topologyKey}].minDomains`, options.minDomains, 'can only be set with whenUnsatisfiable DoNotSchedule');
    }
    const matchLabels = { ...workload.matchLabels };
    for (const key of options.matchLabelKeys ?? []) {
      checkQualifiedName(workload, `${field}[${topologyKey}].matchLabelKeys`, key);
      if (key in matchLabels) {
        throw invalidInput(workload, GENERAL_RULES['GEN-19'], `${field}[${topologyKey}].matchLabelKeys`, key, 'must not repeat a key of the label selector');
      }
    }

    const constraints = stateOf(workload, CONSTRAINTS_ID, () => {
      const created: RenderedConstraint[] = [];
      // Held by reference and copied at synth, so constraints added later are rendered too.
      ApiObject.of(workload).addJsonPatch(JsonPatch.add(`${podSpecPath(workload)}/topologySpreadConstraints`, created));
      addSynthValidation(workload, () => TopologySpread.selectorProblems(workload, created));
      return created;
    });
    if (constraints.some(c => c.topologyKey === topologyKey && c.whenUnsatisfiable === when.value)) {
      throw invalidInput(workload, GENERAL_RULES['GEN-20'], `${field}.topologyKey`, topologyKey,
        `already has a constraint with whenUnsatisfiable ${when.value}; Kubernetes rejects duplicate {topologyKey, whenUnsatisfiable} pairs`);
    }
    constraints.push({
      topologyKey,
      maxSkew,
      whenUnsatisfiable: when.value,
      labelSelector: { matchLabels },
      minDomains: options.minDomains,
      matchLabelKeys: options.matchLabelKeys?.length ? [...options.matchLabelKeys] : undefined,
      nodeAffinityPolicy: options.nodeAffinityPolicy?.value,
      nodeTaintsPolicy: options.nodeTaintsPolicy?.value,
    });
  }

  /** The topology keys spread on so far, in order. */
  public static topologyKeysOf(workload: kplus.Workload): string[] {
    return (existingStateOf<RenderedConstraint[]>(workload, CONSTRAINTS_ID) ?? []).map(c => c.topologyKey);
  }

  // A selector that misses the pod's own labels counts no pods, so the spread silently does nothing.
  private static selectorProblems(workload: kplus.Workload, constraints: readonly RenderedConstraint[]): string[] {
    const podLabels = workload.podMetadata.toJson().labels ?? {};
    return constraints.flatMap(c => Object.entries(c.labelSelector.matchLabels)
      .filter(([k, v]) => podLabels[k] !== v)
      .map(([k, v]) => invalidInputMessage(workload, GENERAL_RULES['GEN-21'], `topologySpreadConstraints[${c.topologyKey}].labelSelector`, `${k}=${v}`,
        'must match the pod template labels, or the constraint counts no pods')));
  }

  private constructor() {}
}
