import { InstanceCatalog, InstanceTypeInfo } from './instance-catalog-data';

/**
 * Which instance types a Karpenter NodePool's requirements admit, with Karpenter's own semantics
 * (kubernetes-sigs/karpenter v1.x, pkg/scheduling/requirement.go and requirements.go):
 *
 * - A requirement is a set of label values or the complement of one, with optional inclusive integer bounds.
 *   `In` is a set, `NotIn` a complement with the listed values removed, `Exists` the full complement,
 *   `DoesNotExist` the empty set. `Gt N` is stored as `Gte N+1`, `Lt N` as `Lte N-1`; `Gte`/`Lte` (Karpenter 1.9+)
 *   as given. Bounds admit only values that parse as integers (`Gt 0` never admits `"large"`).
 * - Several requirements on one key intersect into one (`Requirements.Add`): sets intersect, complements unite
 *   their excluded values, bounds tighten to the larger lower and the smaller upper bound, and a concrete set keeps
 *   only its values inside the bounds. Bounds that cross (`Gt 8` with `Lt 4`) give `DoesNotExist`. `minValues`
 *   becomes the larger of the two.
 * - An instance type carries a requirement for every label Karpenter sets on it (`computeRequirements` in
 *   aws/karpenter-provider-aws pkg/providers/instancetype/types.go): `In [value]` when the type has the label,
 *   `DoesNotExist` when it does not; every `karpenter.k8s.aws/instance-*` key starts as `DoesNotExist` and gets a
 *   value only when the type has one (no GPU: no `instance-gpu-*` value).
 * - A type is compatible when, for every key both sides define, the two requirements intersect, or both are
 *   `NotIn`/`DoesNotExist` (`Requirements.Intersects`). So a type without GPU labels fails `instance-gpu-count Gt 0`
 *   (an `Exists` with a bound against `DoesNotExist`) and passes `instance-gpu-name NotIn [t4]` (both sides are
 *   `NotIn`/`DoesNotExist`), and `DoesNotExist` on a key admits exactly the types without it.
 * - Keys the type does not define narrow nothing: zones, capacity type, region, reservation labels, custom labels.
 *   The catalog has no offerings (no zones, no capacity types, no reservations), so requirements on
 *   `topology.kubernetes.io/zone` or `karpenter.sh/capacity-type` are reported as unevaluated, never applied.
 * - `minValues` on a key asks the compatible types to offer at least that many distinct values of the key
 *   (`InstanceTypes.SatisfiesMinValues`, pkg/cloudprovider/types.go). Karpenter checks it against the types that are
 *   also compatible with the pod and fit it; here it is checked against the compatible types of the pool.
 *
 * Beyond the requirements, {@link CapacityNarrowing} applies what the node class decides: the architectures of its
 * AMIs, its OS (Windows AMI families run on amd64 only; Karpenter's `getOS` gives arm64 types no OS under Windows),
 * and EKS Auto Mode's labels and supported instance types.
 */

/** A NodePool requirement operator (`karpenter.sh/v1` NodeSelectorRequirementWithMinValues). */
export type RequirementOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Gte' | 'Lte';

/** A NodePool requirement as plain data. */
export interface RequirementSpec {
  readonly key: string;
  readonly operator: RequirementOperator;
  /** @default - none (an empty list) */
  readonly values?: readonly string[];
  /**
   * The number of distinct values of the key the compatible instance types must offer.
   *
   * @default - no minimum
   */
  readonly minValues?: number;
}

/** Karpenter's internal form of a requirement: a value set or its complement, with inclusive integer bounds. */
export interface Requirement {
  readonly key: string;
  /** True when `values` are the excluded values of a complement set (`NotIn`, `Exists`, bounds). */
  readonly complement: boolean;
  readonly values: ReadonlySet<string>;
  /**
   * Inclusive lower bound (`Gt N` is stored as `N+1`).
   *
   * @default - no lower bound
   */
  readonly gte?: number;
  /**
   * Inclusive upper bound (`Lt N` is stored as `N-1`).
   *
   * @default - no upper bound
   */
  readonly lte?: number;
  /** @default - no minimum */
  readonly minValues?: number;
}

