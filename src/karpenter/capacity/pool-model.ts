import { SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { limitsForBudget, memoryCapacityBytes, vcpus } from './cost';
import { InstanceCatalog, InstanceTypeInfo, loadInstanceCatalog } from './instance-catalog-data';
import { parseQuantity } from './quantity';
import {
  CapacityEvaluation, CapacityNarrowing, evaluateRequirements, RequirementOperator, Requirements, requirementsOf, RequirementSpec,
} from './requirements';
import { TaintSpec, typesMatching } from './scheduling';
import { Rule } from '../../core/rules';
import { stateOf } from '../../core/tree-state';
import { AmiFamily, AmiSelection } from '../ami-selection';
import { EKS_AUTO_MODE_DOMAIN } from '../domains';
import { Ec2NodeClass } from '../ec2-node-class';
import type { INodeClass } from '../node-class';
import type { NodePoolLimits, NodeTaint } from '../node-pool-options';
import type { Requirement as PoolRequirement } from '../requirement';

/**
 * A NodePool as the capacity checks see it: its requirements with the node class's narrowing, the instance types
 * they admit, and its limits in base units (with the ones derived from a $/hour budget). The evaluation is a pure
 * function of those inputs, so it is kept on the pool (`stateOf`) under a signature of them and reused by every
 * validation pass and report until one of them changes.
 */

/** What a pattern expects of its pool's instance types (a GPU pool: some type with `nvidia.com/gpu`). */
export interface CapacityExpectation {
  /** The allocatable resource some admitted type must offer. */
  readonly resource: string;
  /** The rule to fail with when none does. */
  readonly rule: Rule;
  /** What the pattern is, for the message (`GpuNodePool`). */
  readonly what: string;
}

/** What the model reads of a NodePool; the pool satisfies it. */
export interface CapacityPoolSource extends IConstruct {
  readonly name: string;
  readonly nodeClass: INodeClass;
  readonly requirements: PoolRequirement[];
  readonly labels: { [key: string]: string };
  readonly taints: NodeTaint[];
  readonly _limitsSettings: NodePoolLimits | undefined;
  readonly _capacityExpectation: CapacityExpectation | undefined;
}

/** NodePool limits in base units: cpu in cores, memory in bytes, other resources as counts. */
export interface ResolvedLimits {
  /** @default - no cpu limit */
  readonly cpu?: number;
  /** @default - no memory limit */
  readonly memory?: number;
  /** @default - no node-count limit */
  readonly nodes?: number;
  /** Every other limited resource (`nvidia.com/gpu`, `aws.amazon.com/neuron`, `pods`, ...). */
  readonly resources: Readonly<Record<string, number>>;
}

/** The limits a $/hour budget derives. */
export interface BudgetDerivation {
  readonly maxPricePerHour: number;
  /**
   * Whole vCPU; undefined when no admitted type has a price.
   *
   * @default - none
   */
  readonly cpu?: number;
  /**
   * Bytes, a whole number of GiB; undefined when no admitted type has a price.
   *
   * @default - none
   */
  readonly memory?: number;
}

/** A NodePool's capacity, evaluated once per change of its inputs. */
export interface PoolModel {
  readonly signature: string;
  readonly name: string;
  readonly path: string;
  readonly autoMode: boolean;
  readonly narrowing: CapacityNarrowing;
  /** What the node class decides, in words (`EKS Auto Mode`, `Windows AMI family: amd64 only`), for messages. */
  readonly narrowingNotes: readonly string[];
  /** The pool's requirements and labels, as requirement specs (what the catalog evaluates). */
  readonly specs: readonly RequirementSpec[];
  /** The template's requirements: the specs, the pool name, and Karpenter's on-demand default for capacity type. */
  readonly template: Requirements;
  readonly evaluation: CapacityEvaluation;
  /** The pool's taints (not its startup taints). */
  readonly taints: readonly TaintSpec[];
  /** The limits as given, in base units. */
  readonly givenLimits: ResolvedLimits | undefined;
  readonly budget: BudgetDerivation | undefined;
  /** The limits Karpenter applies: the given ones, tightened by the budget's. */
  readonly limits: ResolvedLimits | undefined;
  /** The admitted types whose capacity fits in the limits: the only ones Karpenter launches. */
  readonly launchable: readonly InstanceTypeInfo[];
  readonly launchableNames: ReadonlySet<string>;
  readonly expectation: CapacityExpectation | undefined;
  /** The admitted types that also match a pod's node requirements (joined with the template's), memoized. */
  typesFor(specs: readonly RequirementSpec[], signature: string): readonly InstanceTypeInfo[];
}

const ARCH_IN_SSM_PATH: ReadonlyArray<[RegExp, string]> = [[/arm64/, 'arm64'], [/x86_64/, 'amd64']];

/**
 * The architectures an AMI selection allows, where the facts are known: an alias (`al2023@...`) resolves to the
 * family's AMI for every architecture, so it narrows nothing; terms narrow only when each is an AWS public SSM
 * parameter whose path names its architecture (`/aws/service/.../arm64/...`). Ids, names and tags say nothing.
 */
export function amiArchitectures(selection: AmiSelection): string[] | undefined {
  const terms = selection.selectorTerms;
  if (!terms || terms.length === 0) return undefined;
  const archs = new Set<string>();
  for (const term of terms) {
    const path = term.ssmParameter;
    const arch = path?.startsWith('/aws/service/') ? ARCH_IN_SSM_PATH.find(([re]) => re.test(path))?.[1] : undefined;
    if (!arch) return undefined;
    archs.add(arch);
  }
  return [...archs].sort();
}

/** What a node class decides about the instance types, and in words. */
export function nodeClassNarrowing(nodeClass: INodeClass): { narrowing: CapacityNarrowing; notes: string[] } {
  if (nodeClass.instanceLabelDomain === EKS_AUTO_MODE_DOMAIN) {
    return { narrowing: { autoMode: true }, notes: ['EKS Auto Mode: its supported instance families, more than 1 vCPU, no nano, micro or small sizes'] };
  }
  // By prototype: TypeScript narrows `instanceof` on ApiObject subclasses to ApiObject.
  if (!Object.prototype.isPrototypeOf.call(Ec2NodeClass.prototype, nodeClass)) return { narrowing: {}, notes: [] };
  const ec2 = nodeClass as Ec2NodeClass;
  const family: AmiFamily = ec2.amiFamily;
  if (family.isWindows) {
    return { narrowing: { os: 'windows', architectures: ['amd64'] }, notes: [`${family.value} AMI family: Windows, amd64 only`] };
  }
  const architectures = amiArchitectures(ec2.amiSelection);
  return architectures
    ? { narrowing: { architectures }, notes: [`AMIs for ${architectures.join(' and ')} only (SSM parameters)`] }
    : { narrowing: {}, notes: [] };
}

function resolveLimits(limits: NodePoolLimits | undefined): ResolvedLimits | undefined {
  if (!limits) return undefined;
  const resources: Record<string, number> = {};
  if (limits.nvidiaGpus !== undefined) resources['nvidia.com/gpu'] = limits.nvidiaGpus;
  let cpu = limits.cpu ? parseQuantity(limits.cpu.amount) : undefined;
  let memory = limits.memory ? limits.memory.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024 : undefined;
  let nodes = limits.nodes;
  for (const [name, quantity] of Object.entries(limits.resources ?? {})) {
    const amount = parseQuantity(quantity);
    if (amount === undefined) continue;
    // `resources` is rendered last, so its entries override the typed fields.
    if (name === 'cpu') cpu = amount;
    else if (name === 'memory') memory = amount;
    else if (name === 'nodes') nodes = amount;
    else resources[name] = amount;
  }
  return { cpu, memory, nodes, resources };
}

const minOf = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** Whether Karpenter may launch a type under the limits: its capacity fits every limited resource. */
export function withinLimits(type: InstanceTypeInfo, limits: ResolvedLimits | undefined): boolean {
  if (!limits) return true;
  if (limits.nodes !== undefined && limits.nodes < 1) return false;
  if (limits.cpu !== undefined && vcpus(type) > limits.cpu) return false;
  if (limits.memory !== undefined && memoryCapacityBytes(type) > limits.memory) return false;
  return Object.entries(limits.resources).every(([name, limit]) => (type.allocatable[name] ?? 0) <= limit);
}

/** The capacity of a type that counts against a limited resource, in base units. */
export function capacityOf(type: InstanceTypeInfo, resource: string): number {
  if (resource === 'cpu') return vcpus(type);
  if (resource === 'memory') return memoryCapacityBytes(type);
  if (resource === 'nodes') return 1;
  return type.allocatable[resource] ?? 0;
}

function specOf(requirement: PoolRequirement, nodeClass: INodeClass): RequirementSpec {
  const spec = {
    key: requirement.label.keyFor(nodeClass),
    operator: requirement.operator.value as RequirementOperator,
    values: requirement.operator.takesNoValues ? [] : [...requirement.values],
  };
  return requirement.minValues === undefined ? spec : { ...spec, minValues: requirement.minValues };
}

function limitsSignature(limits: NodePoolLimits | undefined): unknown {
  if (!limits) return null;
  return [limits.cpu?.amount, limits.memory?.toKibibytes({ rounding: SizeRoundingBehavior.NONE }), limits.nvidiaGpus, limits.nodes,
    limits.resources ?? null, limits.maxOnDemandPricePerHour];
}

const MODEL_ID = 'cdk8s-eks-autoscaling.capacity';

/** The pool's capacity model: reused while its inputs are unchanged, rebuilt when one changes. */
export function poolModel(pool: CapacityPoolSource): PoolModel {
  const nodeClass = pool.nodeClass;
  const { narrowing, notes } = nodeClassNarrowing(nodeClass);
  const specs: RequirementSpec[] = [
    ...pool.requirements.map(r => specOf(r, nodeClass)),
    ...Object.entries(pool.labels).map(([key, value]) => ({ key, operator: 'In' as const, values: [value] })),
  ];
  const taints = pool.taints.map(t => ({ key: t.key, value: t.value, effect: t.effect as string }));
  const given = pool._limitsSettings;
  const expectation = pool._capacityExpectation;
  const signature = JSON.stringify([pool.name, pool.node.path, specs, taints, narrowing, limitsSignature(given),
    expectation ? [expectation.resource, expectation.rule.id] : null]);
  const memo = stateOf(pool, MODEL_ID, () => ({ model: undefined as PoolModel | undefined }));
  if (memo.model?.signature !== signature) {
    memo.model = buildModel(pool, signature, specs, taints, narrowing, notes, given, expectation, loadInstanceCatalog());
  }
  return memo.model;
}

function buildModel(
  pool: CapacityPoolSource, signature: string, specs: RequirementSpec[], taints: TaintSpec[], narrowing: CapacityNarrowing, notes: string[],
  given: NodePoolLimits | undefined, expectation: CapacityExpectation | undefined, catalog: InstanceCatalog,
): PoolModel {
  const evaluation = evaluateRequirements(specs, catalog, narrowing);
  const capacityTypeKey = 'karpenter.sh/capacity-type';
  const template = requirementsOf([
    ...specs,
    { key: 'karpenter.sh/nodepool', operator: 'In', values: [pool.name] },
    ...specs.some(s => s.key === capacityTypeKey) ? [] : [{ key: capacityTypeKey, operator: 'In' as const, values: ['on-demand'] }],
  ]);
  const givenLimits = resolveLimits(given);
  let budget: BudgetDerivation | undefined;
  let limits = givenLimits;
  if (given?.maxOnDemandPricePerHour !== undefined) {
    const derived = limitsForBudget(evaluation.compatible, given.maxOnDemandPricePerHour);
    budget = { maxPricePerHour: given.maxOnDemandPricePerHour, cpu: derived.cpu, memory: derived.memory };
    limits = { ...givenLimits!, cpu: minOf(givenLimits?.cpu, derived.cpu), memory: minOf(givenLimits?.memory, derived.memory) };
  }
  const launchable = evaluation.compatible.filter(t => withinLimits(t, limits));
  const selections = new Map<string, readonly InstanceTypeInfo[]>();
  return {
    signature,
    name: pool.name,
    path: pool.node.path,
    autoMode: narrowing.autoMode ?? false,
    narrowing,
    narrowingNotes: notes,
    specs,
    template,
    evaluation,
    taints,
    givenLimits,
    budget,
    limits,
    launchable,
    launchableNames: new Set(launchable.map(t => t.name)),
    expectation,
    typesFor(podSpecs, podSignature) {
      let types = selections.get(podSignature);
      if (!types) {
        types = podSpecs.length === 0 ? evaluation.compatible : typesMatching(evaluation.compatible, podSpecs, catalog, narrowing, template);
        selections.set(podSignature, types);
      }
      return types;
    },
  };
}
