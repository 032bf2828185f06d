import { ApiObject, ApiObjectMetadata, Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { ConsolidationPolicy, DisruptionBudget, DurationOrNever } from './disruption';
import { EKS_AUTO_MODE_DOMAIN, KARPENTER_AWS_DOMAIN } from './domains';
import { Ec2NodeClass } from './ec2-node-class';
import { familyArch, familyOfInstanceType, isKnownCategory, isKnownFamily, isKnownSize, parseFamily } from './instance-catalog';
import { INodeClass } from './node-class';
import { Arch, CapacityType, NodeLabel, Requirement, RequirementOperator } from './requirement';
import * as l1 from '../../imports/karpenter-nodepools-karpenter.sh';
import { omitNamespace } from '../common/cluster-scoped';
import { checkAnnotations, checkInteger, checkLabelValue, checkLabels, checkObjectName, checkPattern, checkQualifiedName, checkUnique } from '../core/checks';
import { checkCron } from '../core/cron';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { addNodeSelector } from '../core/placement';
import { KARPENTER_RULES, Rule } from '../core/rules';
import { toHoursMinutesSeconds, toQuantity } from '../core/units';
import { addSynthValidation } from '../core/validation';
import { addWarning } from '../core/warnings';

/** A taint Karpenter puts on the pool's nodes. */
export interface NodeTaint {
  /** The taint key (a qualified name, e.g. `nvidia.com/gpu`). */
  readonly key: string;

  /**
   * The taint value (a qualified name).
   * @default - no value
   */
  readonly value?: string;

  /** What the taint does to pods that do not tolerate it. */
  readonly effect: kplus.TaintEffect;
}

/** Upper bounds on the total capacity a pool may launch. */
export interface NodePoolLimits {
  /**
   * Total vCPUs.
   * @default - unbounded
   */
  readonly cpu?: kplus.Cpu;

  /**
   * Total memory.
   * @default - unbounded
   */
  readonly memory?: Size;

  /**
   * Total NVIDIA GPUs (`nvidia.com/gpu`).
   * @default - unbounded
   */
  readonly nvidiaGpus?: number;

  /**
   * Total nodes.
   * @default - unbounded
   */
  readonly nodes?: number;

  /**
   * Any other resource, as a Kubernetes quantity (e.g. `{ 'aws.amazon.com/neuron': '8' }`).
   * @default - none
   */
  readonly resources?: { [resource: string]: string };
}

/** Settings of a Karpenter NodePool other than its identity and node class; patterns that create pools take them too. */
export interface NodePoolOptions {
  /**
   * Constraints on the nodes launched (well-known or custom labels); more with `addRequirement`.
   * @default - none: any instance type, on-demand capacity only
   */
  readonly requirements?: Requirement[];

  /**
   * Labels put on the pool's nodes; pods select the pool with them.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations put on the pool's nodes.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Taints put on the pool's nodes; only pods tolerating them land there. More with `addTaint`.
   * @default - none
   */
  readonly taints?: NodeTaint[];

  /**
   * Taints present only while a node starts, removed by a DaemonSet; pods need not tolerate them.
   * @default - none
   */
  readonly startupTaints?: NodeTaint[];

  /**
   * How long a node lives before Karpenter replaces it (forcefully, draining it).
   * @default - Karpenter's default, 720h
   */
  readonly expireAfter?: DurationOrNever;

  /**
   * How long Karpenter waits for a draining node's pods before deleting them, overriding PDBs and
   * `karpenter.sh/do-not-disrupt`. Set it whenever nodes expire, or draining can block forever.
   * @default - wait indefinitely
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * Which nodes consolidation may remove or replace.
   * @default ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED
   */
  readonly consolidationPolicy?: ConsolidationPolicy;

  /**
   * How long a node must be consolidatable before Karpenter acts. The default matches the
   * HPA's 5-minute scale-down window, so nodes are not churned after every scale-in.
   * @default DurationOrNever.after(Duration.minutes(5))
   */
  readonly consolidateAfter?: DurationOrNever;

  /**
   * Disruption budgets; more with `addDisruptionBudget`.
   * @default - Karpenter's default, 10% of nodes at a time
   */
  readonly disruptionBudgets?: DisruptionBudget[];

  /**
   * Upper bounds on the pool's total capacity. A pool without limits can scale cost without bound.
   * @default - unbounded (a warning is recorded)
   */
  readonly limits?: NodePoolLimits;

  /**
   * Priority over other pools (1-100, higher first) when several can schedule a pod.
   * @default - 0 (lowest)
   */
  readonly weight?: number;

  /**
   * A fixed number of nodes (static NodePool, alpha in Karpenter 1.8+). Disables consolidation;
   * only `limits.nodes` and no `weight` are allowed with it.
   * @default - dynamic: nodes follow pending pods
   */
  readonly replicas?: number;
}

/** Properties of a Karpenter NodePool. */
export interface NodePoolProps extends NodePoolOptions {
  /**
   * Object metadata; NodePools are cluster-scoped, so no namespace.
   * @default - a name generated by cdk8s
   */
  readonly metadata?: ApiObjectMetadata;

  /** The node class the pool launches nodes with: an `Ec2NodeClass` or `NodeClassReference.eksAutoMode()`. */
  readonly nodeClass: INodeClass;
}

/** Extra node constraints a workload placed on a pool selects, besides the pool's labels. */
export interface NodePoolPlacementOptions {
  /**
   * Capacity type the pods require.
   * @default - any the pool launches
   */
  readonly capacityType?: CapacityType;

  /**
   * Architecture the pods' image is built for. Pin it unless the image is multi-arch.
   * @default - any the pool launches (a warning is recorded when the pool launches several)
   */
  readonly arch?: Arch;

  /**
   * Instance family the pods require (e.g. `c7g`); its architecture is checked against the pool's.
   * @default - any
   */
  readonly instanceFamily?: string;

  /**
   * Instance type the pods require (e.g. `m5.large`).
   * @default - any
   */
  readonly instanceType?: string;

  /**
   * Availability zone the pods require.
   * @default - any
   */
  readonly zone?: string;
}

const DURATION_OR_NEVER = 'a whole number of seconds, or DurationOrNever.never()';
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
const TAINT_PART = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(\/))?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