/** Requirements by key, each the intersection of every requirement on that key. */
export type Requirements = ReadonlyMap<string, Requirement>;

/**
 * Deprecated label keys Karpenter rewrites to their stable names (`v1.NormalizedLabels`, pkg/apis/v1/labels.go).
 */
export const NORMALIZED_LABELS: Readonly<Record<string, string>> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/instance-type': 'node.kubernetes.io/instance-type',
};

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Gte', 'Lte']);

function build(key: string, complement: boolean, values: Iterable<string>, gte?: number, lte?: number, minValues?: number): Requirement {
  return Object.freeze({
    key,
    complement,
    values: new Set(values),
    ...(gte !== undefined ? { gte } : {}),
    ...(lte !== undefined ? { lte } : {}),
    ...(minValues !== undefined ? { minValues } : {}),
  });
}

function boundOf(spec: RequirementSpec): number {
  const values = spec.values ?? [];
  if (values.length !== 1 || !/^-?[0-9]+$/.test(values[0]) || !Number.isSafeInteger(Number(values[0]))) {
    throw new Error(`requirement ${spec.key} ${spec.operator} needs exactly one integer value, got [${values.join(', ')}]`);
  }
  return Number(values[0]);
}

/** A requirement in Karpenter's internal form (`NewRequirementWithFlexibility`), with the key normalized. */
export function newRequirement(spec: RequirementSpec): Requirement {
  if (!OPERATORS.has(spec.operator)) throw new Error(`requirement ${spec.key}: unknown operator ${spec.operator}`);
  if (spec.minValues !== undefined && !(Number.isInteger(spec.minValues) && spec.minValues >= 1)) {
    throw new Error(`requirement ${spec.key}: minValues must be a positive integer, got ${spec.minValues}`);
  }
  const key = NORMALIZED_LABELS[spec.key] ?? spec.key;
  const values = spec.values ?? [];
  switch (spec.operator) {
    case 'In': return build(key, false, values, undefined, undefined, spec.minValues);
    case 'NotIn': return build(key, true, values, undefined, undefined, spec.minValues);
    case 'Exists': return build(key, true, [], undefined, undefined, spec.minValues);
    case 'DoesNotExist': return build(key, false, [], undefined, undefined, spec.minValues);
    case 'Gt': {
      const bound = boundOf(spec);
      // Upstream: Gt MaxInt matches nothing (and drops minValues).
      if (!Number.isSafeInteger(bound + 1)) return build(key, false, []);
      return build(key, true, [], bound + 1, undefined, spec.minValues);
    }
    case 'Lt': return build(key, true, [], undefined, boundOf(spec) - 1, spec.minValues);
    case 'Gte': return build(key, true, [], boundOf(spec), undefined, spec.minValues);
    case 'Lte': return build(key, true, [], undefined, boundOf(spec), spec.minValues);
  }
}

/** The NodeSelector operator a requirement amounts to (`Requirement.Operator`): bounds alone count as `Exists`. */
export function operatorOf(r: Requirement): 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' {
  if (r.complement) return r.values.size > 0 ? 'NotIn' : 'Exists';
  return r.values.size > 0 ? 'In' : 'DoesNotExist';
}

/** Whether a label value is inside the bounds (`withinBounds`): with a bound set, only integers can be. */
export function withinBounds(value: string, gte?: number, lte?: number): boolean {
  if (gte === undefined && lte === undefined) return true;
  // Go's strconv.Atoi: an optional sign and decimal digits, nothing else.
  if (!/^[+-]?[0-9]+$/.test(value)) return false;
  const n = Number(value);
  if (gte !== undefined && n < gte) return false;
  if (lte !== undefined && n > lte) return false;
  return true;
}

/** Whether the requirement admits the value (`Requirement.Has`). */
export function admits(r: Requirement, value: string): boolean {
  return (r.complement ? !r.values.has(value) : r.values.has(value)) && withinBounds(value, r.gte, r.lte);
}

const maxOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** The intersection of two requirements on one key (`Requirement.Intersection`). */
export function intersect(a: Requirement, b: Requirement): Requirement {
  const complement = a.complement && b.complement;
  let gte = maxOf(a.gte, b.gte);
  let lte = minOf(a.lte, b.lte);
  const minValues = maxOf(a.minValues, b.minValues);
  if (gte !== undefined && lte !== undefined && gte > lte) return build(a.key, false, [], undefined, undefined, minValues);
  let values: string[];
  if (a.complement && b.complement) values = [...new Set([...a.values, ...b.values])];
  else if (a.complement) values = [...b.values].filter(v => !a.values.has(v));
  else if (b.complement) values = [...a.values].filter(v => !b.values.has(v));
  else values = [...a.values].filter(v => b.values.has(v));
  values = values.filter(v => withinBounds(v, gte, lte));
  // A concrete set keeps only its values; its bounds are spent.
  if (!complement) gte = lte = undefined;
  return build(a.key, complement, values, gte, lte, minValues);
}

/** Whether two requirements on one key share a value (`Requirement.HasIntersection`). */
export function hasIntersection(a: Requirement, b: Requirement): boolean {
  const gte = maxOf(a.gte, b.gte);
  const lte = minOf(a.lte, b.lte);
  if (gte !== undefined && lte !== undefined && gte > lte) return false;
  if (a.complement && b.complement) return true;
  if (a.complement) return [...b.values].some(v => !a.values.has(v) && withinBounds(v, gte, lte));
  if (b.complement) return [...a.values].some(v => !b.values.has(v) && withinBounds(v, gte, lte));
  return [...a.values].some(v => b.values.has(v) && withinBounds(v, gte, lte));
}

/** Requirements by key, intersecting requirements on the same key (`NewNodeSelectorRequirementsWithMinValues`). */
export function requirementsOf(specs: readonly RequirementSpec[]): Requirements {
  const result = new Map<string, Requirement>();
  for (const spec of specs) {
    let requirement = newRequirement(spec);
    const existing = result.get(requirement.key);
    if (existing) requirement = intersect(requirement, existing);
    result.set(requirement.key, requirement);
  }
  return result;
}

const NOT_IN_OR_DOES_NOT_EXIST = (r: Requirement) => operatorOf(r) === 'NotIn' || operatorOf(r) === 'DoesNotExist';

/**
 * The keys on which two sets of requirements conflict (`Requirements.Intersects`): keys defined on both sides with
 * no common value, unless both sides are `NotIn` or `DoesNotExist`. Keys defined on one side only never conflict.
 */
