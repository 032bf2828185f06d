// Internal: the checks of a NodePool's requirements, labels, taints and limits, and of the whole pool at synth.
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { EKS_AUTO_MODE_DOMAIN, KARPENTER_AWS_DOMAIN } from './domains';
import { Ec2NodeClass } from './ec2-node-class';
import { isKnownCategory, isKnownFamily, isKnownSize } from './instance-catalog';
import { INodeClass } from './node-class';
import { NodePoolLimits, NodeTaint } from './node-pool-options';
import { CapacityType, NodeLabel, Requirement, RequirementOperator } from './requirement';
import {
  checkFactoryValue, checkInteger, checkLabelValue, checkObjectName, checkPattern, checkQualifiedName, checkUnique,
} from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { KARPENTER_RULES, Rule } from '../core/rules';
import { checkCpu, checkSize } from '../core/units';
import { addWarning } from '../core/warnings';

/** What the checks read of a NodePool; the pool itself satisfies it. */
export interface PoolView extends IConstruct {
  readonly nodeClass: INodeClass;
  readonly requirements: Requirement[];
  readonly labels: { [key: string]: string };
}

const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
const TAINT_PART = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(\/))?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

// Keys of the karpenter.k8s.aws domain the CRD lets requirements and labels use (NodePool CRD CEL).
const KARPENTER_AWS_ALLOWED: ReadonlySet<string> = new Set([
  'instance-tenancy', 'capacity-reservation-type', 'capacity-reservation-id', 'capacity-reservation-interruptible', 'ec2nodeclass',
  'instance-encryption-in-transit-supported', 'instance-category', 'instance-hypervisor', 'instance-family', 'instance-generation',
  'instance-local-nvme', 'instance-size', 'instance-cpu', 'instance-cpu-manufacturer', 'instance-cpu-sustained-clock-speed-mhz',
  'instance-memory', 'instance-ebs-bandwidth', 'instance-network-bandwidth', 'instance-gpu-name', 'instance-gpu-manufacturer',
  'instance-gpu-count', 'instance-gpu-memory', 'instance-accelerator-name', 'instance-accelerator-manufacturer',
  'instance-accelerator-count', 'instance-capability-flex', 'placement-group-id', 'placement-group-partition',
].map(name => `${KARPENTER_AWS_DOMAIN}/${name}`));

/** Labels whose values Karpenter knows; anything else matches no instance (NP-26). */
export const WELL_KNOWN_VALUES: { [key: string]: string[] } = {
  'karpenter.sh/capacity-type': ['on-demand', 'spot', 'reserved'],
  'kubernetes.io/arch': ['amd64', 'arm64'],
  'kubernetes.io/os': ['linux', 'windows'],
};

function domainOf(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash >= 0 ? key.slice(0, slash) : undefined;
}

/** Why a label key cannot be used in a NodePool (CRD CEL and controller rules), and the rule, if it cannot. */
export function restrictedKeyProblem(key: string): { rule: Rule; problem: string } | undefined {
  const domain = domainOf(key) ?? '';
  if (key === 'karpenter.sh/nodepool') return { rule: KARPENTER_RULES['NP-19'], problem: 'label "karpenter.sh/nodepool" is restricted: Karpenter sets it' };
  if (key === 'kubernetes.io/hostname') return { rule: KARPENTER_RULES['NP-21'], problem: 'label "kubernetes.io/hostname" is restricted: it differs per node' };
  if (domain.endsWith('karpenter.sh') && key !== 'karpenter.sh/capacity-type') {
    return { rule: KARPENTER_RULES['NP-19'], problem: 'label domain "karpenter.sh" is restricted; only karpenter.sh/capacity-type is allowed' };
  }
  if (domain.endsWith(KARPENTER_AWS_DOMAIN) && !KARPENTER_AWS_ALLOWED.has(key)) {
    return { rule: KARPENTER_RULES['NP-22'], problem: `label domain "${KARPENTER_AWS_DOMAIN}" is restricted to its well-known labels (use NodeLabel.INSTANCE_*)` };
  }
  return undefined;
}

/** `key In [a, b]`, for messages. */
export function describeRequirement(key: string, requirement: Requirement): string {
  return `${key} ${requirement.operator.value}${requirement.values.length ? ` [${requirement.values.join(', ')}]` : ''}`;
}

function isAutoMode(nodeClass: INodeClass): boolean {
  return nodeClass.instanceLabelDomain === EKS_AUTO_MODE_DOMAIN;
}

/** The node class, when it is an `Ec2NodeClass` of this app that selects no capacity reservations. */
function nodeClassWithoutReservations(nodeClass: INodeClass): Ec2NodeClass | undefined {
  // By prototype: TypeScript narrows `instanceof` on ApiObject subclasses to ApiObject (its Symbol.hasInstance signature).
  const ec2 = Object.prototype.isPrototypeOf.call(Ec2NodeClass.prototype, nodeClass) ? nodeClass as Ec2NodeClass : undefined;
  return ec2 && !ec2.selectsCapacityReservations ? ec2 : undefined;
}

