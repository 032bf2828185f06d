import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { autoModeSeedPool, docOf, expectInvalid, referenceDocs } from './support';
import { warningsOf } from '../../src/core/warnings';
import { Arch, CapacityType, Ec2NodeClass, NodeClassReference, NodePool, NodePoolProps, Requirement } from '../../src/karpenter';
import { expectValidManifests } from '../support/manifest-validator';

function autoModePool(chart: Chart, name: string, archs: Arch[], capacity: CapacityType[], extra: Partial<NodePoolProps> = {}): NodePool {
  return autoModeSeedPool(chart, name, archs, capacity, { limits: { cpu: kplus.Cpu.units(100) }, ...extra });
}

function deployment(chart: Chart, name: string): kplus.Deployment {
  return new kplus.Deployment(chart, name, {
    metadata: { name },
    containers: [{ name, image: 'public.ecr.aws/chrismld/montecarlo-pi', portNumber: 8080, securityContext: { user: 10001 } }],
  });
}

function podSpec(chart: Chart, name: string): any {
  const docs = Testing.synth(chart);
  expectValidManifests(docs);
  return docOf(docs, 'Deployment', name).spec.template.spec;
}

describe('NodePool.schedule', () => {
  test('reproduces seed 000\'s placement of the three montecarlo-pi Deployments', () => {
    const chart = Testing.chart();
    const graviton = autoModePool(chart, 'graviton', [Arch.ARM64], [CapacityType.ON_DEMAND, CapacityType.SPOT]);
    const x86 = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND, CapacityType.SPOT]);
    const multiarch = autoModePool(chart, 'multiarch', [Arch.ARM64, Arch.AMD64], [CapacityType.ON_DEMAND]);
    multiarch.schedule(deployment(chart, 'montecarlo-pi'), { capacityType: CapacityType.ON_DEMAND, instanceFamily: 'c6i' });
    graviton.schedule(deployment(chart, 'montecarlo-pi-graviton'), { capacityType: CapacityType.ON_DEMAND, instanceFamily: 'c8g' });
    x86.schedule(deployment(chart, 'montecarlo-pi-x86'), { capacityType: CapacityType.ON_DEMAND, instanceFamily: 'c7i' });

    const upstream = (file: string) => referenceDocs(`000/keda/manifests/${file}`).find(d => d.kind === 'Deployment').spec.template.spec;
    for (const [name, file] of [['montecarlo-pi', 'workload.yaml'], ['montecarlo-pi-graviton', 'graviton.yaml'], ['montecarlo-pi-x86', 'x86.yaml']]) {
      const spec = podSpec(chart, name);
      expect(spec.nodeSelector).toEqual(upstream(file).nodeSelector);
      expect(spec.tolerations).toEqual(upstream(file).tolerations);
    }
    expect(warningsOf(chart)).toEqual([]);
  });

  test('moves the Graviton Deployment to Spot (seed 000 Act V)', () => {
    const chart = Testing.chart();
    const graviton = autoModePool(chart, 'graviton', [Arch.ARM64], [CapacityType.ON_DEMAND, CapacityType.SPOT]);
    graviton.schedule(deployment(chart, 'app'), { capacityType: CapacityType.SPOT, instanceFamily: 'c8g' });
    expect(podSpec(chart, 'app').nodeSelector['karpenter.sh/capacity-type']).toBe('spot');
  });

  test('throws when Spot is requested from the on-demand-only multiarch pool (seed 000 ambiguity A000-2)', () => {
    const chart = Testing.chart();
    const multiarch = autoModePool(chart, 'multiarch', [Arch.ARM64, Arch.AMD64], [CapacityType.ON_DEMAND]);
    expectInvalid(() => multiarch.schedule(deployment(chart, 'app'), { capacityType: CapacityType.SPOT }),
      '[test/app]', 'capacityType', '"spot"', 'NodePool test/multiarch', 'karpenter.sh/capacity-type In [on-demand]');
  });

  test('throws when Spot is requested from a pool without a capacity-type requirement, which launches on-demand only', () => {
    const chart = Testing.chart();
    const p = new NodePool(chart, 'pool', { nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'Class', 'default'), limits: { nodes: 1 } });
    expectInvalid(() => p.schedule(deployment(chart, 'app'), { capacityType: CapacityType.SPOT }), 'capacityType', '"spot"', 'In [on-demand]');
  });

  test('throws when a Graviton family is selected on the amd64 pool and the reverse', () => {
    const chart = Testing.chart();
    const x86 = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND]);
    const graviton = autoModePool(chart, 'graviton', [Arch.ARM64], [CapacityType.ON_DEMAND]);
    expectInvalid(() => x86.schedule(deployment(chart, 'a'), { instanceFamily: 'c8g' }),
      '[test/a]', 'instance family c8g\'s architecture', '"arm64"', 'kubernetes.io/arch In [amd64]');
    expectInvalid(() => graviton.schedule(deployment(chart, 'b'), { arch: Arch.AMD64 }), '[test/b]', 'arch', '"amd64"', 'In [arm64]');
    expectInvalid(() => graviton.schedule(deployment(chart, 'c'), { instanceType: 'm5.large' }), '[test/c]', 'architecture', '"amd64"');
  });

  test('throws when the arch contradicts the instance family', () => {
    const chart = Testing.chart();
    const multiarch = autoModePool(chart, 'multiarch', [Arch.ARM64, Arch.AMD64], [CapacityType.ON_DEMAND]);
    expectInvalid(() => multiarch.schedule(deployment(chart, 'a'), { arch: Arch.AMD64, instanceFamily: 'm7g' }), 'arch', '"amd64"', 'm7g, which is arm64');
  });

  test('throws when the family\'s category or generation is outside the pool\'s', () => {
    const chart = Testing.chart();
    const x86 = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND]);
    expectInvalid(() => x86.schedule(deployment(chart, 'a'), { instanceFamily: 'c4' }), 'generation', '"4"', 'eks.amazonaws.com/instance-generation Gt [4]');
    expectInvalid(() => x86.schedule(deployment(chart, 'b'), { instanceFamily: 'g5' }), 'category', '"g"', 'instance-category In [c, m, r]');
  });

  test('throws when two pools select different values of the same label', () => {
    const chart = Testing.chart();
    const a = autoModePool(chart, 'graviton', [Arch.ARM64], [CapacityType.ON_DEMAND]);
    const b = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND]);
    const app = deployment(chart, 'app');
    a.schedule(app);
    expectInvalid(() => b.schedule(app), '[test/app]', 'nodeSelector["intent"]', '"x86"', 'already selects "graviton"');
  });

  test('selects the zone and instance type, and tolerates tainted values with their effect', () => {
    const chart = Testing.chart();
    const p = new NodePool(chart, 'pool', {
      nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'Class', 'default'),
      taints: [{ key: 'dedicated', value: 'batch', effect: kplus.TaintEffect.NO_EXECUTE }],
      requirements: [Requirement.zone('us-east-1a', 'us-east-1b')],
      limits: { memory: Size.gibibytes(64) },
    });
    const app = deployment(chart, 'app');
    p.schedule(app, { zone: 'us-east-1b', instanceType: 'm6i.large', arch: Arch.AMD64 });
    const spec = podSpec(chart, 'app');
    expect(spec.nodeSelector).toEqual({
      'topology.kubernetes.io/zone': 'us-east-1b', 'node.kubernetes.io/instance-type': 'm6i.large', 'kubernetes.io/arch': 'amd64',
    });
    expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoExecute' }]);
    expectInvalid(() => p.schedule(deployment(chart, 'other'), { zone: 'us-east-1c' }), 'zone', '"us-east-1c"', 'In [us-east-1a, us-east-1b]');
  });

  test('warns when a workload lands on a multi-arch pool without a pinned architecture', () => {
    const chart = Testing.chart();
    const multiarch = autoModePool(chart, 'multiarch', [Arch.ARM64, Arch.AMD64], [CapacityType.ON_DEMAND]);
    multiarch.schedule(deployment(chart, 'app'));
    expect(warningsOf(chart)).toEqual([expect.stringContaining('[test/app] is placed on NodePool test/multiarch, which launches amd64 and arm64 nodes')]);
  });

  test('places StatefulSets, Jobs and DaemonSets too', () => {
    const chart = Testing.chart();
    const p = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND]);
    const containers = [{ image: 'busybox:1.36', securityContext: { user: 10001 } }];
    const service = new kplus.Service(chart, 'svc', { ports: [{ port: 80 }] });
    const workloads: kplus.Workload[] = [
      new kplus.StatefulSet(chart, 'sts', { containers, service }),
      new kplus.Job(chart, 'job', { containers }),
      new kplus.DaemonSet(chart, 'ds', { containers }),
    ];
    for (const w of workloads) p.schedule(w);
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    for (const kind of ['StatefulSet', 'Job', 'DaemonSet']) {
      expect(docOf(docs, kind).spec.template.spec.nodeSelector).toEqual({ intent: 'x86' });
    }
  });

  test('tolerates the pool\'s taints without selecting it', () => {
    const chart = Testing.chart();
    const p = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND]);
    p.tolerateTaints(deployment(chart, 'app'));
    const spec = podSpec(chart, 'app');
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.tolerations).toEqual([{ key: 'x86', operator: 'Exists' }]);
  });
});

