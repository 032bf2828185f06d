import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { daemonSet, deployment, GIB, MIB, newApp, pool } from './support';
import { vendoredPrice } from './vendored';
import {
  AmiFamily, AmiSelection, Arch, CapacityCatalog, CapacityType, Ec2NodeClass, NodeClassReference, NodeLabel, NodePoolCapacity, Requirement,
  WorkloadCapacity,
} from '../../../src/karpenter';
import { limitCeiling, limitsForBudget } from '../../../src/karpenter/capacity/cost';
import { loadInstanceCatalog } from '../../../src/karpenter/capacity/instance-catalog-data';
import { poolModel } from '../../../src/karpenter/capacity/pool-model';
import { ArchitecturePools, GpuNodePool } from '../../../src/patterns';
import { docOf } from '../support';

const DISCOVERY = { 'karpenter.sh/discovery': 'my-cluster' };
const ec2Props = { role: 'NodeRole', subnetSelectorTerms: [{ tags: DISCOVERY }], securityGroupSelectorTerms: [{ tags: DISCOVERY }] };

describe('NodePoolCapacity', () => {
  test('lists exactly t3.nano for the issue\'s pool of t3 nano Spot instances, with its facts and price', () => {
    const { chart, nodeClass } = newApp();
    const tiny = pool(chart, 'tiny', nodeClass, {
      requirements: [Requirement.instanceFamily('t3'), Requirement.instanceSize('nano'), Requirement.capacityType(CapacityType.SPOT)],
    });
    const capacity = NodePoolCapacity.of(tiny);
    expect(capacity.instanceTypeNames).toEqual(['t3.nano']);
    expect(capacity.instanceTypes[0]).toMatchObject({
      name: 't3.nano',
      family: 't3',
      category: 't',
      size: 'nano',
      architecture: 'amd64',
      vcpu: 2,
      memoryMiB: 512,
      gpus: 0,
      allocatableCpu: 1.93,
      allocatableMemoryMiB: 74,
      allocatablePods: 4,
      extendedResources: {},
      onDemandPricePerHour: vendoredPrice('t3.nano'),
    });
    expect(capacity.unevaluatedKeys).toEqual(['karpenter.sh/capacity-type']);
    expect(capacity.pricePerHour).toEqual({ min: 0.0052, max: 0.0052, cheapest: 't3.nano', priciest: 't3.nano' });
  });

  test('narrows an EKS Auto Mode pool to the types Auto Mode launches, reading eks.amazonaws.com labels', () => {
    const { chart } = newApp();
    const auto = pool(chart, 'auto', NodeClassReference.eksAutoMode(), { requirements: [Requirement.instanceFamily('t3')] });
    const capacity = NodePoolCapacity.of(auto);
    expect(capacity.instanceTypeNames).toEqual(['t3.medium', 't3.large', 't3.xlarge', 't3.2xlarge']);
    expect(capacity.nodeClassNarrowing).toEqual(['EKS Auto Mode: its supported instance families, more than 1 vCPU, no nano, micro or small sizes']);
    expect(capacity.excludedByNodeClassCount).toBeGreaterThan(0);
    expect(capacity.unevaluatedKeys).toEqual([]);
  });

  test('narrows a Windows node class to amd64 types, and AWS SSM parameters of one architecture to it', () => {
    const { chart } = newApp();
    const windows = new Ec2NodeClass(chart, 'Windows', { metadata: { name: 'windows' }, amiSelection: AmiSelection.windows2022(), ...ec2Props });
    const arm = new Ec2NodeClass(chart, 'Arm', {
      metadata: { name: 'arm' },
      amiFamily: AmiFamily.AL2023,
      amiSelection: AmiSelection.terms({ ssmParameter: '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/arm64/standard/recommended/image_id' }),
      ...ec2Props,
    });
    const byId = new Ec2NodeClass(chart, 'ById', { metadata: { name: 'by-id' }, amiFamily: AmiFamily.AL2023, amiSelection: AmiSelection.ids('ami-0123456789abcdef0'), ...ec2Props });
    const family = [Requirement.instanceFamily('m7g', 'm7i')];
    expect(NodePoolCapacity.of(pool(chart, 'windows', windows, { requirements: family })).families).toEqual(['m7i']);
    expect(NodePoolCapacity.of(pool(chart, 'arm', arm, { requirements: family })).families).toEqual(['m7g']);
    expect(NodePoolCapacity.of(pool(chart, 'by-id', byId, { requirements: family })).families).toEqual(['m7g', 'm7i']);
    expect(NodePoolCapacity.of(pool(chart, 'windows2', windows)).nodeClassNarrowing).toEqual(['Windows2022 AMI family: Windows, amd64 only']);
  });

  test('leaves capacity type, zone and custom-label requirements unevaluated: they narrow nothing', () => {
    const { chart, nodeClass } = newApp();
    const zonal = pool(chart, 'zonal', nodeClass, {
      labels: { team: 'a' },
      requirements: [Requirement.zone('us-east-1a'), Requirement.capacityType(CapacityType.SPOT)],
    });
    const capacity = NodePoolCapacity.of(zonal);
    expect(capacity.instanceTypeNames).toHaveLength(1363);
    expect(capacity.unevaluatedKeys).toEqual(['karpenter.sh/capacity-type', 'team', 'topology.kubernetes.io/zone']);
  });

  test('gives vCPU, memory, GPU and price ranges, the unpriced types and the ceiling its limits allow', () => {
    const { chart, nodeClass } = newApp();
    const gpu = pool(chart, 'gpu', nodeClass, {
      requirements: [Requirement.instanceFamily('g5', 'p5')],
      limits: { cpu: kplus.Cpu.units(100) },
    });
    const capacity = NodePoolCapacity.of(gpu);
    expect(capacity.vcpu).toEqual({ min: 4, max: 192 });
    expect(capacity.memoryGiB).toEqual({ min: 16, max: 2048 });
    expect(capacity.gpus).toEqual({ min: 1, max: 8 });
    expect(capacity.gpuInstanceTypeCount).toBe(capacity.instanceTypeNames.length);
    expect(capacity.pricePerHour).toMatchObject({ min: vendoredPrice('g5.xlarge'), cheapest: 'g5.xlarge' });
    const types = poolModel(gpu).launchable;
    expect(capacity.ceilingPricePerHour).toBe(limitCeiling(types, { cpu: 100 }).pricePerHour);
    expect(capacity.limits).toEqual({ cpu: '100' });
    expect(capacity.unpricedInstanceTypes).toEqual(capacity.instanceTypes.filter(t => t.onDemandPricePerHour === undefined).map(t => t.name));
  });

  test('derives cpu and memory limits from an on-demand budget and renders them as ordinary limits', () => {
    const { chart, nodeClass } = newApp();
    const budgeted = pool(chart, 'budgeted', nodeClass, { requirements: [Requirement.instanceFamily('m5')], limits: { maxOnDemandPricePerHour: 4.8 } });
    const catalog = loadInstanceCatalog();
    const expected = limitsForBudget(catalog.types.filter(t => t.labels['karpenter.k8s.aws/instance-family'] === 'm5'), 4.8);
    // m5 costs $0.048 per vCPU-hour at every size: 4.8 / 0.048 = 100 vCPU.
    expect(expected.cpu).toBe(100);
    expect(budgeted.limits!.cpu!.amount).toBe('100');
    expect(budgeted.limits!.memory!.toGibibytes()).toBe(expected.memoryGiB);
    expect(docOf(Testing.synth(chart), 'NodePool', 'budgeted').spec.limits).toEqual({ cpu: '100', memory: `${expected.memoryGiB}Gi` });
    const capacity = NodePoolCapacity.of(budgeted);
    expect(capacity.maxOnDemandPricePerHour).toBe(4.8);
    expect(capacity.ceilingPricePerHour).toBeLessThanOrEqual(4.8 + 1e-9);
  });

  test('keeps the smaller of a given limit and the one the budget derives', () => {
    const { chart, nodeClass } = newApp();
    const budgeted = pool(chart, 'budgeted', nodeClass, {
      requirements: [Requirement.instanceFamily('m5')],
      limits: { cpu: kplus.Cpu.units(8), memory: Size.tebibytes(10), maxOnDemandPricePerHour: 4.8 },
    });
    const spec = docOf(Testing.synth(chart), 'NodePool', 'budgeted').spec;
    expect(spec.limits.cpu).toBe('8');
    expect(spec.limits.memory).toMatch(/^\d+Gi$/);
    expect(NodePoolCapacity.of(budgeted).limits.cpu).toBe('8');
  });

  test('reuses its evaluation across validation passes and evaluates again after a requirement is added', () => {
    const { app, chart, nodeClass } = newApp();
    const p = pool(chart, 'pool', nodeClass, { requirements: [Requirement.instanceCategory('c', 'm')] });
    const first = poolModel(p);
    app.synth();
    expect(poolModel(p)).toBe(first);
    p.addRequirement(Requirement.arch(Arch.ARM64));
    const second = poolModel(p);
    expect(second).not.toBe(first);
    expect(second.evaluation.compatible.every(t => t.labels['kubernetes.io/arch'] === 'arm64')).toBe(true);
  });
});

