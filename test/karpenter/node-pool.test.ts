import { Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { autoModeSeedPool, docOf, expectInvalid, referenceDocs } from './support';
import { warningsOf } from '../../src/core/warnings';
import {
  Arch, CapacityType, ConsolidationPolicy, DisruptableNodes, DisruptionReason, DurationOrNever, Ec2NodeClass, AmiSelection,
  INodeClass, NodeClassReference, NodeLabel, NodePool, NodePoolProps, OperatingSystem, Requirement, RequirementOperator,
} from '../../src/karpenter';
import { expectValidManifests } from '../support/manifest-validator';

/** A node class of the pool's chart. */
type NodeClassIn = (chart: Chart) => INodeClass;
const AUTO: NodeClassIn = () => NodeClassReference.eksAutoMode();
const EC2: NodeClassIn = chart => Ec2NodeClass.fromEc2NodeClassName(chart, 'ImportedClass', 'default');

function pool(props: Partial<NodePoolProps> = {}, nodeClass: NodeClassIn = EC2): { chart: Chart; pool: NodePool } {
  const chart = Testing.chart();
  const p = new NodePool(chart, 'Pool', { metadata: { name: 'pool' }, nodeClass: nodeClass(chart), limits: { cpu: kplus.Cpu.units(10) }, ...props });
  return { chart, pool: p };
}

function spec(props: Partial<NodePoolProps> = {}, nodeClass: NodeClassIn = EC2): any {
  const docs = Testing.synth(pool(props, nodeClass).chart);
  expectValidManifests(docs);
  return docOf(docs, 'NodePool').spec;
}

function requirementsOf(requirements: Requirement[], nodeClass: NodeClassIn = EC2): any[] {
  return spec({ requirements }, nodeClass).template.spec.requirements;
}

/** Seed 000's pool on EKS Auto Mode, as its upstream manifest writes it. */
function seed000Pool(chart: Chart, name: string, arch: Arch[], capacity: CapacityType[]): NodePool {
  return autoModeSeedPool(chart, name, arch, capacity, {
    expireAfter: DurationOrNever.after(Duration.hours(336)),
    terminationGracePeriod: Duration.hours(24),
    consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
    consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
    disruptionBudgets: [{ nodes: DisruptableNodes.percent(10) }],
  });
}

describe('NodePool rendering', () => {
  test('renders the minimal pool with the node class reference, the default consolidation and its limits', () => {
    expect(spec()).toEqual({
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '5m' },
      limits: { cpu: '10' },
      template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' }, requirements: [] } },
    });
  });

  test('references an Ec2NodeClass construct by its name and emits it first', () => {
    const chart = Testing.chart();
    const nodeClass = new Ec2NodeClass(chart, 'Class', {
      metadata: { name: 'nodes' },
      amiSelection: AmiSelection.al2023('v20240807'),
      role: 'KarpenterNodeRole',
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'c' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'c' } }],
    });
    new NodePool(chart, 'Pool', { nodeClass, limits: { cpu: kplus.Cpu.units(1) } });
    const docs = Testing.synth(chart);
    expect(docs.map(d => d.kind)).toEqual(['EC2NodeClass', 'NodePool']);
    expect(docOf(docs, 'NodePool').spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'nodes' });
  });

  test('references an EC2NodeClass applied elsewhere by name', () => {
    const chart = Testing.chart();
    const nodeClass = Ec2NodeClass.fromEc2NodeClassName(chart, 'Imported', 'shared');
    new NodePool(chart, 'Pool', { nodeClass, limits: { nodes: 3 } });
    expect(Testing.synth(chart)[0].spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'shared' });
  });

  test('renders instance requirements with karpenter.k8s.aws labels on an EC2NodeClass', () => {
    expect(requirementsOf([Requirement.instanceFamily('m6i'), Requirement.instanceSize('large')])).toEqual([
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m6i'] },
      { key: 'karpenter.k8s.aws/instance-size', operator: 'In', values: ['large'] },
    ]);
  });

  test('renders the same instance requirements with eks.amazonaws.com labels on EKS Auto Mode', () => {
    expect(spec({ requirements: [Requirement.instanceFamily('g5'), NodeLabel.INSTANCE_GPU_COUNT.atLeast(1)] }, AUTO)).toMatchObject({
      template: {
        spec: {
          nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'default' },
          requirements: [
            { key: 'eks.amazonaws.com/instance-family', operator: 'In', values: ['g5'] },
            { key: 'eks.amazonaws.com/instance-gpu-count', operator: 'Gte', values: ['1'] },
          ],
        },
      },
    });
  });

  test('renders every operator, minValues and custom keys', () => {
    expect(requirementsOf([
      NodeLabel.INSTANCE_SIZE.isNotIn('nano', 'micro'),
      NodeLabel.INSTANCE_HYPERVISOR.exists(),
      NodeLabel.INSTANCE_ACCELERATOR_NAME.doesNotExist(),
      NodeLabel.INSTANCE_CPU.lessThan(65),
      NodeLabel.INSTANCE_MEMORY.atMost(131072),
      NodeLabel.INSTANCE_GENERATION.atLeast(6),
      Requirement.instanceCategory('c', 'm', 'r').withMinValues(2),
      NodeLabel.custom('team').isIn('a'),
      NodeLabel.INSTANCE_FAMILY.exists().withMinValues(5),
    ])).toEqual([
      { key: 'karpenter.k8s.aws/instance-size', operator: 'NotIn', values: ['nano', 'micro'] },
      { key: 'karpenter.k8s.aws/instance-hypervisor', operator: 'Exists' },
      { key: 'karpenter.k8s.aws/instance-accelerator-name', operator: 'DoesNotExist' },
      { key: 'karpenter.k8s.aws/instance-cpu', operator: 'Lt', values: ['65'] },
      { key: 'karpenter.k8s.aws/instance-memory', operator: 'Lte', values: ['131072'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gte', values: ['6'] },
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'], minValues: 2 },
      { key: 'team', operator: 'In', values: ['a'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'Exists', minValues: 5 },
    ]);
  });

  test('renders the well-known label factories', () => {
    expect(requirementsOf([
      Requirement.arch(Arch.ARM64, Arch.AMD64),
      Requirement.os(OperatingSystem.LINUX),
      Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND, CapacityType.RESERVED),
      Requirement.zone('us-east-1a'),
      Requirement.instanceType('g5.xlarge'),
      Requirement.instanceGpuManufacturer('nvidia'),
      Requirement.instanceGpuName('a10g'),
      NodeLabel.ZONE_ID.isIn('use1-az1'),
      NodeLabel.INSTANCE_TENANCY.isIn('default'),
    ]).map(r => `${r.key} ${r.operator} ${r.values}`)).toEqual([
      'kubernetes.io/arch In arm64,amd64',
      'kubernetes.io/os In linux',
      'karpenter.sh/capacity-type In spot,on-demand,reserved',
      'topology.kubernetes.io/zone In us-east-1a',
      'node.kubernetes.io/instance-type In g5.xlarge',
      'karpenter.k8s.aws/instance-gpu-manufacturer In nvidia',
      'karpenter.k8s.aws/instance-gpu-name In a10g',
      'topology.k8s.aws/zone-id In use1-az1',
      'karpenter.k8s.aws/instance-tenancy In default',
    ]);
  });

  test('renders labels, annotations, taints and startup taints of the node template', () => {
    const s = spec({
      labels: { team: 'web' },
      annotations: { purpose: 'karpenter-example' },
      taints: [{ key: 'dedicated', value: 'web', effect: kplus.TaintEffect.NO_EXECUTE }],
      startupTaints: [{ key: 'node.cilium.io/agent-not-ready', value: 'true', effect: kplus.TaintEffect.NO_SCHEDULE }],
    });
    expect(s.template.metadata).toEqual({ labels: { team: 'web' }, annotations: { purpose: 'karpenter-example' } });
    expect(s.template.spec.taints).toEqual([{ key: 'dedicated', value: 'web', effect: 'NoExecute' }]);
    expect(s.template.spec.startupTaints).toEqual([{ key: 'node.cilium.io/agent-not-ready', value: 'true', effect: 'NoSchedule' }]);
  });

  test('renders expiry, termination grace period and never-expiring nodes', () => {
    expect(spec({ expireAfter: DurationOrNever.after(Duration.minutes(90)), terminationGracePeriod: Duration.hours(24) }).template.spec)
      .toMatchObject({ expireAfter: '1h30m', terminationGracePeriod: '24h' });
    expect(spec({ expireAfter: DurationOrNever.never() }).template.spec.expireAfter).toBe('Never');
  });

  test('renders every consolidation policy and a never-consolidating pool', () => {
    for (const policy of [ConsolidationPolicy.WHEN_EMPTY, ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED, ConsolidationPolicy.BALANCED]) {
      expect(spec({ consolidationPolicy: policy }).disruption.consolidationPolicy).toBe(policy.value);
    }
    expect(spec({ consolidateAfter: DurationOrNever.never() }).disruption.consolidateAfter).toBe('Never');
    expect(spec({ consolidateAfter: DurationOrNever.after(Duration.seconds(0)) }).disruption.consolidateAfter).toBe('0s');
  });

  test('renders budgets as counts or percentages, with reasons, a cron schedule and a duration', () => {
    const { chart, pool: p } = pool({ disruptionBudgets: [{ nodes: DisruptableNodes.percent(10) }] });
    p.addDisruptionBudget({
      nodes: DisruptableNodes.count(0),
      reasons: [DisruptionReason.UNDERUTILIZED, DisruptionReason.EMPTY],
      schedule: Cron.schedule({ minute: '0', hour: '9', weekDay: 'mon-fri' }),
      duration: Duration.hours(8),
    });
    p.addDisruptionBudget({
      nodes: DisruptableNodes.count(1), reasons: [DisruptionReason.DRIFTED], schedule: Cron.daily(), duration: Duration.minutes(90),
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    expect(docs[0].spec.disruption.budgets).toEqual([
      { nodes: '10%' },
      { nodes: '0', reasons: ['Underutilized', 'Empty'], schedule: '0 9 * * mon-fri', duration: '8h' },
      { nodes: '1', reasons: ['Drifted'], schedule: '0 0 * * *', duration: '1h30m' },
    ]);
  });

  test('renders limits for cpu, memory, GPUs, nodes and any resource', () => {
    expect(spec({
      limits: { cpu: kplus.Cpu.units(16), memory: Size.gibibytes(32), nvidiaGpus: 8, nodes: 20, resources: { 'aws.amazon.com/neuron': '4' } },
    }).limits).toEqual({ 'cpu': '16', 'memory': '32Gi', 'nvidia.com/gpu': '8', 'nodes': '20', 'aws.amazon.com/neuron': '4' });
  });

  test('renders a weight', () => {
    expect(spec({ weight: 50 }).weight).toBe(50);
  });

  test('renders a static pool with replicas and a node limit, without disruption settings', () => {
    expect(spec({ replicas: 3, limits: { nodes: 5 } })).toMatchObject({ replicas: 3, limits: { nodes: '5' } });
    expect(spec({ replicas: 3, limits: { nodes: 5 } }).disruption).toBeUndefined();
  });

  test('reflects requirements, labels and taints added after construction', () => {
    const { chart, pool: p } = pool();
    p.addRequirement(Requirement.arch(Arch.ARM64));
    p.addLabel('intent', 'apps');
    p.addTaint({ key: 'apps', effect: kplus.TaintEffect.NO_SCHEDULE });
    p.addStartupTaint({ key: 'booting', effect: kplus.TaintEffect.NO_SCHEDULE });
    const s = Testing.synth(chart)[0].spec;
    expect(s.template.spec.requirements).toEqual([{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }]);
    expect(s.template.metadata.labels).toEqual({ intent: 'apps' });
    expect(s.template.spec.taints).toEqual([{ key: 'apps', effect: 'NoSchedule' }]);
    expect(s.template.spec.startupTaints).toEqual([{ key: 'booting', effect: 'NoSchedule' }]);
    expect(p.requirements).toHaveLength(1);
    expect(p.labels).toEqual({ intent: 'apps' });
    expect(p.taints).toHaveLength(1);
  });

  test('matches the snapshot', () => {
    const chart = Testing.chart();
    seed000Pool(chart, 'graviton', [Arch.ARM64], [CapacityType.ON_DEMAND, CapacityType.SPOT]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});

describe('NodePool reproduces the seeds', () => {
  test('reproduces seed 000\'s three EKS Auto Mode pools (terminationGracePeriod 24h0m0s is written 24h)', () => {
    const chart = Testing.chart();
    seed000Pool(chart, 'graviton', [Arch.ARM64], [CapacityType.ON_DEMAND, CapacityType.SPOT]);
    seed000Pool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND, CapacityType.SPOT]);
    seed000Pool(chart, 'multiarch', [Arch.ARM64, Arch.AMD64], [CapacityType.ON_DEMAND]);
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const upstream = referenceDocs('000/keda/manifests/nodepool.yaml');
    for (const doc of upstream) doc.spec.template.spec.terminationGracePeriod = '24h';
    expect(docs).toEqual(upstream);
  });

  test('reproduces seed 004\'s default pool', () => {
    const chart = Testing.chart();
    new NodePool(chart, 'Default', {
      metadata: { name: 'default' },
      nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'ImportedClass', 'default'),
      labels: { intent: 'apps' },
      requirements: [
        Requirement.arch(Arch.AMD64),
        Requirement.os(OperatingSystem.LINUX),
        Requirement.capacityType(CapacityType.SPOT),
        NodeLabel.INSTANCE_SIZE.isNotIn('nano', 'micro', 'small'),
        NodeLabel.INSTANCE_GENERATION.greaterThan(2),
      ],
      expireAfter: DurationOrNever.after(Duration.hours(336)),
      terminationGracePeriod: Duration.hours(24),
      limits: { cpu: kplus.Cpu.units(16), memory: Size.gibibytes(32) },
      consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
      disruptionBudgets: [{ nodes: DisruptableNodes.percent(50) }],
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const upstream = referenceDocs('004/derived/run-all-nodepool.yaml')[0];
    upstream.spec.limits.cpu = '16';
    expect(docs[0]).toEqual(upstream);
  });

  test('reproduces the requirements of Karpenter\'s upstream min-values-family example', () => {
    const upstream = referenceDocs('../upstream-examples/karpenter/min-values-family.yaml')[0];
    expect(spec({
      metadata: { name: 'spot', annotations: { 'kubernetes.io/description': 'NodePool for provisioning spot capacity' } },
      requirements: [
        Requirement.capacityType(CapacityType.SPOT),
        Requirement.arch(Arch.AMD64),
        Requirement.os(OperatingSystem.LINUX),
        Requirement.instanceCategory('c', 'm', 'r'),
        NodeLabel.INSTANCE_FAMILY.exists().withMinValues(5),
        NodeLabel.INSTANCE_GENERATION.greaterThan(2),
      ],
    }).template.spec).toEqual(upstream.spec.template.spec);
  });

  test('reproduces seed 002\'s v1 pool with the seed\'s instance types and 5m expiry', () => {
    const s = spec({
      metadata: { name: 'default' },
      labels: { type: 'karpenter' },
      requirements: [Requirement.capacityType(CapacityType.ON_DEMAND), Requirement.instanceType('t3.medium', 't3.small', 'm5.large')],
      expireAfter: DurationOrNever.after(Duration.minutes(5)),
      terminationGracePeriod: Duration.hours(1),
      limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
      consolidateAfter: DurationOrNever.after(Duration.minutes(1)),
    });
    expect(s.template.spec.expireAfter).toBe('5m');
    expect(s.limits).toEqual({ cpu: '1000', memory: '1000Gi' });
    expect(s.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' });
  });

  test('reproduces seed 001\'s v1 pool with annotations, categories g and p and consolidateAfter 0s', () => {
    const s = spec({
      labels: { 'cluster-name': 'do-eks-yaml-karpenter' },
      annotations: { purpose: 'karpenter-example' },
      requirements: [
        Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND),
        Requirement.instanceCategory('c', 'm', 'r', 'g', 'p'),
        NodeLabel.INSTANCE_GENERATION.greaterThan(2),
      ],
      expireAfter: DurationOrNever.after(Duration.hours(720)),
      terminationGracePeriod: Duration.hours(24),
      consolidateAfter: DurationOrNever.after(Duration.seconds(0)),
    });
    expect(s.template.metadata).toEqual({ labels: { 'cluster-name': 'do-eks-yaml-karpenter' }, annotations: { purpose: 'karpenter-example' } });
    expect(s.template.spec.expireAfter).toBe('720h');
    expect(s.disruption.consolidateAfter).toBe('0s');
  });
});

describe('NodePool validation', () => {
  test('throws on a namespace, since NodePools are cluster-scoped', () => {
    expectInvalid(() => pool({ metadata: { name: 'p', namespace: 'default' } }), '[test/Pool]', 'metadata.namespace', '"default"', 'cluster-scoped');
  });

  test('throws on an invalid name', () => {
    expectInvalid(() => pool({ metadata: { name: 'Bad_Name' } }), '[test/Pool]', 'metadata.name', '"Bad_Name"', 'DNS-1123 subdomain');
  });

  test.each([0, 101, 1.5])('throws on weight %p outside 1 to 100', (weight) => {
    expectInvalid(() => pool({ weight }), '[test/Pool]', 'weight', `got ${weight}`, 'integer from 1 to 100');
  });

  test('throws on requirements with restricted keys', () => {
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('karpenter.sh/foo').exists()] }),
      '[test/Pool]', 'requirements[0].key', '"karpenter.sh/foo"', 'label domain "karpenter.sh" is restricted');
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('x.karpenter.sh/y').exists()] }),
      'requirements[0].key', '"x.karpenter.sh/y"', 'restricted');
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('karpenter.sh/nodepool').isIn('a')] }),
      'requirements[0].key', '"karpenter.sh/nodepool"', 'restricted');
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('kubernetes.io/hostname').isIn('a')] }),
      'requirements[0].key', '"kubernetes.io/hostname"', 'restricted');
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('karpenter.k8s.aws/foo').exists()] }),
      'requirements[0].key', '"karpenter.k8s.aws/foo"', 'label domain "karpenter.k8s.aws" is restricted');
  });

  test('accepts kubernetes.io and k8s.io labels, which Karpenter 1.9+ no longer restricts', () => {
    expect(requirementsOf([NodeLabel.custom('node-role.kubernetes.io/web').exists()])[0].key).toBe('node-role.kubernetes.io/web');
  });

  test('throws on a requirement key that is not a qualified name', () => {
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('my key').exists()] }), 'requirements[0].key', '"my key"', 'qualified name');
  });

  test('throws on an instance label of the other Karpenter flavour', () => {
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('karpenter.k8s.aws/instance-family').isIn('m6i')] }, AUTO),
      'requirements[0].key', '"karpenter.k8s.aws/instance-family"', 'eks.amazonaws.com labels');
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('eks.amazonaws.com/instance-family').isIn('m6i')] }),
      'requirements[0].key', '"eks.amazonaws.com/instance-family"', 'karpenter.k8s.aws labels');
  });

  test('throws on In or NotIn without values and on Exists with values', () => {
    expectInvalid(() => pool({ requirements: [Requirement.instanceFamily()] }), 'requirements[0] (karpenter.k8s.aws/instance-family In).values', 'got []', 'at least one value');
    expectInvalid(() => pool({ requirements: [NodeLabel.INSTANCE_SIZE.isNotIn()] }), 'NotIn).values', 'at least one value');
    // The public factories build no Exists with values; a requirement built otherwise is still refused.
    expectInvalid(() => pool({ requirements: [Requirement._create(NodeLabel.custom('team'), RequirementOperator.EXISTS, ['a'])] }), 'team Exists).values', '["a"]', 'must be empty');
  });

  test.each([[-1, ['-1']], [NaN, ['NaN']], [1.5, ['1.5']]])('throws on Gt %p', (value, values) => {
    expectInvalid(() => pool({ requirements: [NodeLabel.INSTANCE_GENERATION.greaterThan(value)] }),
      'instance-generation Gt).values', JSON.stringify(values), 'single non-negative integer');
  });

  test.each([[['a']], [['1', '2']]])('throws on Gt with values %p', (values) => {
    // The public factories build no Gt with these values; a requirement built otherwise is still refused.
    expectInvalid(() => pool({ requirements: [Requirement._create(NodeLabel.INSTANCE_GENERATION, RequirementOperator.GT, values)] }),
      'instance-generation Gt).values', JSON.stringify(values), 'single non-negative integer');
  });

  test('throws on a Gte built from a negative number', () => {
    expectInvalid(() => pool({ requirements: [NodeLabel.INSTANCE_CPU.atLeast(-2)] }), 'Gte).values', '["-2"]', 'non-negative integer');
  });

  test.each([0, 51])('throws on minValues %p outside 1 to 50', (minValues) => {
    expectInvalid(() => pool({ requirements: [Requirement.instanceFamily('m5').withMinValues(minValues)] }), 'minValues', `got ${minValues}`, 'from 1 to 50');
  });

  test('throws on minValues above the number of values', () => {
    expectInvalid(() => pool({ requirements: [Requirement.instanceFamily('m5', 'c5').withMinValues(3)] }), 'minValues', 'got 3', 'must not exceed the number of values (2)');
  });

  test('throws on unknown capacity types, architectures and operating systems', () => {
    expectInvalid(() => pool({ requirements: [NodeLabel.custom('karpenter.sh/capacity-type').isIn('Spot', 'ondemand')] }),
      'karpenter.sh/capacity-type In).values', '["Spot","ondemand"]', 'on-demand, spot, reserved');
    expectInvalid(() => pool({ requirements: [NodeLabel.ARCH.isIn('x86_64')] }), '"x86_64"', 'amd64, arm64');
    expectInvalid(() => pool({ requirements: [NodeLabel.OS.isIn('darwin')] }), '"darwin"', 'linux, windows');
  });

  test('throws on Windows on EKS Auto Mode', () => {
    expectInvalid(() => pool({ requirements: [Requirement.os(OperatingSystem.WINDOWS)] }, AUTO), 'kubernetes.io/os In).values', '"windows"', 'Linux nodes only');
  });

  test('throws on invalid or duplicate requirement values', () => {
    expectInvalid(() => pool({ requirements: [Requirement.zone('us east')] }), 'values[0]', '"us east"', 'label value');
    expectInvalid(() => pool({ requirements: [Requirement.zone('a', 'a')] }), 'values', '"a"', 'unique');
  });

  test('throws on more than 100 requirements', () => {
    const requirements = Array.from({ length: 101 }, (_, i) => NodeLabel.custom(`k${i}`).exists());
    expectInvalid(() => pool({ requirements }), '[test/Pool]', 'requirements', 'got 101', 'at most 100');
  });

  test('throws on invalid or restricted labels', () => {
    expectInvalid(() => pool({ labels: { app: 'a b' } }), 'labels["app"]', '"a b"', 'label value');
    expectInvalid(() => pool({ labels: { 'karpenter.sh/nodepool': 'x' } }), 'labels key', '"karpenter.sh/nodepool"', 'restricted');
    expectInvalid(() => pool({ labels: { 'kubernetes.io/hostname': 'x' } }), 'labels key', 'restricted');
  });

  test('throws on more than 100 labels', () => {
    const labels = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v']));
    expectInvalid(() => pool({ labels }), 'labels', 'at most 100');
  });

  test('throws on invalid annotation keys', () => {
    expectInvalid(() => pool({ annotations: { 'bad key': 'x' } }), 'annotations key', '"bad key"', 'qualified name');
  });

  test('throws on invalid taints and duplicate key/effect pairs', () => {
    expectInvalid(() => pool({ taints: [{ key: '', effect: kplus.TaintEffect.NO_SCHEDULE }] }), 'taints[0].key', 'got ""', 'qualified name');
    expectInvalid(() => pool({ taints: [{ key: 'my key', effect: kplus.TaintEffect.NO_SCHEDULE }] }), 'taints[0].key', '"my key"');
    expectInvalid(() => pool({ taints: [{ key: 'k', value: 'a=b', effect: kplus.TaintEffect.NO_SCHEDULE }] }), 'taints[0].value', '"a=b"', 'qualified name');
    expectInvalid(() => pool({ taints: [{ key: 'k', effect: 'NoScheduleX' as kplus.TaintEffect }] }), 'taints[0].effect', '"NoScheduleX"', 'NoSchedule, PreferNoSchedule, NoExecute');
    expectInvalid(() => pool({
      taints: [{ key: 'k', effect: kplus.TaintEffect.NO_SCHEDULE }],
      startupTaints: [{ key: 'k', value: 'other', effect: kplus.TaintEffect.NO_SCHEDULE }],
    }), 'startupTaints[0]', '"k:NoSchedule"', 'must not repeat the key and effect');
  });

  test('throws on durations with sub-second precision', () => {
    expectInvalid(() => pool({ expireAfter: DurationOrNever.after(Duration.millis(1500)) }), 'expireAfter', '1 second 500 millis', 'whole number of seconds');
    expectInvalid(() => pool({ consolidateAfter: DurationOrNever.after(Duration.millis(10)) }), 'disruption.consolidateAfter', 'whole number of seconds');
    expectInvalid(() => pool({ terminationGracePeriod: Duration.millis(10) }), 'terminationGracePeriod', 'whole number of seconds');
  });

  test('throws on budget node counts and percentages out of range', () => {
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.percent(150) }] }), 'disruption.budgets[0].nodes', 'got 150', 'from 0 to 100');
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.percent(10.5) }] }), 'got 10.5');
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(-1) }] }), 'disruption.budgets[0].nodes', 'got -1', 'integer from 0 to 2147483647');
  });

  test('throws on duplicate budget reasons', () => {
    const reasons = [DisruptionReason.DRIFTED, DisruptionReason.DRIFTED];
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(1), reasons }] }),
      'disruption.budgets[0].reasons', '"Drifted"', 'unique');
  });

  test('throws on a schedule without a duration and the reverse', () => {
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(0), schedule: Cron.daily() }] }),
      'disruption.budgets[0].duration', 'schedule and duration must be set together');
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(0), duration: Duration.hours(1) }] }),
      'disruption.budgets[0].schedule', 'schedule and duration must be set together');
  });

  test.each([
    ['* * * * * *', 'has 6 fields'],
    ['61 * * * *', 'minute: 61 is outside 0-59'],
    ['0 9 * * mon-fry', 'day of week: "fry"'],
    ['0 9 * * 7', 'outside 0-6'],
    ['*/0 * * * *', 'step "0"'],
    ['0 17-9 * * *', 'starts after it ends'],
  ])('throws on the budget schedule %p', (expression, reason) => {
    const schedule = Cron.schedule({
      minute: expression.split(' ')[0],
      hour: expression.split(' ')[1],
      day: expression.split(' ')[2],
      month: expression.split(' ')[3],
      weekDay: expression.split(' ').slice(4).join(' '),
    });
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(0), schedule, duration: Duration.hours(1) }] }),
      'disruption.budgets[0].schedule', JSON.stringify(expression), '5-field cron', reason);
  });

  test('throws on budget durations in seconds or below a minute', () => {
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(0), schedule: Cron.daily(), duration: Duration.seconds(30) }] }),
      'disruption.budgets[0].duration', '30 seconds', 'hours and minutes only');
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(0), schedule: Cron.daily(), duration: Duration.seconds(90) }] }),
      'disruption.budgets[0].duration', 'whole number of minutes');
  });

  test('throws on invalid limits', () => {
    expectInvalid(() => pool({ limits: { resources: { 'nvidia.com/gpu': 'lots' } } }), 'limits["nvidia.com/gpu"]', '"lots"', 'Kubernetes quantity');
    expectInvalid(() => pool({ limits: { resources: { memory: '-1Gi' } } }), 'limits["memory"]', '"-1Gi"', 'must not be negative');
    expectInvalid(() => pool({ limits: { nvidiaGpus: 1.5 } }), 'limits.nvidiaGpus', 'got 1.5', 'integer');
    expectInvalid(() => pool({ limits: { nodes: -1 } }), 'limits.nodes', 'got -1');
  });

  // Found by the seeded fuzzing (test/fuzz/karpenter.fuzz.test.ts): these reached cdk8s's own conversion error at synth.
  test('throws on memory and cpu limits that are no quantity: a fraction of a byte, NaN, Infinity or a negative cpu', () => {
    expectInvalid(() => pool({ limits: { memory: Size.gibibytes(0.1) } }), '[test/Pool] limits.memory', 'got "104857.6 KiB"', 'whole number of bytes', '(NP-56)');
    expectInvalid(() => pool({ limits: { memory: Size.gibibytes(NaN) } }), 'limits.memory', 'got "NaN KiB"', '(NP-56)');
    expectInvalid(() => pool({ limits: { memory: Size.gibibytes(Infinity) } }), 'limits.memory', 'got "Infinity KiB"', '(NP-56)');
    expectInvalid(() => pool({ limits: { cpu: kplus.Cpu.units(NaN) } }), 'limits.cpu', 'got "NaN"', 'finite, non-negative CPU quantity', '(NP-56)');
    expectInvalid(() => pool({ limits: { cpu: kplus.Cpu.millis(-5) } }), 'limits.cpu', 'got "-5m"', '(NP-56)');
    expect(spec({ limits: { memory: Size.kibibytes(0.5) } }).limits).toEqual({ memory: '0.5Ki' });
  });

  test('throws on a node class reference whose name, group or kind cannot name an object', () => {
    expectInvalid(() => pool({}, () => NodeClassReference.eksAutoMode('')), '[test/Pool] nodeClass.nodeClassName', 'got ""', 'DNS-1123 subdomain', '(GEN-04)');
    expectInvalid(() => pool({}, () => NodeClassReference.eksAutoMode('Default')), 'nodeClass.nodeClassName', 'got "Default"', '(GEN-04)');
    const custom = (fields: Partial<INodeClass>): NodeClassIn => () => ({
      nodeClassGroup: 'karpenter.k8s.aws', nodeClassKind: 'EC2NodeClass', nodeClassName: 'default', instanceLabelDomain: 'karpenter.k8s.aws', ...fields,
    });
    expectInvalid(() => pool({}, custom({ nodeClassGroup: '' })), 'nodeClass.nodeClassGroup', 'got ""', 'DNS subdomain', '(NP-59)');
    expectInvalid(() => pool({}, custom({ instanceLabelDomain: 'Karpenter AWS' })), 'nodeClass.instanceLabelDomain', '(NP-59)');
    expectInvalid(() => pool({}, custom({ nodeClassKind: 'EC2 NodeClass' })), 'nodeClass.nodeClassKind', 'got "EC2 NodeClass"', '(NP-59)');
    expect(spec({}, custom({ nodeClassName: 'gpu.nodes' })).template.spec.nodeClassRef.name).toBe('gpu.nodes');
  });

  test('throws on enum-like values that are plain objects cast to their class', () => {
    const forged = <T>(value: object) => value as unknown as T;
    expectInvalid(() => pool({ consolidationPolicy: forged({ value: 'WhenIdle' }) }), '[test/Pool] consolidationPolicy', 'must be made by ConsolidationPolicy', '(GEN-70)');
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(1), reasons: [forged({ value: 'Expired' })] }] }),
      'disruption.budgets[0].reasons[0]', 'must be made by DisruptionReason', '(GEN-70)');
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: forged({ amount: 1, isPercent: false }) }] }), 'disruption.budgets[0].nodes', 'DisruptableNodes.count(...)', '(GEN-70)');
    expectInvalid(() => pool({ expireAfter: forged({ duration: Duration.hours(1) }) }), 'expireAfter', 'must be made by DurationOrNever', '(GEN-70)');
    const label = forged<NodeLabel>({ key: 'team' });
    expectInvalid(() => pool({ requirements: [Requirement._create(label, RequirementOperator.IN, ['web'])] }), 'requirements[0].label', 'must be made by NodeLabel', '(GEN-70)');
    expectInvalid(() => pool({ requirements: [forged({ label: NodeLabel.ZONE, operator: RequirementOperator.IN, values: ['a'] })] }),
      'requirements[0]', 'must be made by Requirement', '(GEN-70)');
  });

  test('throws on durations beyond the longest Go duration, which Karpenter cannot parse', () => {
    expectInvalid(() => pool({ expireAfter: DurationOrNever.after(Duration.days(2 ** 31)) }), '[test/Pool] expireAfter', 'at most 2562047h47m16s', '(NP-05)');
    expectInvalid(() => pool({ consolidateAfter: DurationOrNever.after(Duration.seconds(NaN)) }), 'disruption.consolidateAfter', 'whole number of seconds', '(NP-03)');
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(0), schedule: Cron.daily(), duration: Duration.days(2 ** 31) }] }),
      'disruption.budgets[0].duration', 'at most 2562047h47m16s', '(NP-09)');
    expect(spec({ expireAfter: DurationOrNever.after(Duration.seconds(9_223_372_036)) }).template.spec.expireAfter).toBe('2562047h47m16s');
  });

  test('throws on a budget node count beyond int32, which Karpenter reads as an int32', () => {
    expectInvalid(() => pool({ disruptionBudgets: [{ nodes: DisruptableNodes.count(2 ** 31) }] }), 'disruption.budgets[0].nodes', 'got 2147483648', 'from 0 to 2147483647', '(NP-07)');
  });

  test('throws on weight or resource limits on a static pool', () => {
    expectInvalid(() => pool({ replicas: 2, weight: 10 }), 'weight', 'got 10', 'static NodePool');
    expectInvalid(() => pool({ replicas: 2, limits: { cpu: kplus.Cpu.units(4) } }), 'limits', '["cpu"]', 'only limits.nodes');
  });

  test('fails synthesis when a label contradicts the pool\'s own requirement on it', () => {
    const { chart } = pool({ labels: { tier: 'web' }, requirements: [NodeLabel.custom('tier').isIn('db')] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Pool\] labels\["tier"\]: got "web"; must be allowed by the pool's own requirement tier In \[db\]/);
  });
});

