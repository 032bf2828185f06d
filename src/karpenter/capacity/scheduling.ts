import { InstanceCatalog, InstanceTypeInfo } from './instance-catalog-data';
import {
  CapacityNarrowing, catalogKeyOf, hasIntersection, intersect, operatorOf, Requirement, Requirements, requirementsOf, RequirementSpec,
} from './requirements';

/**
 * Whether a pod can use a NodePool, the way Karpenter's provisioner decides it (kubernetes-sigs/karpenter
 * pkg/controllers/provisioning/scheduling): the pool's taints are tolerated, the pod's node requirements
 * (nodeSelector and a required node-affinity term) are compatible with the pool's template requirements
 * (`Requirements.Compatible` with `AllowUndefinedWellKnownLabels`), and the instance types left are those whose
 * labels intersect the pod's requirements. Pure functions over plain data.
 */

/** A pod's toleration, as in the pod spec. */
export interface TolerationSpec {
  /** @default - none: with operator Exists, matches every key */
  readonly key?: string;
  /** @default - Equal */
  readonly operator?: string;
  /** @default - the empty string */
  readonly value?: string;
  /** @default - none: matches every effect */
  readonly effect?: string;
}

/** A node taint, as in the NodePool spec. */
export interface TaintSpec {
  readonly key: string;
  /** @default - the empty string */
  readonly value?: string;
  readonly effect: string;
}

/** Whether a toleration matches a taint (`Toleration.ToleratesTaint`). */
export function toleratesTaint(toleration: TolerationSpec, taint: TaintSpec): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  // An empty key with Exists tolerates every taint.
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/**
 * The first taint that keeps the pod off the pool's nodes, or undefined. PreferNoSchedule taints never do: Karpenter
 * relaxes them as a preference (and ignores them for DaemonSet pods).
 */
export function untoleratedTaint(tolerations: readonly TolerationSpec[], taints: readonly TaintSpec[]): TaintSpec | undefined {
  return taints.find(t => t.effect !== 'PreferNoSchedule' && !tolerations.some(tol => toleratesTaint(tol, t)));
}

/** Label keys well known to Karpenter on AWS besides the catalog's: an undefined one on the pool does not exclude a pod. */
const WELL_KNOWN: ReadonlySet<string> = new Set([
  'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'topology.k8s.aws/zone-id', 'karpenter.sh/capacity-type',
  'karpenter.sh/nodepool', 'node.kubernetes.io/windows-build', 'kubernetes.io/os', 'kubernetes.io/arch', 'node.kubernetes.io/instance-type',
]);

/** Whether Karpenter knows the label's values on its nodes (`v1.WellKnownLabels`, with the provider's). */
export function isWellKnownLabel(key: string, catalog: InstanceCatalog, autoMode: boolean): boolean {
  if (WELL_KNOWN.has(key) || catalog.labelKeys.includes(key)) return true;
  return key.startsWith(autoMode ? 'eks.amazonaws.com/' : 'karpenter.k8s.aws/');
}

const notInOrDoesNotExist = (r: Requirement) => operatorOf(r) === 'NotIn' || operatorOf(r) === 'DoesNotExist';

/** A pod requirement the pool's template cannot satisfy, and why. */
export interface Incompatibility {
  readonly key: string;
  readonly reason: string;
}

function describe(r: Requirement): string {
  const op = operatorOf(r);
  const values = [...r.values];
  const bounds = [r.gte !== undefined ? `>= ${r.gte}` : '', r.lte !== undefined ? `<= ${r.lte}` : ''].filter(b => b).join(' and ');
  const base = op === 'In' || op === 'NotIn' ? `${op} [${values.join(', ')}]` : op;
  return bounds ? `${base} ${bounds}` : base;
}

/**
 * The pod requirements the template does not allow (`Requirements.Compatible` with `AllowUndefinedWellKnownLabels`):
 * a key both define with no common value (unless both are NotIn/DoesNotExist), or a custom key the template does not
 * define at all (its nodes do not carry it), unless the pod only asks for it to be absent.
 */
export function incompatibilities(template: Requirements, pod: Requirements, wellKnown: (key: string) => boolean): Incompatibility[] {
  const found: Incompatibility[] = [];
  for (const [key, theirs] of pod) {
    const ours = template.get(key);
    if (!ours) {
      if (!wellKnown(key) && !notInOrDoesNotExist(theirs)) found.push({ key, reason: `the pool's nodes do not carry label ${key} (${describe(theirs)})` });
      continue;
    }
    if (hasIntersection(ours, theirs) || (notInOrDoesNotExist(ours) && notInOrDoesNotExist(theirs))) continue;
    found.push({ key, reason: `${key} ${describe(theirs)} conflicts with the pool's ${key} ${describe(ours)}` });
  }
  return found;
}

/** The labels a type carries under the node class's OS (Windows families relabel the OS). */
function labelsUnder(type: InstanceTypeInfo, narrowing: CapacityNarrowing): Readonly<Record<string, string>> {
  return (narrowing.os ?? 'linux') === 'linux' ? type.labels : { ...type.labels, 'kubernetes.io/os': narrowing.os! };
}

/** Whether a type's value for a catalog key (or its absence) is compatible with a requirement (`Requirements.Intersects`). */
function typeAdmits(requirement: Requirement, value: string | undefined): boolean {
  if (value === undefined) return notInOrDoesNotExist(requirement);
  const single: Requirement = { key: requirement.key, complement: false, values: new Set([value]) };
  return hasIntersection(single, requirement);
}

/**
 * The types, among `types` (which a pool's template already admits), whose labels intersect the pod's requirements
 * joined with the template's on the same keys (`nodeClaim.Requirements.Add(podRequirements)`, then
 * `InstanceType.Requirements.Intersects`). Keys the catalog does not know narrow nothing.
 */
export function typesMatching(
  types: readonly InstanceTypeInfo[], specs: readonly RequirementSpec[], catalog: InstanceCatalog, narrowing: CapacityNarrowing,
  template?: Requirements,
): readonly InstanceTypeInfo[] {
  const evaluated: { catalogKey: string; requirement: Requirement }[] = [];
  for (const [key, theirs] of requirementsOf(specs)) {
    const catalogKey = catalogKeyOf(key, catalog, narrowing.autoMode ?? false);
    const ours = template?.get(key);
    if (catalogKey) evaluated.push({ catalogKey, requirement: ours ? intersect(theirs, ours) : theirs });
  }
  if (evaluated.length === 0) return types;
  return types.filter(t => {
    const labels = labelsUnder(t, narrowing);
    return evaluated.every(e => typeAdmits(e.requirement, labels[e.catalogKey]));
  });
}