describe('WorkloadCapacity', () => {
  test('lists the pools that can host a workload and why the others cannot', () => {
    const { chart, nodeClass } = newApp();
    const a = pool(chart, 'a', nodeClass, { labels: { team: 'a' }, requirements: [Requirement.instanceFamily('m5')] });
    pool(chart, 'b', nodeClass, { labels: { team: 'b' } });
    pool(chart, 'tainted', nodeClass, { taints: [{ key: 'dedicated', effect: kplus.TaintEffect.NO_SCHEDULE }] });
    const web = deployment(chart, 'web', 1, GIB);
    a.schedule(web);
    const capacity = WorkloadCapacity.of(web);
    expect(capacity.scheduledOn).toEqual(['a']);
    expect(capacity.pools.map(p => p.poolName)).toEqual(['a']);
    expect(capacity.excludedPools).toEqual([
      { poolName: 'b', poolPath: 'c/b', reason: 'team In [a] conflicts with the pool\'s team In [b]' },
      { poolName: 'tainted', poolPath: 'c/tainted', reason: 'it does not tolerate the pool\'s taint dedicated:NoSchedule' },
    ]);
    expect(capacity.requests).toEqual({ cpu: '1', memory: '1Gi' });
    expect(capacity.fittingInstanceTypeNames).toEqual(['m5.large', 'm5.xlarge', 'm5.2xlarge', 'm5.4xlarge', 'm5.8xlarge', 'm5.12xlarge', 'm5.16xlarge', 'm5.24xlarge', 'm5.metal']);
  });

  test('leaves out a pool whose nodes do not carry a label the workload selects', () => {
    const { chart, nodeClass } = newApp();
    pool(chart, 'plain', nodeClass);
    const web = deployment(chart, 'web', 1, GIB);
    web.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('team', 'payments')));
    expect(WorkloadCapacity.of(web).excludedPools).toEqual([
      { poolName: 'plain', poolPath: 'c/plain', reason: 'the pool\'s nodes do not carry label team (In [payments])' },
    ]);
  });

  test('counts a DaemonSet only on the instance types its node affinity selects', () => {
    const { chart, nodeClass } = newApp();
    const gpu = new GpuNodePool(chart, 'gpu', { nodeClass, maxGpus: 8, metadata: { name: 'gpu' } });
    const general = pool(chart, 'general', nodeClass, { requirements: [Requirement.instanceFamily('m5', 'g5')] });
    const trainer = deployment(chart, 'trainer', 1, GIB);
    gpu.schedule(trainer);
    const web = deployment(chart, 'web', 1, GIB);
    general.schedule(web);
    const onGpu = WorkloadCapacity.of(trainer).pools.find(p => p.poolName === 'gpu')!;
    expect(onGpu.daemonSets).toEqual(['nvidia-device-plugin-daemonset']);
    const onGeneral = WorkloadCapacity.of(web).pools.find(p => p.poolName === 'general')!;
    // The plugin tolerates only the GPU taint and selects NVIDIA nodes: on the untainted general pool, its g5 types.
    expect(onGeneral.daemonSets).toEqual(['nvidia-device-plugin-daemonset']);
    expect(onGeneral.fittingInstanceTypes).toContain('m5.large');
  });

  test('prices the cheapest packing of its replicas onto one instance type, counting DaemonSet pods per node', () => {
    const { chart, nodeClass } = newApp();
    const c7i = pool(chart, 'x86', nodeClass, { requirements: [Requirement.instanceFamily('c7i')] });
    daemonSet(chart, 'agent', 0.1, 128 * MIB);
    const web = deployment(chart, 'web', 0.9, 512 * MIB, { replicas: 17 });
    c7i.schedule(web);
    const capacity = WorkloadCapacity.of(web);
    // c7i.4xlarge: 15.89 cores allocatable, less 0.1 for the agent: 17 replicas of 0.9 fit on one node.
    expect(capacity.cheapest).toEqual({
      poolName: 'x86',
      poolPath: 'c/x86',
      instanceType: 'c7i.4xlarge',
      replicas: 17,
      replicasPerNode: 17,
      nodes: 1,
      pricePerHour: vendoredPrice('c7i.4xlarge'),
      pricePerMonth: vendoredPrice('c7i.4xlarge')! * 730,
    });
  });

  test('prices the efficient-compute deployments: 17 replicas of 900m and 512Mi on each architecture pool of EKS Auto Mode', () => {
    const { chart } = newApp();
    const pools = new ArchitecturePools(chart, 'pools', { nodeClass: NodeClassReference.eksAutoMode(), multiArch: { capacityTypes: [CapacityType.ON_DEMAND] } });
    const placed = ([['graviton', pools.graviton!, 'c8g'], ['x86', pools.x86!, 'c7i'], ['multiarch', pools.multiArch!, 'c6i']] as const).map(([name, p, family]) => {
      const d = deployment(chart, `montecarlo-pi-${name}`, 0.9, 512 * MIB, { replicas: 17 });
      p.schedule(d, { capacityType: CapacityType.ON_DEMAND, instanceFamily: family });
      return WorkloadCapacity.of(d).cheapest!;
    });
    expect(placed.map(p => [p.poolName, p.instanceType, p.nodes, p.replicasPerNode])).toEqual([
      ['graviton', 'c8g.4xlarge', 1, 17], ['x86', 'c7i.4xlarge', 1, 17], ['multiarch', 'c6i.4xlarge', 1, 17],
    ]);
    expect(placed.map(p => p.pricePerHour)).toEqual([vendoredPrice('c8g.4xlarge'), vendoredPrice('c7i.4xlarge'), vendoredPrice('c6i.4xlarge')]);
  });

  test('prices a workload at 0 replicas for one, and sums it up in one line', () => {
    const { chart, nodeClass } = newApp();
    const m5 = pool(chart, 'm5', nodeClass, { requirements: [Requirement.instanceFamily('m5')] });
    const idle = deployment(chart, 'idle', 1, GIB, { replicas: 0 });
    m5.schedule(idle);
    const capacity = WorkloadCapacity.of(idle);
    expect(capacity.replicas).toBe(0);
    expect(capacity.cheapest).toMatchObject({ instanceType: 'm5.large', replicas: 1, nodes: 1 });
    expect(capacity.summaryLine()).toBe('c/idle: fits 9 instance types of m5; cheapest on demand, 1 replica: 1 × m5.large (1 per node) in m5, $0.096/h, $70.08/month');
  });

  test('reads the catalog\'s facts of one instance type, and undefined for an unknown one', () => {
    expect(CapacityCatalog.instanceType('p5.48xlarge')).toMatchObject({ gpus: 8, gpuName: 'h100', gpuManufacturer: 'nvidia', extendedResources: { 'nvidia.com/gpu': 8 } });
    expect(CapacityCatalog.instanceType('m5.huge')).toBeUndefined();
    expect(CapacityCatalog.instanceTypeNames()).toHaveLength(1363);
    expect(NodeLabel.INSTANCE_FAMILY.key).toBe('karpenter.k8s.aws/instance-family');
  });
});