describe('architecture of a pool limited by instance types', () => {
  test('does not warn about multi-arch images when every listed instance type is amd64', () => {
    const chart = Testing.chart();
    const pool = new NodePool(chart, 'Pool', {
      nodeClass: NodeClassReference.eksAutoMode(),
      requirements: [Requirement.instanceType('t3.medium', 't3.small', 'm5.large')],
      limits: { cpu: kplus.Cpu.units(8) },
    });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/app:1.0' }] });
    pool.schedule(web);
    expect(warningsOf(web)).toEqual([]);
  });

  test('warns when the listed instance types span both architectures', () => {
    const chart = Testing.chart();
    const pool = new NodePool(chart, 'Pool', {
      nodeClass: NodeClassReference.eksAutoMode(),
      requirements: [Requirement.instanceType('m5.large', 'm7g.large')],
      limits: { cpu: kplus.Cpu.units(8) },
    });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/app:1.0' }] });
    pool.schedule(web);
    expect(warningsOf(web)).toEqual([expect.stringContaining('launches amd64 and arm64 nodes')]);
  });

  test('does not warn when every listed instance family is Graviton', () => {
    const chart = Testing.chart();
    const pool = new NodePool(chart, 'Pool', {
      nodeClass: NodeClassReference.eksAutoMode(),
      requirements: [Requirement.instanceFamily('m7g', 'c7g')],
      limits: { cpu: kplus.Cpu.units(8) },
    });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/app:1.0' }] });
    pool.schedule(web);
    expect(warningsOf(web)).toEqual([]);
  });

  test('does not warn when the workload pins its architecture on a multi-arch pool', () => {
    const chart = Testing.chart();
    const pool = autoModePool(chart, 'multiarch', [Arch.ARM64, Arch.AMD64], [CapacityType.ON_DEMAND]);
    const web = deployment(chart, 'web');
    pool.schedule(web, { arch: Arch.ARM64 });
    expect(warningsOf(web)).toEqual([]);
    expect(podSpec(chart, 'web').nodeSelector['kubernetes.io/arch']).toBe('arm64');
  });
});