/** The pool's requirements on `key`, including Karpenter's implicit on-demand default for capacity type and its labels. */
export function effectiveRequirements(pool: PoolView, key: string): Requirement[] {
  const own = pool.requirements.filter(r => r.label.keyFor(pool.nodeClass) === key);
  if (key === NodeLabel.CAPACITY_TYPE.key && own.length === 0) return [Requirement.capacityType(CapacityType.ON_DEMAND)];
  const label = pool.labels[key];
  return label === undefined ? own : [...own, NodeLabel.custom(key).isIn(label)];
}

/** Checks a requirement the way the CRD and Karpenter do, and warns about values that match no instance. */
export function checkRequirement(scope: IConstruct, nodeClass: INodeClass, requirement: Requirement, field: string): void {
  checkFactoryValue(scope, field, requirement, Requirement);
  checkFactoryValue(scope, `${field}.label`, requirement.label, NodeLabel);
  const key = requirement.label.keyFor(nodeClass);
  const operator = requirement.operator;
  const values = requirement.values;
  checkQualifiedName(scope, `${field}.key`, key);
  checkPattern(scope, KARPENTER_RULES['NP-46'], `${field}.key`, key, /^.{1,316}$/, 'must be at most 316 characters');
  const restricted = restrictedKeyProblem(key);
  if (restricted) throw invalidInput(scope, restricted.rule, `${field}.key`, key, restricted.problem);
  checkLabelDomain(scope, nodeClass, key, `${field}.key`);
  if (!RequirementOperator.ALL.includes(operator)) {
    throw invalidInput(scope, KARPENTER_RULES['NP-48'], `${field}.operator`, operator.value, `must be one of ${RequirementOperator.ALL.map(o => o.value).join(', ')}`);
  }
  const described = `${field} (${key} ${operator.value})`;
  if ((operator === RequirementOperator.IN || operator === RequirementOperator.NOT_IN) && values.length === 0) {
    throw invalidInput(scope, KARPENTER_RULES['NP-14'], `${described}.values`, values, `must have at least one value with operator ${operator.value}`);
  }
  if (operator.takesNoValues && values.length > 0) {
    throw invalidInput(scope, KARPENTER_RULES['NP-49'], `${described}.values`, values, `must be empty with operator ${operator.value}`);
  }
  if (operator.isNumeric && (values.length !== 1 || !/^\d+$/.test(values[0]) || !Number.isSafeInteger(Number(values[0])))) {
    throw invalidInput(scope, KARPENTER_RULES['NP-15'], `${described}.values`, values, `must be a single non-negative integer with operator ${operator.value}`);
  }
  values.forEach((v, i) => checkLabelValue(scope, `${described}.values[${i}]`, v));
  checkUnique(scope, KARPENTER_RULES['NP-50'], `${described}.values`, values);
  checkInteger(scope, KARPENTER_RULES['NP-17'], `${described}.minValues`, requirement.minValues, 1, 50);
  if (operator === RequirementOperator.IN && requirement.minValues !== undefined && values.length < requirement.minValues) {
    throw invalidInput(scope, KARPENTER_RULES['NP-18'], `${described}.minValues`, requirement.minValues, `must not exceed the number of values (${values.length})`);
  }
  const known = WELL_KNOWN_VALUES[key];
  if (known && !operator.isNumeric) {
    const unknown = values.filter(v => !known.includes(v));
    if (unknown.length > 0) throw invalidInput(scope, KARPENTER_RULES['NP-26'], `${described}.values`, unknown, `must be among ${known.join(', ')}`);
  }
  if (key === NodeLabel.OS.key && isAutoMode(nodeClass) && operator === RequirementOperator.IN && values.includes('windows')) {
    throw invalidInput(scope, KARPENTER_RULES['AM-01'], `${described}.values`, 'windows', 'EKS Auto Mode launches Linux nodes only');
  }
  warnUnknownInstanceValues(scope, nodeClass, key, operator, values, described);
  warnUnusedReservedCapacity(scope, nodeClass, key, operator, values, described);
}

