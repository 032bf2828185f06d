import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { warningsOf } from '../../src/core/warnings';
import { Arch, CapacityType, DisruptableNodes, DurationOrNever, Ec2NodeClass, NodeClassReference, Requirement } from '../../src/karpenter';
import { ArchitecturePools, ArchitecturePoolsProps } from '../../src/patterns';
import { docOf, expectInvalid, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';

function seed000Pools(chart: Chart, extra: Partial<ArchitecturePoolsProps> = {}): ArchitecturePools {
  return new ArchitecturePools(chart, 'Pools', {
    nodeClass: NodeClassReference.eksAutoMode(),
    multiArch: { capacityTypes: [CapacityType.ON_DEMAND] },
    expireAfter: DurationOrNever.after(Duration.hours(336)),
    terminationGracePeriod: Duration.hours(24),
    consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
    disruptionBudgets: [{ nodes: DisruptableNodes.percent(10) }],
    ...extra,
  });
}

function app(chart: Chart, name: string): kplus.Deployment {
  return new kplus.Deployment(chart, name, { metadata: { name }, containers: [{ image: 'public.ecr.aws/chrismld/montecarlo-pi', securityContext: { user: 10001 } }] });
}

describe('ArchitecturePools', () => {
  test('reproduces seed 000\'s graviton, x86 and multiarch pools on EKS Auto Mode (terminationGracePeriod written 24h)', () => {
    const chart = Testing.chart();
    seed000Pools(chart);
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const upstream = referenceDocs('000/keda/manifests/nodepool.yaml');
    for (const doc of upstream) doc.spec.template.spec.terminationGracePeriod = '24h';
    expect(docs).toEqual(upstream);
    // seed 000 sets no limits: each pool is flagged
    expect(warningsOf(chart)).toHaveLength(3);
  });

  test('places a workload on the pool of its image\'s architecture', () => {
    const chart = Testing.chart();
    const pools = seed000Pools(chart);
    pools.schedule(app(chart, 'arm'), { arch: Arch.ARM64, capacityType: CapacityType.SPOT });
    pools.schedule(app(chart, 'amd'), { arch: Arch.AMD64 });
    pools.schedule(app(chart, 'both'), { instanceFamily: 'c6i' });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const selectorOf = (name: string) => docOf(docs, 'Deployment', name).spec.template.spec.nodeSelector;
    expect(selectorOf('arm')).toEqual({ 'intent': 'graviton', 'kubernetes.io/arch': 'arm64', 'karpenter.sh/capacity-type': 'spot' });
    expect(selectorOf('amd')).toEqual({ 'intent': 'x86', 'kubernetes.io/arch': 'amd64' });
    expect(selectorOf('both')).toEqual({ 'intent': 'multiarch', 'eks.amazonaws.com/instance-family': 'c6i' });
    expect(docOf(docs, 'Deployment', 'arm').spec.template.spec.tolerations).toEqual([{ key: 'graviton', operator: 'Exists' }]);
  });

  test('renames pools, changes categories and generations, and can skip the dedicated labels and taints', () => {
    const chart = Testing.chart();
    const pools = new ArchitecturePools(chart, 'Pools', {
      nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'ImportedClass', 'default'),
      graviton: { metadata: { name: 'arm' } },
      x86: { enabled: false },
      multiArch: { enabled: false },
      instanceCategories: ['m'],
      minimumGenerationAbove: 6,
      dedicated: false,
      limits: { cpu: kplus.Cpu.units(64) },
    });
    expect(pools.x86).toBeUndefined();
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    expect(docs).toHaveLength(1);
    expect(docs[0].metadata.name).toBe('arm');
    expect(docs[0].spec.template.metadata).toBeUndefined();
    expect(docs[0].spec.template.spec.taints).toBeUndefined();
    expect(docs[0].spec.template.spec.requirements.slice(1, 3)).toEqual([
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['m'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['6'] },
    ]);
  });

  test('matches the snapshot', () => {
    const chart = Testing.chart();
    seed000Pools(chart);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('throws when placing a workload on a disabled pool', () => {
    const chart = Testing.chart();
    const pools = seed000Pools(chart, { x86: { enabled: false } });
    expectInvalid(() => pools.schedule(app(chart, 'amd'), { arch: Arch.AMD64 }), '[test/Pools]', 'x86', '"disabled"', 'must be enabled');
  });

  test('throws on invalid or repeated pool names and on no pool at all', () => {
    const chart = Testing.chart();
    expectInvalid(() => seed000Pools(chart, { graviton: { metadata: { name: 'Arm_Pool' } } }), '[test/Pools]', 'graviton.metadata.name', '"Arm_Pool"', 'DNS-1123 label');
    const other = Testing.chart();
    expectInvalid(() => new ArchitecturePools(other, 'Pools', { nodeClass: NodeClassReference.eksAutoMode(), graviton: { metadata: { name: 'x86' } } }),
      'pool names', 'must be distinct');
    const none = Testing.chart();
    expectInvalid(() => new ArchitecturePools(none, 'Pools', {
      nodeClass: NodeClassReference.eksAutoMode(), graviton: { enabled: false }, x86: { enabled: false }, multiArch: { enabled: false },
    }), '[test/Pools]', 'pools', 'at least one pool');
  });

  // Found by the seeded fuzzing (test/fuzz/karpenter.fuzz.test.ts).
  test('throws on capacity types cast to CapacityType, an unnamed node class and limits that are no quantity', () => {
    const forged = { value: 'on-demand' } as unknown as CapacityType;
    expectInvalid(() => seed000Pools(Testing.chart(), { capacityTypes: [forged] }), '[test/Pools]', 'capacityTypes[0]', 'must be made by CapacityType', '(GEN-70)');
    expectInvalid(() => seed000Pools(Testing.chart(), { x86: { capacityTypes: [forged] } }), '[test/Pools]', 'x86.capacityTypes[0]', '(GEN-70)');
    expectInvalid(() => seed000Pools(Testing.chart(), { nodeClass: NodeClassReference.eksAutoMode(' ') }), '[test/Pools/Graviton]', 'nodeClass.nodeClassName', 'got " "');
    expectInvalid(() => seed000Pools(Testing.chart(), { limits: { memory: Size.gibibytes(0.1) } }), '[test/Pools/Graviton]', 'limits.memory', '(NP-56)');
  });

  test('gives each pool its own options over the shared settings', () => {
    const chart = Testing.chart();
    const pools = seed000Pools(chart, {
      limits: { cpu: kplus.Cpu.units(64) },
      labels: { team: 'perf' },
      graviton: { metadata: { name: 'arm', annotations: { owner: 'perf' } }, limits: { cpu: kplus.Cpu.units(128) }, labels: { price: 'low' } },
      x86: { requirements: [Requirement.instanceFamily('c7i')] },
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const armPool = docOf(docs, 'NodePool', 'arm');
    expect(armPool.metadata.annotations).toEqual({ owner: 'perf' });
    expect(armPool.spec.limits).toEqual({ cpu: '128' });
    expect(armPool.spec.template.metadata.labels).toEqual({ intent: 'arm', team: 'perf', price: 'low' });
    expect(docOf(docs, 'NodePool', 'x86').spec.limits).toEqual({ cpu: '64' });
    expect(docOf(docs, 'NodePool', 'x86').spec.template.spec.requirements.at(-1)).toEqual({ key: 'eks.amazonaws.com/instance-family', operator: 'In', values: ['c7i'] });
    const arm = app(chart, 'arm-app');
    pools.schedule(arm, { arch: Arch.ARM64 });
    expect(pools.graviton?.scheduledWorkloads).toEqual([{ workload: arm, options: { arch: Arch.ARM64 } }]);
  });
});