// Keys of the karpenter.k8s.aws domain the CRD lets requirements and labels use (NodePool CRD CEL).
const KARPENTER_AWS_ALLOWED = new Set([
  'instance-tenancy', 'capacity-reservation-type', 'capacity-reservation-id', 'capacity-reservation-interruptible', 'ec2nodeclass',
  'instance-encryption-in-transit-supported', 'instance-category', 'instance-hypervisor', 'instance-family', 'instance-generation',
  'instance-local-nvme', 'instance-size', 'instance-cpu', 'instance-cpu-manufacturer', 'instance-cpu-sustained-clock-speed-mhz',
  'instance-memory', 'instance-ebs-bandwidth', 'instance-network-bandwidth', 'instance-gpu-name', 'instance-gpu-manufacturer',
  'instance-gpu-count', 'instance-gpu-memory', 'instance-accelerator-name', 'instance-accelerator-manufacturer',
  'instance-accelerator-count', 'instance-capability-flex', 'placement-group-id', 'placement-group-partition',
].map(name => `${KARPENTER_AWS_DOMAIN}/${name}`));

// Labels whose values Karpenter knows; anything else matches no instance (NP-26).
const WELL_KNOWN_VALUES: { [key: string]: string[] } = {
  'karpenter.sh/capacity-type': ['on-demand', 'spot', 'reserved'],
  'kubernetes.io/arch': ['amd64', 'arm64'],
  'kubernetes.io/os': ['linux', 'windows'],
};

function domainOf(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash >= 0 ? key.slice(0, slash) : undefined;
}