// Listing reserved next to other capacity types on a class without reservations is a silent no-op: Karpenter
// launches the other types, and reservations bought for the pool stay idle. Implicit allowances (NotIn, Exists) are left alone.
function warnUnusedReservedCapacity(
  scope: IConstruct, nodeClass: INodeClass, key: string, operator: RequirementOperator, values: string[], described: string): void {
  if (key !== NodeLabel.CAPACITY_TYPE.key || operator !== RequirementOperator.IN) return;
  if (!values.includes(CapacityType.RESERVED.value) || values.length < 2) return;
  const withoutReservations = nodeClassWithoutReservations(nodeClass);
  if (!withoutReservations) return;
  const others = values.filter(v => v !== CapacityType.RESERVED.value).join(' and ');
  addWarning(scope, KARPENTER_RULES['NP-53'], `${described}: allows reserved capacity, but EC2NodeClass ${withoutReservations.node.path} selects no capacity reservations, so Karpenter launches ${others} only; set capacityReservationSelectorTerms on the node class, or drop reserved`);
}

function warnUnknownInstanceValues(
  scope: IConstruct, nodeClass: INodeClass, key: string, operator: RequirementOperator, values: string[], described: string): void {
  if (operator !== RequirementOperator.IN && operator !== RequirementOperator.NOT_IN) return;
  const check = (label: NodeLabel, known: (v: string) => boolean, what: string) => {
    if (key !== label.keyFor(nodeClass)) return;
    const unknown = values.filter(v => !known(v));
    if (unknown.length > 0) addWarning(scope, KARPENTER_RULES['NP-51'], `${described}: ${unknown.map(v => JSON.stringify(v)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a known EC2 ${what} and will match no instance`);
  };
  check(NodeLabel.INSTANCE_FAMILY, isKnownFamily, 'instance family');
  check(NodeLabel.INSTANCE_CATEGORY, isKnownCategory, 'instance category');
  check(NodeLabel.INSTANCE_SIZE, isKnownSize, 'instance size');
}

// An instance label of the other Karpenter flavour is never on the launched nodes, so the requirement matches nothing.
function checkLabelDomain(scope: IConstruct, nodeClass: INodeClass, key: string, field: string): void {
  const domain = domainOf(key);
  const foreign = isAutoMode(nodeClass) ? KARPENTER_AWS_DOMAIN : EKS_AUTO_MODE_DOMAIN;
  if (domain === foreign) {
    throw invalidInput(scope, KARPENTER_RULES['NP-47'], field, key, `must not use the ${foreign} domain: nodes of node class ${nodeClass.nodeClassGroup}/${nodeClass.nodeClassName} carry ${nodeClass.instanceLabelDomain} labels (NodeLabel.INSTANCE_* picks the right one)`);
  }
}