describe('what a pool reads back', () => {
  test('lists the workloads scheduled on it, with the node constraints each selects', () => {
    const chart = Testing.chart();
    const p = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND, CapacityType.SPOT]);
    const web = deployment(chart, 'web');
    const batch = deployment(chart, 'batch');
    p.schedule(web);
    p.schedule(batch, { capacityType: CapacityType.SPOT, instanceFamily: 'c7i' });
    p.tolerateTaints(deployment(chart, 'tolerating'));
    expect(p.scheduledWorkloads).toEqual([
      { workload: web, options: {} },
      { workload: batch, options: { capacityType: CapacityType.SPOT, instanceFamily: 'c7i' } },
    ]);
  });

  test('lists no workload that failed to schedule, and hands out copies', () => {
    const chart = Testing.chart();
    const p = autoModePool(chart, 'x86', [Arch.AMD64], [CapacityType.ON_DEMAND]);
    expect(() => p.schedule(deployment(chart, 'app'), { capacityType: CapacityType.SPOT })).toThrow(/NP-43/);
    expect(p.scheduledWorkloads).toEqual([]);
    p.scheduledWorkloads.push({ workload: deployment(chart, 'other'), options: {} });
    expect(p.scheduledWorkloads).toEqual([]);
  });

  test('reads back its node class, requirements, labels, taints, limits, weight and replicas', () => {
    const chart = Testing.chart();
    const nodeClass = NodeClassReference.eksAutoMode();
    const dynamic = new NodePool(chart, 'Dynamic', {
      nodeClass,
      requirements: [Requirement.zone('us-east-1a')],
      labels: { team: 'web' },
      taints: [{ key: 'web', effect: kplus.TaintEffect.NO_SCHEDULE }],
      startupTaints: [{ key: 'booting', effect: kplus.TaintEffect.NO_SCHEDULE }],
      limits: { cpu: kplus.Cpu.units(8), resources: { 'aws.amazon.com/neuron': '2' } },
      weight: 10,
    });
    expect(dynamic.nodeClass).toBe(nodeClass);
    expect(dynamic.requirements.map(r => r.values)).toEqual([['us-east-1a']]);
    expect(dynamic.labels).toEqual({ team: 'web' });
    expect(dynamic.taints).toEqual([{ key: 'web', effect: 'NoSchedule' }]);
    expect(dynamic.startupTaints).toEqual([{ key: 'booting', effect: 'NoSchedule' }]);
    expect(dynamic.limits?.cpu?.amount).toBe('8');
    expect(dynamic.limits?.resources).toEqual({ 'aws.amazon.com/neuron': '2' });
    expect([dynamic.weight, dynamic.replicas]).toEqual([10, undefined]);
    const fixed = new NodePool(chart, 'Static', { nodeClass, replicas: 2, limits: { nodes: 3 } });
    expect([fixed.weight, fixed.replicas, fixed.limits]).toEqual([undefined, 2, { nodes: 3 }]);
    expect(new NodePool(chart, 'Unbounded', { nodeClass }).limits).toBeUndefined();
  });
});