export function conflictingKeys(existing: Requirements, incoming: Requirements): string[] {
  const conflicts: string[] = [];
  for (const [key, theirs] of incoming) {
    const ours = existing.get(key);
    if (!ours || hasIntersection(ours, theirs)) continue;
    if (NOT_IN_OR_DOES_NOT_EXIST(theirs) && NOT_IN_OR_DOES_NOT_EXIST(ours)) continue;
    conflicts.push(key);
  }
  return conflicts.sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Narrowing by the node class and EKS Auto Mode
// ---------------------------------------------------------------------------------------------------------------

/** What the node class decides beyond the NodePool's requirements. */
export interface CapacityNarrowing {
  /**
   * The architectures the node class's AMIs are built for (`amd64`, `arm64`): an AL2023 selection of arm64 AMIs
   * only launches arm64 types. Undefined: no narrowing; empty: no AMI, so no type.
   *
   * @default - no narrowing
   */
  readonly architectures?: readonly string[];
  /**
   * The node OS of the AMI family: `linux` (default) or `windows` (Windows families: amd64 types only).
   *
   * @default - linux
   */
  readonly os?: string;
  /**
   * EKS Auto Mode: `eks.amazonaws.com/instance-*` labels, Linux only, and only the instance types Auto Mode launches.
   *
   * @default false
   */
  readonly autoMode?: boolean;
}

/**
 * The `eks.amazonaws.com/instance-*` labels EKS Auto Mode supports, each the same fact as the
 * `karpenter.k8s.aws/instance-*` label of the same suffix. Source: "EKS Auto Mode Supported Labels",
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html#auto-supported-labels
 * (awsdocs/amazon-eks-user-guide latest/ug/automode/create-node-pool.adoc at 013856044148d6eeed4723027a45aa2180536bcb).
 */
export const AUTO_MODE_INSTANCE_LABELS: readonly string[] = [
  'instance-hypervisor', 'instance-encryption-in-transit-supported', 'instance-category', 'instance-generation',
  'instance-family', 'instance-size', 'instance-cpu', 'instance-cpu-manufacturer', 'instance-memory',
  'instance-ebs-bandwidth', 'instance-network-bandwidth', 'instance-gpu-name', 'instance-gpu-manufacturer',
  'instance-gpu-count', 'instance-gpu-memory', 'instance-local-nvme',
];

const AUTO_MODE_PREFIX = 'eks.amazonaws.com/';
const KARPENTER_AWS_PREFIX = 'karpenter.k8s.aws/';

/**
 * The instance families EKS Auto Mode launches; it launches no other. Source: "EKS Auto Mode supported instance
 * reference", https://docs.aws.amazon.com/eks/latest/userguide/automode-learn-instances.html#auto-supported-instances
 * (awsdocs/amazon-eks-user-guide latest/ug/automode/automode-learn-instances.adoc at
 * 06faff1411463d22284cc02e7602daf4c19f9204). The same page adds: more than 1 CPU, and a size other than
 * nano, micro or small ({@link autoModeExclusion}).
 */
export const AUTO_MODE_FAMILIES: ReadonlySet<string> = new Set([
  // Compute Optimized (C)
  'c8id', 'c8i', 'c8i-flex', 'c8gd', 'c8gn', 'c8g', 'c8a', 'c8gb', 'c7a', 'c7g', 'c7gn', 'c7gd', 'c7i', 'c7i-flex', 'c6a', 'c6g', 'c6i',
  'c6gn', 'c6id', 'c6in', 'c6gd', 'c5', 'c5a', 'c5d', 'c5ad', 'c5n', 'c4',
  // General Purpose (M)
  'm8id', 'm8i', 'm8i-flex', 'm8a', 'm8azn', 'm8gn', 'm8gb', 'm8gd', 'm8g', 'm7i', 'm7a', 'm7g', 'm7gd', 'm7i-flex', 'm6a', 'm6i', 'm6in',
  'm6g', 'm6idn', 'm6id', 'm6gd', 'm5', 'm5a', 'm5ad', 'm5n', 'm5dn', 'm5d', 'm5zn', 'm4',
  // Memory Optimized (R)
  'r8id', 'r8i', 'r8i-flex', 'r8gn', 'r8gb', 'r8gd', 'r8g', 'r8a', 'r7a', 'r7iz', 'r7gd', 'r7i', 'r7g', 'r6a', 'r6i', 'r6id', 'r6in',
  'r6idn', 'r6g', 'r6gd', 'r5', 'r5n', 'r5a', 'r5dn', 'r5b', 'r5ad', 'r5d', 'r4',
  // Burstable (T)
  't4g', 't3', 't3a', 't2',
  // High Memory (Z/X)
  'z1d', 'x8aedz', 'x8g', 'x8i', 'x2gd',
  // Storage Optimized (I/D)
  'i8ge', 'i7i', 'i8g', 'i7ie', 'i4g', 'i4i', 'i3', 'i3en', 'is4gen', 'd3', 'd3en', 'im4gn',
  // Accelerated Computing (P/G/Inf/Trn)
  'p6-b200', 'p6-b300', 'p5', 'p5e', 'p5en', 'p4d', 'p4de', 'p3dn', 'g7e', 'g6', 'gr6', 'g6e', 'g5g', 'g5', 'g4dn', 'g4ad', 'inf2',
  'inf1', 'trn1', 'trn1n', 'trn2',
  // High Performance Computing (HPC/X2)
  'hpc8a', 'x2iezn', 'x2iedn', 'x2idn',
]);

const AUTO_MODE_EXCLUDED_SIZES: ReadonlySet<string> = new Set(['nano', 'micro', 'small']);

const FAMILY = 'karpenter.k8s.aws/instance-family';
const SIZE = 'karpenter.k8s.aws/instance-size';
const CPU = 'karpenter.k8s.aws/instance-cpu';
const ARCH = 'kubernetes.io/arch';
const OS = 'kubernetes.io/os';

/** Why EKS Auto Mode does not launch the type, or undefined when it does. */
export function autoModeExclusion(type: InstanceTypeInfo): string | undefined {
  const family = type.labels[FAMILY] ?? type.name.split('.')[0];
  if (!AUTO_MODE_FAMILIES.has(family)) return `EKS Auto Mode does not launch the ${family} family`;
  if (!(Number(type.labels[CPU]) > 1)) return 'EKS Auto Mode launches only instance types with more than 1 CPU';
  const size = type.labels[SIZE] ?? type.name.split('.')[1];
  if (AUTO_MODE_EXCLUDED_SIZES.has(size)) return `EKS Auto Mode does not launch ${size} instance types`;
  return undefined;
}

/** A type as the narrowing sees it: the labels it would carry under the node class's OS. */
interface Candidate {
  readonly type: InstanceTypeInfo;
  readonly labels: Readonly<Record<string, string>>;
}

/** The types the node class can launch, with the labels they carry under its OS, and why the others are out. */
function narrow(types: readonly InstanceTypeInfo[], narrowing: CapacityNarrowing): { kept: Candidate[]; excluded: Map<string, string> } {
  const os = narrowing.os ?? 'linux';
  if (os !== 'linux' && os !== 'windows') throw new Error(`narrowing: os must be linux or windows, got ${os}`);
  const kept: Candidate[] = [];
  const excluded = new Map<string, string>();
  for (const type of types) {
    const arch = type.labels[ARCH];
    let reason: string | undefined;
    if (narrowing.architectures && !narrowing.architectures.includes(arch)) {
      reason = `the node class's AMIs are for ${narrowing.architectures.join(', ') || 'no architecture'}, not ${arch}`;
    } else if (os === 'windows' && arch !== 'amd64') {
      reason = `Windows AMI families run on amd64 only, not ${arch}`;
    } else if (narrowing.autoMode && os !== 'linux') {
      reason = 'EKS Auto Mode runs Linux only';
    } else if (narrowing.autoMode) {
      reason = autoModeExclusion(type);
    }
    if (reason) excluded.set(type.name, reason);
    else kept.push({ type, labels: os === 'linux' ? type.labels : { ...type.labels, [OS]: os } });
  }
  return { kept, excluded };
}

/**
 * The catalog label a requirement key reads, or undefined when the catalog has no facts for the key (it then
 * narrows nothing). Under Auto Mode, `eks.amazonaws.com/instance-*` keys read the `karpenter.k8s.aws/instance-*`
 * facts and `karpenter.k8s.aws/*` keys are labels Auto Mode does not set.
 */
export function catalogKeyOf(key: string, catalog: InstanceCatalog, autoMode = false): string | undefined {
  let resolved = key;
  if (autoMode && key.startsWith(KARPENTER_AWS_PREFIX)) return undefined;
  if (autoMode && key.startsWith(AUTO_MODE_PREFIX)) {
    const suffix = key.slice(AUTO_MODE_PREFIX.length);
    if (!AUTO_MODE_INSTANCE_LABELS.includes(suffix)) return undefined;
    resolved = KARPENTER_AWS_PREFIX + suffix;
  }
  return catalog.labelKeys.includes(resolved) ? resolved : undefined;
}

/** The requirement an instance type carries for a catalog key: `In [value]`, or `DoesNotExist` without the label. */
function typeRequirement(key: string, value: string | undefined): Requirement {
  return value === undefined ? build(key, false, []) : build(key, false, [value]);
}

/** A minValues requirement the compatible types do not meet. */
export interface UnmetMinValues {
  /** The requirement key as written. */
  readonly key: string;
  /** The distinct values the requirement asks for. */
  readonly required: number;
  /** The distinct values the compatible types offer. */
  readonly available: number;
}

/** What a NodePool's requirements admit from the catalog. */
export interface CapacityEvaluation {
  /** The instance types that satisfy every requirement and the narrowing, in catalog order. */
  readonly compatible: readonly InstanceTypeInfo[];
  /** The minValues the compatible types do not meet, by key. */
  readonly unmetMinValues: readonly UnmetMinValues[];
  /**
   * Requirement keys the catalog has no facts for (zones, capacity type, custom labels, and under Auto Mode the
   * `karpenter.k8s.aws/*` keys): they narrow nothing here, and their minValues are not checked.
   */
  readonly unevaluatedKeys: readonly string[];
  /** Types the narrowing removed before the requirements were applied, with the reason. */
  readonly excluded: ReadonlyMap<string, string>;
}

/** The requirements the catalog can evaluate, by catalog key, and the keys it cannot. */
function resolve(specs: readonly RequirementSpec[], catalog: InstanceCatalog, autoMode: boolean) {
  const requirements = requirementsOf(specs);
  const evaluated: { key: string; catalogKey: string; requirement: Requirement }[] = [];
  const unevaluated: string[] = [];
  for (const [key, requirement] of requirements) {
    const catalogKey = catalogKeyOf(key, catalog, autoMode);
    if (catalogKey) evaluated.push({ key, catalogKey, requirement });
    else unevaluated.push(key);
  }
  return { evaluated, unevaluated: unevaluated.sort() };
}

/** Whether a type's requirement and the pool's intersect, or both are NotIn/DoesNotExist (`Requirements.Intersects`). */
function keyCompatible(pool: Requirement, value: string | undefined, key: string): boolean {
  const ours = typeRequirement(key, value);
  if (hasIntersection(ours, pool)) return true;
  return NOT_IN_OR_DOES_NOT_EXIST(pool) && NOT_IN_OR_DOES_NOT_EXIST(ours);
}

/** The types a NodePool's requirements admit, the minValues they miss, and what the catalog could not evaluate. */
export function evaluateRequirements(
  specs: readonly RequirementSpec[], catalog: InstanceCatalog, narrowing: CapacityNarrowing = {}): CapacityEvaluation {
  const { evaluated, unevaluated } = resolve(specs, catalog, narrowing.autoMode ?? false);
  const { kept, excluded } = narrow(catalog.types, narrowing);
  // A label takes few distinct values across the catalog: decide each value once per requirement.
  const admitsValue = evaluated.map(e => {
    const byValue = new Map<string | undefined, boolean>();
    return (value: string | undefined) => {
      let admitted = byValue.get(value);
      if (admitted === undefined) byValue.set(value, admitted = keyCompatible(e.requirement, value, e.catalogKey));
      return admitted;
    };
  });
  const compatible = kept.filter(c => evaluated.every((e, i) => admitsValue[i](c.labels[e.catalogKey])));
  const unmet: UnmetMinValues[] = [];
  for (const e of evaluated) {
    if (e.requirement.minValues === undefined) continue;
    const distinct = new Set(compatible.map(c => c.labels[e.catalogKey]).filter(v => v !== undefined));
    if (distinct.size < e.requirement.minValues) unmet.push({ key: e.key, required: e.requirement.minValues, available: distinct.size });
  }
  return {
    compatible: compatible.map(c => c.type),
    unmetMinValues: unmet.sort((a, b) => (a.key < b.key ? -1 : 1)),
    unevaluatedKeys: unevaluated,
    excluded,
  };
}

/** The instance types that satisfy every requirement and the narrowing, in catalog order. */
export function compatibleInstanceTypes(
  specs: readonly RequirementSpec[], catalog: InstanceCatalog, narrowing: CapacityNarrowing = {}): readonly InstanceTypeInfo[] {
  return evaluateRequirements(specs, catalog, narrowing).compatible;
}

/** The minValues requirements the compatible types of the pool do not meet (key, required, available). */
export function unmetMinValues(
  specs: readonly RequirementSpec[], catalog: InstanceCatalog, narrowing: CapacityNarrowing = {}): readonly UnmetMinValues[] {
  return evaluateRequirements(specs, catalog, narrowing).unmetMinValues;
}