/** Checks a taint or startup taint, and that no other taint of the pool has its key and effect. */
export function checkTaint(scope: IConstruct, taint: NodeTaint, field: string, others: NodeTaint[]): void {
  checkPattern(scope, KARPENTER_RULES['NP-31'], `${field}.key`, taint.key, TAINT_PART, 'must be a qualified name: an optional DNS-subdomain prefix and "/", then alphanumerics, "-", "_" or "."');
  checkQualifiedName(scope, `${field}.key`, taint.key);
  if (taint.value !== undefined) {
    checkPattern(scope, KARPENTER_RULES['NP-31'], `${field}.value`, taint.value, TAINT_PART, 'must be a qualified name (alphanumerics, "-", "_", "." with an optional prefix), or unset');
    checkQualifiedName(scope, `${field}.value`, taint.value);
  }
  const effects = [kplus.TaintEffect.NO_SCHEDULE, kplus.TaintEffect.PREFER_NO_SCHEDULE, kplus.TaintEffect.NO_EXECUTE] as string[];
  if (!effects.includes(taint.effect)) throw invalidInput(scope, KARPENTER_RULES['NP-30'], `${field}.effect`, taint.effect, `must be one of ${effects.join(', ')}`);
  const duplicate = others.find(t => t.key === taint.key && t.effect === taint.effect);
  if (duplicate) {
    throw invalidInput(scope, KARPENTER_RULES['NP-54'], `${field}`, `${taint.key}:${taint.effect}`, 'must not repeat the key and effect of another taint or startup taint');
  }
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The node class a pool references must be able to exist: `NodeClassReference.eksAutoMode(name)` and custom
 * `INodeClass` implementations pass their fields unchecked, and Karpenter finds no node class by a name that is no
 * object name (the pool then launches nothing).
 */
export function checkNodeClass(scope: IConstruct, nodeClass: INodeClass): void {
  if (typeof nodeClass !== 'object' || nodeClass === null) {
    throw invalidInput(scope, KARPENTER_RULES['NP-59'], 'nodeClass', nodeClass, 'must be an Ec2NodeClass, Ec2NodeClass.fromEc2NodeClassName(...) or NodeClassReference.eksAutoMode()');
  }
  checkObjectName(scope, 'nodeClass.nodeClassName', nodeClass.nodeClassName ?? '');
  const subdomain = (field: string, value: string | undefined) => {
    if (typeof value !== 'string' || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
      throw invalidInput(scope, KARPENTER_RULES['NP-59'], `nodeClass.${field}`, value, 'must be a DNS subdomain such as karpenter.k8s.aws or eks.amazonaws.com');
    }
  };
  subdomain('nodeClassGroup', nodeClass.nodeClassGroup);
  subdomain('instanceLabelDomain', nodeClass.instanceLabelDomain);
  if (typeof nodeClass.nodeClassKind !== 'string' || !/^[A-Za-z][A-Za-z0-9]{0,62}$/.test(nodeClass.nodeClassKind)) {
    throw invalidInput(scope, KARPENTER_RULES['NP-59'], 'nodeClass.nodeClassKind', nodeClass.nodeClassKind, 'must be a kind such as EC2NodeClass or NodeClass: a letter, then letters and digits');
  }
}

/** A static pool (replicas set) takes no weight and no limit but `nodes`. */
export function checkStatic(scope: IConstruct, replicas: number | undefined, weight: number | undefined, limits: NodePoolLimits | undefined): void {
  if (replicas === undefined) return;
  if (weight !== undefined) throw invalidInput(scope, KARPENTER_RULES['NP-37'], 'weight', weight, 'must be unset on a static NodePool (replicas set)');
  const all = limits ?? {};
  const { cpu, memory, nvidiaGpus, maxOnDemandPricePerHour } = all;
  const other = Object.entries({ cpu, memory, nvidiaGpus, maxOnDemandPricePerHour, ...all.resources })
    .filter(([, v]) => v !== undefined).map(([k]) => k);
  if (other.length > 0) throw invalidInput(scope, KARPENTER_RULES['NP-37'], 'limits', other, 'only limits.nodes is supported on a static NodePool (replicas set)');
}

export function checkLimits(scope: IConstruct, limits: NodePoolLimits | undefined): void {
  if (!limits) return;
  checkInteger(scope, KARPENTER_RULES['NP-56'], 'limits.nvidiaGpus', limits.nvidiaGpus, 0);
  checkInteger(scope, KARPENTER_RULES['NP-56'], 'limits.nodes', limits.nodes, 0);
  checkCpu(scope, 'limits.cpu', limits.cpu, false, KARPENTER_RULES['NP-56']);
  checkSize(scope, 'limits.memory', limits.memory, 0, KARPENTER_RULES['NP-56']);
  const budget = limits.maxOnDemandPricePerHour;
  if (budget !== undefined && !(typeof budget === 'number' && Number.isFinite(budget) && budget > 0)) {
    throw invalidInput(scope, KARPENTER_RULES['CAP-06'], 'limits.maxOnDemandPricePerHour', budget, 'must be a positive number of US dollars per hour');
  }
  for (const [name, quantity] of Object.entries(limits.resources ?? {})) {
    checkQualifiedName(scope, 'limits key', name);
    checkPattern(scope, KARPENTER_RULES['NP-55'], `limits[${JSON.stringify(name)}]`, quantity, QUANTITY, 'must be a Kubernetes quantity such as "8", "500m" or "64Gi"');
    if (quantity.startsWith('-')) throw invalidInput(scope, KARPENTER_RULES['NP-56'], `limits[${JSON.stringify(name)}]`, quantity, 'must not be negative');
  }
}

/** The checks of the finished pool, at synth: a pool that can never launch a node fails. */
export function crossCheck(pool: PoolView): string[] {
  const errors: string[] = [];
  const capacityKey = NodeLabel.CAPACITY_TYPE.key;
  const capacityRequirements = effectiveRequirements(pool, capacityKey);
  const capacityTypes = WELL_KNOWN_VALUES[capacityKey].filter(v => capacityRequirements.every(r => r.allows(v)));
  const nodeClass = nodeClassWithoutReservations(pool.nodeClass);
  if (nodeClass && capacityTypes.length === 1 && capacityTypes[0] === CapacityType.RESERVED.value) {
    errors.push(invalidInputMessage(pool, KARPENTER_RULES['NP-52'], `requirements (${capacityKey})`, capacityRequirements.map(r => describeRequirement(capacityKey, r)),
      `allow only reserved capacity, but EC2NodeClass ${nodeClass.node.path} selects no capacity reservations, so Karpenter would never launch a node; set capacityReservationSelectorTerms on the node class, or allow on-demand too`));
  }
  const requirements = pool.requirements;
  for (const [key, value] of Object.entries(pool.labels)) {
    const refusing = requirements.find(r => r.label.keyFor(pool.nodeClass) === key && !r.allows(value));
    if (refusing) {
      errors.push(invalidInputMessage(pool, KARPENTER_RULES['NP-58'], `labels[${JSON.stringify(key)}]`, value,
        `must be allowed by the pool's own requirement ${describeRequirement(key, refusing)}, or no node can be launched`));
    }
  }
  return errors;
}