describe('NodePool warnings', () => {
  test('warns on a pool without limits', () => {
    const chart = Testing.chart();
    new NodePool(chart, 'Pool', { nodeClass: EC2(chart) });
    expect(warningsOf(chart)).toEqual([expect.stringContaining('[test/Pool] has no limits')]);
  });

  test('warns on instance families, categories and sizes that do not exist', () => {
    const { chart } = pool({
      requirements: [
        Requirement.instanceFamily('t3', 't3a', 'c6', 'c6a', 'c7', 'c7a').withMinValues(2),
        Requirement.instanceCategory('c', 'q'),
        Requirement.instanceSize('large', 'huge'),
      ],
    });
    expect(warningsOf(chart)).toEqual([
      expect.stringMatching(/instance-family In\): "c6", "c7" are not a known EC2 instance family/),
      expect.stringMatching(/instance-category In\): "q" is not a known EC2 instance category/),
      expect.stringMatching(/instance-size In\): "huge" is not a known EC2 instance size/),
    ]);
  });

  test('warns on expiry without a termination grace period', () => {
    const { chart } = pool({ expireAfter: DurationOrNever.after(Duration.hours(24)) });
    expect(warningsOf(chart)).toEqual([expect.stringContaining('expireAfter without terminationGracePeriod')]);
  });

  test('records no warning for a well-formed pool', () => {
    const { chart } = pool({ requirements: [Requirement.instanceFamily('m7g', 'c7g')] });
    expect(warningsOf(chart)).toEqual([]);
  });
});