/** Why a label key cannot be used in a NodePool (CRD CEL and controller rules), and the rule, if it cannot. */
function restrictedKeyProblem(key: string): { rule: Rule; problem: string } | undefined {
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

/**
 * A Karpenter NodePool (`karpenter.sh/v1`): which nodes Karpenter may launch for pending pods,
 * how they are labelled and tainted, how long they live and how they are consolidated.
 */
export class NodePool extends kplus.Resource {
  /** Maximum number of requirements the CRD accepts. */
  private static readonly MAX_REQUIREMENTS = 100;

  protected readonly apiObject: ApiObject;
  public readonly resourceType = 'nodepools';

  /** The node class the pool launches nodes with. */
  public readonly nodeClass: INodeClass;

  private readonly props: NodePoolProps;
  private readonly _requirements: Requirement[] = [];
  private readonly _labels: { [key: string]: string } = {};
  private readonly _taints: NodeTaint[] = [];
  private readonly _startupTaints: NodeTaint[] = [];
  private readonly _budgets: DisruptionBudget[] = [];

  public constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    this.props = props;
    this.nodeClass = props.nodeClass;

    if (props.metadata?.namespace !== undefined) {
      throw invalidInput(this, KARPENTER_RULES['NP-39'], 'metadata.namespace', props.metadata.namespace, 'must be unset: NodePools are cluster-scoped');
    }
    checkObjectName(this, 'metadata.name', props.metadata?.name);
    checkInteger(this, KARPENTER_RULES['NP-01'], 'weight', props.weight, 1, 100);
    checkInteger(this, KARPENTER_RULES['NP-40'], 'replicas', props.replicas, 0);
    this.checkStatic(props);
    checkAnnotations(this, 'annotations', props.annotations);

    this.apiObject = new l1.NodePool(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    omitNamespace(this.apiObject);
    // Applying the node class first lets the pool become Ready without a retry.
    if (Construct.isConstruct(props.nodeClass)) this.node.addDependency(props.nodeClass);

    for (const [key, value] of Object.entries(props.labels ?? {})) this.addLabel(key, value);
    this.addRequirement(...props.requirements ?? []);
    for (const taint of props.taints ?? []) this.addTaint(taint);
    for (const taint of props.startupTaints ?? []) this.addStartupTaint(taint);
    for (const budget of props.disruptionBudgets ?? []) this.addDisruptionBudget(budget);
    this.checkLimits(props.limits);
    this.renderTimers();

    if (!props.limits && props.replicas === undefined) {
      addWarning(this, KARPENTER_RULES['NP-41'], 'has no limits: the pool can launch capacity without bound; set limits (cpu, memory) to cap cost');
    }
    if (props.expireAfter?.duration && !props.terminationGracePeriod) {
      addWarning(this, KARPENTER_RULES['NP-38'], 'sets expireAfter without terminationGracePeriod: draining an expired node waits forever on blocking PDBs or karpenter.sh/do-not-disrupt pods');
    }
    addSynthValidation(this, () => this.crossCheck());
  }

  /** The requirements added so far. */
  public get requirements(): Requirement[] {
    return [...this._requirements];
  }

  /** The node labels added so far. */
  public get labels(): { [key: string]: string } {
    return { ...this._labels };
  }

  /** The taints added so far. */
  public get taints(): NodeTaint[] {
    return [...this._taints];
  }

  /** Adds requirements on the nodes the pool launches. */
  public addRequirement(...requirements: Requirement[]): void {
    for (const requirement of requirements) {
      if (this._requirements.length >= NodePool.MAX_REQUIREMENTS) {
        throw invalidInput(this, KARPENTER_RULES['NP-25'], 'requirements', this._requirements.length + 1, `must have at most ${NodePool.MAX_REQUIREMENTS} items`);
      }
      this.checkRequirement(requirement, `requirements[${this._requirements.length}]`);
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
    this.checkTaint(taint, `taints[${this._taints.length}]`);
    this._taints.push(taint);
  }

  /** Adds a startup taint (removed by a DaemonSet once the node is ready). */
  public addStartupTaint(taint: NodeTaint): void {
    this.checkTaint(taint, `startupTaints[${this._startupTaints.length}]`);
    this._startupTaints.push(taint);
  }

  /** Adds a disruption budget. */
  public addDisruptionBudget(budget: DisruptionBudget): void {
    const field = `disruption.budgets[${this._budgets.length}]`;
    if (this._budgets.length >= 50) throw invalidInput(this, KARPENTER_RULES['NP-42'], 'disruption.budgets', this._budgets.length + 1, 'must have at most 50 budgets');
    this.renderBudget(budget, field);
    this._budgets.push(budget);
  }

  /**
   * Places a workload's pods on this pool: a nodeSelector on the pool's labels (plus the
   * options given) and tolerations for its taints. Fails when the pool can never launch a
   * node matching the selection (e.g. Spot on an on-demand pool, a Graviton family on an amd64 pool).
   */
  public schedule(workload: kplus.Workload, options: NodePoolPlacementOptions = {}): void {
    const selector: { [key: string]: string } = { ...this._labels };
    // Fails unless every pool requirement on the label allows the value; returns the node label key.
    const checkAllowed = (label: NodeLabel, value: string, field: string): string => {
      checkLabelValue(workload, field, value);
      const key = label.keyFor(this.nodeClass);
      const refusing = this.effectiveRequirements(key).find(r => !r.allows(value));
      if (refusing) {
        throw invalidInput(workload, KARPENTER_RULES['NP-43'], field, value, `must be allowed by NodePool ${this.node.path}, which requires ${describeRequirement(key, refusing)}`);
      }
      return key;
    };
    const select = (label: NodeLabel, value: string | undefined, field: string) => {
      if (value !== undefined) selector[checkAllowed(label, value, field)] = value;
    };
    select(NodeLabel.CAPACITY_TYPE, options.capacityType?.value, 'capacityType');
    select(NodeLabel.ARCH, options.arch?.value, 'arch');
    select(NodeLabel.INSTANCE_TYPE, options.instanceType, 'instanceType');
    select(NodeLabel.ZONE, options.zone, 'zone');
    select(NodeLabel.INSTANCE_FAMILY, options.instanceFamily, 'instanceFamily');

    // A family implies its category, generation and architecture: the pool must allow those too.
    const family = options.instanceFamily ?? (options.instanceType ? familyOfInstanceType(options.instanceType) : undefined);
    const parsed = family ? parseFamily(family) : undefined;
    if (family && parsed) {
      checkAllowed(NodeLabel.INSTANCE_CATEGORY, parsed.category, `instance family ${family}'s category`);
      checkAllowed(NodeLabel.INSTANCE_GENERATION, String(parsed.generation), `instance family ${family}'s generation`);
    }
    const impliedArch = family ? familyArch(family) : undefined;
    if (impliedArch) {
      if (options.arch && options.arch.value !== impliedArch) {
        throw invalidInput(workload, KARPENTER_RULES['NP-44'], 'arch', options.arch.value, `must match instance family ${family}, which is ${impliedArch}`);
      }
      checkAllowed(NodeLabel.ARCH, impliedArch, `instance family ${family}'s architecture`);
    }
    const archs = this.allowedArchs();
    if (!options.arch && !impliedArch && archs.length > 1) {
      addWarning(workload, KARPENTER_RULES['NP-45'], `is placed on NodePool ${this.node.path}, which launches ${archs.join(' and ')} nodes: its images must be multi-arch, or pass arch to pin one`);
    }

    addNodeSelector(workload, selector);
    this.tolerateTaints(workload);
  }

  /** Lets a workload's pods tolerate the pool's taints, without selecting the pool. */
  public tolerateTaints(workload: kplus.Workload): void {
    for (const taint of this._taints) {
      workload.scheduling.tolerate(kplus.Node.tainted(taint.value === undefined
        ? kplus.NodeTaintQuery.exists(taint.key)
        : kplus.NodeTaintQuery.is(taint.key, taint.value, { effect: taint.effect })));
    }
  }

  /** The pool's requirements on `key`, including Karpenter's implicit on-demand default for capacity type and its labels. */
  private effectiveRequirements(key: string): Requirement[] {
    const own = this._requirements.filter(r => r.label.keyFor(this.nodeClass) === key);
    if (key === NodeLabel.CAPACITY_TYPE.key && own.length === 0) return [Requirement.capacityType(CapacityType.ON_DEMAND)];
    const label = this._labels[key];
    return label === undefined ? own : [...own, NodeLabel.custom(key).isIn(label)];
  }

  private allowedArchs(): string[] {
    const byArchLabel = ['amd64', 'arm64'].filter(arch => this.effectiveRequirements(NodeLabel.ARCH.key).every(r => r.allows(arch)));
    // Each instance type or family list also bounds the architecture, when all its entries are known families.
    const familyLists = [
      ...this.inRequirements(NodeLabel.INSTANCE_TYPE).map(r => r.values.map(familyOfInstanceType)),
      ...this.inRequirements(NodeLabel.INSTANCE_FAMILY).map(r => r.values),
    ];
    return familyLists.reduce((archs, families) => {
      const listArchs = families.map(familyArch);
      return listArchs.includes(undefined) ? archs : archs.filter(arch => listArchs.includes(arch));
    }, byArchLabel);
  }

  /** The pool's `In` requirements on a label. */
  private inRequirements(label: NodeLabel): Requirement[] {
    const key = label.keyFor(this.nodeClass);
    return this._requirements.filter(r => r.label.keyFor(this.nodeClass) === key && r.operator === RequirementOperator.IN);
  }

  private checkRequirement(requirement: Requirement, field: string): void {
    const key = requirement.label.keyFor(this.nodeClass);
    const operator = requirement.operator;
    const values = requirement.values;
    checkQualifiedName(this, `${field}.key`, key);
    checkPattern(this, KARPENTER_RULES['NP-46'], `${field}.key`, key, /^.{1,316}$/, 'must be at most 316 characters');
    const restricted = restrictedKeyProblem(key);
    if (restricted) throw invalidInput(this, restricted.rule, `${field}.key`, key, restricted.problem);
    this.checkLabelDomain(key, `${field}.key`);
    if (!RequirementOperator.ALL.includes(operator)) {
      throw invalidInput(this, KARPENTER_RULES['NP-48'], `${field}.operator`, operator.value, `must be one of ${RequirementOperator.ALL.map(o => o.value).join(', ')}`);
    }
    const described = `${field} (${key} ${operator.value})`;
    if ((operator === RequirementOperator.IN || operator === RequirementOperator.NOT_IN) && values.length === 0) {
      throw invalidInput(this, KARPENTER_RULES['NP-14'], `${described}.values`, values, `must have at least one value with operator ${operator.value}`);
    }
    if (operator.takesNoValues && values.length > 0) {
      throw invalidInput(this, KARPENTER_RULES['NP-49'], `${described}.values`, values, `must be empty with operator ${operator.value}`);
    }
    if (operator.isNumeric && (values.length !== 1 || !/^\d+$/.test(values[0]) || !Number.isSafeInteger(Number(values[0])))) {
      throw invalidInput(this, KARPENTER_RULES['NP-15'], `${described}.values`, values, `must be a single non-negative integer with operator ${operator.value}`);
    }
    values.forEach((v, i) => checkLabelValue(this, `${described}.values[${i}]`, v));
    checkUnique(this, KARPENTER_RULES['NP-50'], `${described}.values`, values);
    checkInteger(this, KARPENTER_RULES['NP-17'], `${described}.minValues`, requirement.minValues, 1, 50);
    if (operator === RequirementOperator.IN && requirement.minValues !== undefined && values.length < requirement.minValues) {
      throw invalidInput(this, KARPENTER_RULES['NP-18'], `${described}.minValues`, requirement.minValues, `must not exceed the number of values (${values.length})`);
    }
    const known = WELL_KNOWN_VALUES[key];
    if (known && !operator.isNumeric) {
      const unknown = values.filter(v => !known.includes(v));
      if (unknown.length > 0) throw invalidInput(this, KARPENTER_RULES['NP-26'], `${described}.values`, unknown, `must be among ${known.join(', ')}`);
    }
    if (key === NodeLabel.OS.key && this.isAutoMode && operator === RequirementOperator.IN && values.includes('windows')) {
      throw invalidInput(this, KARPENTER_RULES['AM-01'], `${described}.values`, 'windows', 'EKS Auto Mode launches Linux nodes only');
    }
    this.warnUnknownInstanceValues(key, operator, values, described);
    this.warnUnusedReservedCapacity(key, operator, values, described);
  }

  /** The node class, when it is an `Ec2NodeClass` of this app that selects no capacity reservations. */
  private get nodeClassWithoutReservations(): Ec2NodeClass | undefined {
    const nodeClass = this.nodeClass;
    return nodeClass instanceof Ec2NodeClass && !nodeClass.selectsCapacityReservations ? nodeClass : undefined;
  }

  // Listing reserved next to other capacity types on a class without reservations is a silent no-op: Karpenter
  // launches the other types, and reservations bought for the pool stay idle. Implicit allowances (NotIn, Exists) are left alone.
  private warnUnusedReservedCapacity(key: string, operator: RequirementOperator, values: string[], described: string): void {
    if (key !== NodeLabel.CAPACITY_TYPE.key || operator !== RequirementOperator.IN) return;
    if (!values.includes(CapacityType.RESERVED.value) || values.length < 2) return;
    const nodeClass = this.nodeClassWithoutReservations;
    if (!nodeClass) return;
    const others = values.filter(v => v !== CapacityType.RESERVED.value).join(' and ');
    addWarning(this, KARPENTER_RULES['NP-53'], `${described}: allows reserved capacity, but EC2NodeClass ${nodeClass.node.path} selects no capacity reservations, so Karpenter launches ${others} only; set capacityReservationSelectorTerms on the node class, or drop reserved`);
  }

  private warnUnknownInstanceValues(key: string, operator: RequirementOperator, values: string[], described: string): void {
    if (operator !== RequirementOperator.IN && operator !== RequirementOperator.NOT_IN) return;
    const check = (label: NodeLabel, known: (v: string) => boolean, what: string) => {
      if (key !== label.keyFor(this.nodeClass)) return;
      const unknown = values.filter(v => !known(v));
      if (unknown.length > 0) addWarning(this, KARPENTER_RULES['NP-51'], `${described}: ${unknown.map(v => JSON.stringify(v)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a known EC2 ${what} and will match no instance`);
    };
    check(NodeLabel.INSTANCE_FAMILY, isKnownFamily, 'instance family');
    check(NodeLabel.INSTANCE_CATEGORY, isKnownCategory, 'instance category');
    check(NodeLabel.INSTANCE_SIZE, isKnownSize, 'instance size');
  }

  private get isAutoMode(): boolean {
    return this.nodeClass.instanceLabelDomain === EKS_AUTO_MODE_DOMAIN;
  }

  // An instance label of the other Karpenter flavour is never on the launched nodes, so the requirement matches nothing.
  private checkLabelDomain(key: string, field: string): void {
    const domain = domainOf(key);
    const foreign = this.isAutoMode ? KARPENTER_AWS_DOMAIN : EKS_AUTO_MODE_DOMAIN;
    if (domain === foreign) {
      throw invalidInput(this, KARPENTER_RULES['NP-47'], field, key, `must not use the ${foreign} domain: nodes of node class ${this.nodeClass.nodeClassGroup}/${this.nodeClass.nodeClassName} carry ${this.nodeClass.instanceLabelDomain} labels (NodeLabel.INSTANCE_* picks the right one)`);
    }
  }

  private checkTaint(taint: NodeTaint, field: string): void {
    checkPattern(this, KARPENTER_RULES['NP-31'], `${field}.key`, taint.key, TAINT_PART, 'must be a qualified name: an optional DNS-subdomain prefix and "/", then alphanumerics, "-", "_" or "."');
    checkQualifiedName(this, `${field}.key`, taint.key);
    if (taint.value !== undefined) {
      checkPattern(this, KARPENTER_RULES['NP-31'], `${field}.value`, taint.value, TAINT_PART, 'must be a qualified name (alphanumerics, "-", "_", "." with an optional prefix), or unset');
      checkQualifiedName(this, `${field}.value`, taint.value);
    }
    const effects = [kplus.TaintEffect.NO_SCHEDULE, kplus.TaintEffect.PREFER_NO_SCHEDULE, kplus.TaintEffect.NO_EXECUTE] as string[];
    if (!effects.includes(taint.effect)) throw invalidInput(this, KARPENTER_RULES['NP-30'], `${field}.effect`, taint.effect, `must be one of ${effects.join(', ')}`);
    const duplicate = [...this._taints, ...this._startupTaints].find(t => t.key === taint.key && t.effect === taint.effect);
    if (duplicate) {
      throw invalidInput(this, KARPENTER_RULES['NP-54'], `${field}`, `${taint.key}:${taint.effect}`, 'must not repeat the key and effect of another taint or startup taint');
    }
  }

  private checkStatic(props: NodePoolProps): void {
    if (props.replicas === undefined) return;
    if (props.weight !== undefined) throw invalidInput(this, KARPENTER_RULES['NP-37'], 'weight', props.weight, 'must be unset on a static NodePool (replicas set)');
    const limits = props.limits ?? {};
    const other = Object.entries({ cpu: limits.cpu, memory: limits.memory, nvidiaGpus: limits.nvidiaGpus, ...limits.resources })
      .filter(([, v]) => v !== undefined).map(([k]) => k);
    if (other.length > 0) throw invalidInput(this, KARPENTER_RULES['NP-37'], 'limits', other, 'only limits.nodes is supported on a static NodePool (replicas set)');
  }

  private checkLimits(limits: NodePoolLimits | undefined): void {
    if (!limits) return;
    checkInteger(this, KARPENTER_RULES['NP-56'], 'limits.nvidiaGpus', limits.nvidiaGpus, 0);
    checkInteger(this, KARPENTER_RULES['NP-56'], 'limits.nodes', limits.nodes, 0);
    if (limits.cpu) checkPattern(this, KARPENTER_RULES['NP-56'], 'limits.cpu', limits.cpu.amount, /^[0-9]/, 'must not be negative');
    for (const [name, quantity] of Object.entries(limits.resources ?? {})) {
      checkQualifiedName(this, 'limits key', name);
      checkPattern(this, KARPENTER_RULES['NP-55'], `limits[${JSON.stringify(name)}]`, quantity, QUANTITY, 'must be a Kubernetes quantity such as "8", "500m" or "64Gi"');
      if (quantity.startsWith('-')) throw invalidInput(this, KARPENTER_RULES['NP-56'], `limits[${JSON.stringify(name)}]`, quantity, 'must not be negative');
    }
  }

  private renderTimers(): void {
    // Rendered once here so bad durations fail at construction, with the field named.
    this.renderDurationOrNever(this.props.expireAfter, KARPENTER_RULES['NP-05'], 'expireAfter');
    this.renderDurationOrNever(this.props.consolidateAfter, KARPENTER_RULES['NP-03'], 'disruption.consolidateAfter');
    if (this.props.terminationGracePeriod) toHoursMinutesSeconds(this, 'terminationGracePeriod', this.props.terminationGracePeriod);
  }

  private renderDurationOrNever(value: DurationOrNever | undefined, rule: Rule, field: string): string | undefined {
    if (!value) return undefined;
    if (!value.duration) return 'Never';
    try {
      return toHoursMinutesSeconds(this, field, value.duration);
    } catch {
      throw invalidInput(this, rule, field, value.duration.toHumanString(), `must be ${DURATION_OR_NEVER}`);
    }
  }

  private renderBudget(budget: DisruptionBudget, field: string): l1.NodePoolSpecDisruptionBudgets {
    const { amount, isPercent } = budget.nodes;
    if (isPercent) checkInteger(this, KARPENTER_RULES['NP-07'], `${field}.nodes`, amount, 0, 100);
    else checkInteger(this, KARPENTER_RULES['NP-07'], `${field}.nodes`, amount, 0);
    const reasons = budget.reasons?.map(r => r.value);
    if (reasons) checkUnique(this, KARPENTER_RULES['NP-11'], `${field}.reasons`, reasons);
    if ((budget.schedule === undefined) !== (budget.duration === undefined)) {
      throw invalidInput(this, KARPENTER_RULES['NP-57'], budget.schedule ? `${field}.duration` : `${field}.schedule`, undefined,
        'schedule and duration must be set together (a schedule says when the budget starts, the duration how long it lasts)');
    }
    if (budget.schedule) checkCron(this, `${field}.schedule`, budget.schedule.expressionString);
    return {
      nodes: isPercent ? `${amount}%` : `${amount}`,
      reasons: reasons as l1.NodePoolSpecDisruptionBudgetsReasons[] | undefined,
      schedule: budget.schedule?.expressionString,
      duration: budget.duration ? this.renderBudgetDuration(budget.duration, `${field}.duration`) : undefined,
    };
  }

  private renderBudgetDuration(duration: Duration, field: string): string {
    const minutes = duration.toMinutes({ integral: false });
    if (!Number.isInteger(minutes) || minutes < 1) {
      throw invalidInput(this, KARPENTER_RULES['NP-09'], field, duration.toHumanString(), 'must be a whole number of minutes, at least 1 (budgets accept hours and minutes only)');
    }
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}`;
  }

  private crossCheck(): string[] {
    const errors: string[] = [];
    const capacityKey = NodeLabel.CAPACITY_TYPE.key;
    const capacityRequirements = this.effectiveRequirements(capacityKey);
    const capacityTypes = WELL_KNOWN_VALUES[capacityKey].filter(v => capacityRequirements.every(r => r.allows(v)));
    const nodeClass = this.nodeClassWithoutReservations;
    if (nodeClass && capacityTypes.length === 1 && capacityTypes[0] === CapacityType.RESERVED.value) {
      errors.push(invalidInputMessage(this, KARPENTER_RULES['NP-52'], `requirements (${capacityKey})`, capacityRequirements.map(r => describeRequirement(capacityKey, r)),
        `allow only reserved capacity, but EC2NodeClass ${nodeClass.node.path} selects no capacity reservations, so Karpenter would never launch a node; set capacityReservationSelectorTerms on the node class, or allow on-demand too`));
    }
    for (const [key, value] of Object.entries(this._labels)) {
      const refusing = this._requirements.find(r => r.label.keyFor(this.nodeClass) === key && !r.allows(value));
      if (refusing) {
        errors.push(invalidInputMessage(this, KARPENTER_RULES['NP-58'], `labels[${JSON.stringify(key)}]`, value,
          `must be allowed by the pool's own requirement ${describeRequirement(key, refusing)}, or no node can be launched`));
      }
    }
    return errors;
  }

  private renderLimits(): { [key: string]: l1.NodePoolSpecLimits } | undefined {
    const limits = this.props.limits;
    if (!limits) return undefined;
    const out: { [key: string]: string } = {
      ...(limits.cpu ? { cpu: limits.cpu.amount } : {}),
      ...(limits.memory ? { memory: toQuantity(limits.memory) } : {}),
      ...(limits.nvidiaGpus !== undefined ? { 'nvidia.com/gpu': `${limits.nvidiaGpus}` } : {}),
      ...(limits.nodes !== undefined ? { nodes: `${limits.nodes}` } : {}),
      ...limits.resources,
    };
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, l1.NodePoolSpecLimits.fromString(v)]));
  }

  private renderTaints(taints: NodeTaint[]): l1.NodePoolSpecTemplateSpecTaints[] | undefined {
    if (taints.length === 0) return undefined;
    return taints.map(t => ({ key: t.key, value: t.value, effect: t.effect as string as l1.NodePoolSpecTemplateSpecTaintsEffect }));
  }

  private renderSpec(): l1.NodePoolSpec {
    const p = this.props;
    const hasLabels = Object.keys(this._labels).length > 0;
    const hasAnnotations = Object.keys(p.annotations ?? {}).length > 0;
    const dynamic = p.replicas === undefined;
    return {
      replicas: p.replicas,
      weight: p.weight,
      limits: this.renderLimits(),
      disruption: dynamic ? {
        consolidationPolicy: (p.consolidationPolicy ?? ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED)
          .value as l1.NodePoolSpecDisruptionConsolidationPolicy,
        consolidateAfter: this.renderDurationOrNever(p.consolidateAfter ?? DurationOrNever.after(Duration.minutes(5)), KARPENTER_RULES['NP-03'], 'disruption.consolidateAfter')!,
        budgets: this._budgets.length > 0 ? this._budgets.map((b, i) => this.renderBudget(b, `disruption.budgets[${i}]`)) : undefined,
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
            operator: r.operator.value as l1.NodePoolSpecTemplateSpecRequirementsOperator,
            values: r.operator.takesNoValues ? undefined : [...r.values],
            minValues: r.minValues,
          })),
          taints: this.renderTaints(this._taints),
          startupTaints: this.renderTaints(this._startupTaints) as l1.NodePoolSpecTemplateSpecStartupTaints[] | undefined,
          expireAfter: this.renderDurationOrNever(p.expireAfter, KARPENTER_RULES['NP-05'], 'expireAfter'),
          terminationGracePeriod: p.terminationGracePeriod ? toHoursMinutesSeconds(this, 'terminationGracePeriod', p.terminationGracePeriod) : undefined,
        },
      },
    };
  }
}

function describeRequirement(key: string, requirement: Requirement): string {
  return `${key} ${requirement.operator.value}${requirement.values.length ? ` [${requirement.values.join(', ')}]` : ''}`;
}
