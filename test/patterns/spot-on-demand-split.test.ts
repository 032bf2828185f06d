import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { warningsOf } from '../../src/core/warnings';
import {
  AmiFamily, AmiSelection, Arch, CapacityType, DurationOrNever, Ec2NodeClass, NodeClassReference, NodeLabel, Requirement, RequirementOperator,
} from '../../src/karpenter';
import { SpotOnDemandSplit, SpotOnDemandSplitProps } from '../../src/patterns';
import { docOf, expectInvalid, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';

function appDeployment(chart: Chart, app: string): kplus.Deployment {
  const deployment = new kplus.Deployment(chart, app, {
    metadata: { name: app, namespace: 'moc' },
    select: false,
    podMetadata: { labels: { app } },
    containers: [{ name: app, image: 'cquinta/moc-app:beta1', portNumber: 8000, securityContext: { user: 10001 } }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: { app } }));
  return deployment;
}

function seed003NodeClass(chart: Chart, name: string): Ec2NodeClass {
  return new Ec2NodeClass(chart, `${name}-class`, {
    metadata: { name },
    amiFamily: AmiFamily.BOTTLEROCKET,
    amiSelection: AmiSelection.ids('ami-0bottlerocket131'),
    instanceProfile: 'webinar-infnet',
    securityGroupSelectorTerms: [{ id: 'sg-0cluster' }],
    subnetSelectorTerms: [{ id: 'subnet-0a' }, { id: 'subnet-0b' }, { id: 'subnet-0c' }],
  });
}

function seed003Split(chart: Chart, extra: Partial<SpotOnDemandSplitProps> = {}): SpotOnDemandSplit {
  return new SpotOnDemandSplit(chart, 'Split', {
    nodeClass: seed003NodeClass(chart, 'ondemandpool'),
    spot: { metadata: { name: 'spotpool' }, nodeClass: seed003NodeClass(chart, 'spotpool'), labels: { workload: 'spotpool' } },
    onDemand: { metadata: { name: 'ondemandpool' }, labels: { workload: 'ondemandpool' } },
    labels: { 'compute-type': 'ec2', 'cilium.io/role': 'agent' },
    requirements: [
      Requirement.instanceFamily('t3', 't3a', 'c6', 'c6a', 'c7', 'c7a').withMinValues(2),
      Requirement.instanceSize('large', 'xlarge', '2xlarge').withMinValues(2),
      Requirement.zone('us-east-1a', 'us-east-1b', 'us-east-1c'),
    ],
    consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
    limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
    ...extra,
  });
}

const byKey = (a: any, b: any) => a.key.localeCompare(b.key);

describe('SpotOnDemandSplit', () => {
  test('reproduces seed 003-5\'s spotpool and ondemandpool and the capacity-spread constraint of moc and consumer', () => {
    const chart = Testing.chart();
    const moc = appDeployment(chart, 'moc');
    const split = seed003Split(chart, { workloads: [moc] });
    split.schedule(appDeployment(chart, 'consumer'));
    const docs = Testing.synth(chart);
    expectValidManifests(docs);

    const upstream = referenceDocs('003/derived/karpenter-spotpool-ondemandpool.rendered.yaml').filter(d => d.kind === 'NodePool');
    for (const expected of upstream) {
      const actual = docOf(docs, 'NodePool', expected.metadata.name);
      expect(actual.spec.template.spec.requirements.sort(byKey)).toEqual(expected.spec.template.spec.requirements.sort(byKey));
      expect({ ...actual.spec, template: undefined }).toEqual({ ...expected.spec, template: undefined });
      expect(actual.spec.template.metadata).toEqual(expected.spec.template.metadata);
      expect(actual.spec.template.spec.nodeClassRef).toEqual(expected.spec.template.spec.nodeClassRef);
    }
    const seedConstraint = referenceDocs('003/assets/moc-consumer.yaml')[0].spec.template.spec.topologySpreadConstraints;
    expect(docOf(docs, 'Deployment', 'consumer').spec.template.spec.topologySpreadConstraints).toEqual(seedConstraint);
    expect(docOf(docs, 'Deployment', 'moc').spec.template.spec.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'capacity-spread', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'moc' } } },
    ]);
    expect(split.onDemandDomains).toEqual(['a']);
    expect(split.spotDomains).toEqual(['b', 'c', 'd']);
    // seed 003 lists the families c6 and c7, which do not exist
    expect(warningsOf(chart).filter(w => w.includes('"c6", "c7"'))).toHaveLength(2);
  });

  test('splits other ratios over disjoint values of a custom spread label', () => {
    const chart = Testing.chart();
    const split = new SpotOnDemandSplit(chart, 'Split', {
      nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'ImportedClass', 'default'),
      onDemandShare: 2,
      spotShare: 5,
      spreadLabel: 'example.com/spread',
      limits: { cpu: kplus.Cpu.units(100) },
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const spreadOf = (name: string) => docOf(docs, 'NodePool', name).spec.template.spec.requirements.find((r: any) => r.key === 'example.com/spread').values;
    expect(spreadOf(split.onDemandPool.name)).toEqual(['a', 'b']);
    expect(spreadOf(split.spotPool.name)).toEqual(['c', 'd', 'e', 'f', 'g']);
    expect(docOf(docs, 'NodePool', split.spotPool.name).spec.template.spec.requirements[1]).toEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] });
  });

  test('lets the workloads tolerate taints shared by both pools', () => {
    const chart = Testing.chart();
    const app = appDeployment(chart, 'app');
    new SpotOnDemandSplit(chart, 'Split', {
      nodeClass: NodeClassReference.eksAutoMode(),
      taints: [{ key: 'split', effect: kplus.TaintEffect.NO_SCHEDULE }],
      limits: { cpu: kplus.Cpu.units(100) },
      workloads: [app],
    });
    expect(docOf(Testing.synth(chart), 'Deployment', 'app').spec.template.spec.tolerations).toEqual([{ key: 'split', operator: 'Exists' }]);
  });

  test('matches the snapshot', () => {
    const chart = Testing.chart();
    seed003Split(chart, { workloads: [appDeployment(chart, 'moc')] });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test.each([[0, 3], [1, 0], [1.5, 3], [20, 10]])('throws on the shares %p:%p', (onDemandShare, spotShare) => {
    const chart = Testing.chart();
    expectInvalid(() => new SpotOnDemandSplit(chart, 'Split', { nodeClass: NodeClassReference.eksAutoMode(), onDemandShare, spotShare }),
      '[test/Split]', 'Share', 'got');
  });

  test('throws when the shared requirements or labels set the capacity type or the spread label', () => {
    const chart = Testing.chart();
    const nodeClass = NodeClassReference.eksAutoMode();
    expectInvalid(() => new SpotOnDemandSplit(chart, 'A', { nodeClass, requirements: [Requirement.capacityType(CapacityType.SPOT)] }),
      '[test/A]', 'requirements', '"karpenter.sh/capacity-type"', 'sets it per pool');
    expectInvalid(() => new SpotOnDemandSplit(chart, 'B', { nodeClass, requirements: [NodeLabel.custom('capacity-spread').exists()] }),
      '[test/B]', 'requirements', '"capacity-spread"');
    expectInvalid(() => new SpotOnDemandSplit(chart, 'C', { nodeClass, spot: { labels: { 'capacity-spread': 'b' } } }),
      '[test/C]', 'spot.labels key', '"capacity-spread"', 'must not set the spread label');
    expectInvalid(() => new SpotOnDemandSplit(chart, 'D', { nodeClass, spreadLabel: 'bad label' }), '[test/D]', 'spreadLabel', '"bad label"');
    expectInvalid(() => new SpotOnDemandSplit(chart, 'E', { nodeClass, spot: { metadata: { name: 'Spot_Pool' } } }), '[test/E/Spot]', 'metadata.name', '"Spot_Pool"');
  });

  // Found by the seeded fuzzing (test/fuzz/karpenter.fuzz.test.ts): a forged label crashed with a TypeError, a memory
  // limit of a fraction of a byte with cdk8s's own conversion error at synth.
  test('throws on a requirement label cast to NodeLabel and on a memory limit of a fraction of a byte', () => {
    const chart = Testing.chart();
    const nodeClass = NodeClassReference.eksAutoMode();
    const label = { key: 'team' } as unknown as NodeLabel;
    expectInvalid(() => new SpotOnDemandSplit(chart, 'A', { nodeClass, onDemand: { requirements: [Requirement._create(label, RequirementOperator.IN, ['web'])] } }),
      '[test/A]', 'onDemand.requirements[0].label', 'must be made by NodeLabel', '(GEN-70)');
    expectInvalid(() => new SpotOnDemandSplit(chart, 'B', { nodeClass, limits: { memory: Size.gibibytes(0.1) } }), '[test/B/Spot]', 'limits.memory', 'whole number of bytes', '(NP-56)');
  });

  test('throws when a workload is added twice', () => {
    const chart = Testing.chart();
    const app = appDeployment(chart, 'app');
    const split = new SpotOnDemandSplit(chart, 'Split', { nodeClass: NodeClassReference.eksAutoMode(), workloads: [app] });
    expectInvalid(() => split.schedule(app), '[test/app]', 'topologySpreadConstraints.topologyKey', '"capacity-spread"', 'duplicate');
  });

  test('lists the spread workloads on both pools', () => {
    const chart = Testing.chart();
    const app = appDeployment(chart, 'app');
    const split = new SpotOnDemandSplit(chart, 'Split', { nodeClass: NodeClassReference.eksAutoMode(), limits: { nodes: 4 }, workloads: [app] });
    expect(split.spotPool.scheduledWorkloads).toEqual([{ workload: app, options: {} }]);
    expect(split.onDemandPool.scheduledWorkloads).toEqual([{ workload: app, options: {} }]);
  });

  test('narrows both pools\' nodes with placement options, checked against each pool', () => {
    const chart = Testing.chart();
    const split = new SpotOnDemandSplit(chart, 'Split', {
      nodeClass: NodeClassReference.eksAutoMode(),
      requirements: [Requirement.arch(Arch.ARM64, Arch.AMD64)],
      spot: { requirements: [Requirement.zone('us-east-1a', 'us-east-1b')] },
      limits: { nodes: 4 },
    });
    split.schedule(appDeployment(chart, 'app'), { arch: Arch.ARM64, zone: 'us-east-1b' });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    expect(docOf(docs, 'Deployment', 'app').spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64', 'topology.kubernetes.io/zone': 'us-east-1b' });
    expect(split.spotPool.scheduledWorkloads[0].options).toEqual({ arch: Arch.ARM64, zone: 'us-east-1b' });
    expectInvalid(() => split.schedule(appDeployment(chart, 'other'), { zone: 'us-east-1c' }),
      '[test/other]', 'zone', '"us-east-1c"', 'NodePool test/Split/Spot', 'In [us-east-1a, us-east-1b]');
  });

  test('throws when a workload placed on the split selects a capacity type', () => {
    const chart = Testing.chart();
    const split = new SpotOnDemandSplit(chart, 'Split', { nodeClass: NodeClassReference.eksAutoMode(), limits: { nodes: 4 } });
    expectInvalid(() => split.schedule(appDeployment(chart, 'app'), { capacityType: CapacityType.SPOT }),
      '[test/Split]', 'capacityType', '"spot"', 'must be unset', '(PAT-11)');
    expect(split.spotPool.scheduledWorkloads).toEqual([]);
  });

  test('adds each pool\'s own labels, requirements and taints to the shared ones, and lets its other options replace them', () => {
    const chart = Testing.chart();
    const app = appDeployment(chart, 'app');
    const split = new SpotOnDemandSplit(chart, 'Split', {
      nodeClass: NodeClassReference.eksAutoMode(),
      labels: { team: 'web' },
      taints: [{ key: 'split', effect: kplus.TaintEffect.NO_SCHEDULE }],
      requirements: [Requirement.zone('us-east-1a')],
      limits: { nodes: 4 },
      weight: 10,
      spot: {
        labels: { tier: 'cheap' },
        taints: [{ key: 'spot', value: 'true', effect: kplus.TaintEffect.NO_SCHEDULE }],
        requirements: [Requirement.instanceFamily('c7i')],
        limits: { nodes: 8 },
        weight: undefined,
      },
      workloads: [app],
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const spot = docOf(docs, 'NodePool', split.spotPool.name).spec;
    const onDemand = docOf(docs, 'NodePool', split.onDemandPool.name).spec;
    expect(spot.template.metadata.labels).toEqual({ team: 'web', tier: 'cheap' });
    expect(onDemand.template.metadata.labels).toEqual({ team: 'web' });
    expect(spot.template.spec.requirements.map((r: any) => r.key)).toEqual([
      'capacity-spread', 'karpenter.sh/capacity-type', 'topology.kubernetes.io/zone', 'eks.amazonaws.com/instance-family',
    ]);
    expect(spot.template.spec.taints).toEqual([{ key: 'split', effect: 'NoSchedule' }, { key: 'spot', value: 'true', effect: 'NoSchedule' }]);
    expect([spot.limits, onDemand.limits]).toEqual([{ nodes: '8' }, { nodes: '4' }]);
    // a pool option given as undefined keeps the shared one
    expect([spot.weight, onDemand.weight]).toEqual([10, 10]);
    // the shared taint is tolerated once, the Spot pool's own too
    expect(docOf(docs, 'Deployment', 'app').spec.template.spec.tolerations).toEqual([
      { key: 'split', operator: 'Exists' },
      { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
    ]);
  });

  test('throws when a pool\'s own requirements set the capacity type or the spread label', () => {
    const chart = Testing.chart();
    const nodeClass = NodeClassReference.eksAutoMode();
    expectInvalid(() => new SpotOnDemandSplit(chart, 'A', { nodeClass, onDemand: { requirements: [Requirement.capacityType(CapacityType.SPOT)] } }),
      '[test/A]', 'onDemand.requirements', '"karpenter.sh/capacity-type"', 'sets it per pool');
  });

  describe('capacity', () => {
    test('warns once when the Spot and on-demand pools launch different instance types (PAT-13)', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      new SpotOnDemandSplit(chart, 'Split', {
        nodeClass: NodeClassReference.eksAutoMode(),
        requirements: [Requirement.instanceCategory('c', 'm')],
        spot: { requirements: [Requirement.arch(Arch.ARM64)] },
        limits: { cpu: kplus.Cpu.units(100) },
      });
      new Chart(app, 'other');
      app.synth();
      const warnings = warningsOf(app).filter(w => w.endsWith('(PAT-13)'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^\[c\/Split\] spot and onDemand launch different instance types: \d+ only on on-demand \(c4\.large, c4\.xlarge, c4\.2xlarge and \d+ more\); /);
    });

    test('records no PAT-13 warning when both pools share their instance requirements', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      seed003Split(chart);
      app.synth();
      expect(warningsOf(app).filter(w => w.endsWith('(PAT-13)'))).toEqual([]);
    });
  });
});
