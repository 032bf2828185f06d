// Seeded fuzzing of the Karpenter constructs and patterns (harness: test/support/fuzz.ts). Each run mutates one to
// three values of valid props; the construct must fail with a library error naming its path, or emit valid output.
// Replay one run with FUZZ_SEED=<seed> FUZZ_RUN=<run> npx jest test/fuzz/karpenter.fuzz.test.ts --coverage=false.
import { Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import {
  AmiFamily, AmiSelection, Arch, CapacityType, ConsolidationPolicy, DisruptableNodes, DisruptionReason, DurationOrNever, EbsVolumeType,
  Ec2NodeClass, Ec2NodeClassProps, InstanceMatchCriteria, NetworkInterfaceType, NodeClassReference, NodeLabel, NodePool, NodePoolOptions,
  NodePoolProps, OperatingSystem, Requirement,
} from '../../src/karpenter';
import { ArchitecturePools, ArchitecturePoolsProps, GpuNodePool, GpuNodePoolProps, SpotOnDemandSplit, SpotOnDemandSplitProps } from '../../src/patterns';
import { expectNoFuzzFailures, fuzz } from '../support/fuzz';

const RUNS = 60;
const DISCOVERY = { 'karpenter.sh/discovery': 'my-cluster' };
/** The Karpenter constructs refuse every value the final validation pass would: an error of that pass is a gap. */
const VERDICT = { finalPassIsFailure: true };

/** Everything a NodePool takes but its node class: the settings of a realistic general-purpose pool. */
function poolOptions(): NodePoolOptions {
  return {
    metadata: { name: 'general', labels: { team: 'web' }, annotations: { 'example.com/owner': 'web' } },
    labels: { intent: 'apps' },
    annotations: { 'example.com/note': 'fuzz' },
    requirements: [
      Requirement.capacityType(CapacityType.ON_DEMAND, CapacityType.SPOT),
      Requirement.arch(Arch.AMD64),
      Requirement.os(OperatingSystem.LINUX),
      Requirement.instanceCategory('c', 'm', 'r').withMinValues(2),
      NodeLabel.INSTANCE_GENERATION.greaterThan(4),
      Requirement.zone('us-east-1a', 'us-east-1b'),
    ],
    taints: [{ key: 'dedicated', value: 'apps', effect: kplus.TaintEffect.NO_SCHEDULE }],
    startupTaints: [{ key: 'example.com/not-ready', effect: kplus.TaintEffect.NO_EXECUTE }],
    expireAfter: DurationOrNever.after(Duration.hours(336)),
    terminationGracePeriod: Duration.hours(24),
    consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
    consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
    disruptionBudgets: [
      { nodes: DisruptableNodes.percent(10) },
      {
        nodes: DisruptableNodes.count(0),
        reasons: [DisruptionReason.DRIFTED, DisruptionReason.UNDERUTILIZED],
        schedule: Cron.schedule({ minute: '0', hour: '9', weekDay: 'mon-fri' }),
        duration: Duration.hours(8),
      },
    ],
    limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000), nodes: 50, resources: { 'aws.amazon.com/neuron': '8' } },
    weight: 10,
  };
}

/** A NodePool whose EC2NodeClass is applied elsewhere: its name is in the props, so it is fuzzed too. */
interface ImportedClassPool {
  readonly nodeClassName: string;
  readonly pool: NodePoolOptions;
}

/** A node class with every option set, on an AMI alias. */
function nodeClassProps(): Ec2NodeClassProps {
  return {
    metadata: { name: 'default', labels: { team: 'platform' } },
    amiSelection: AmiSelection.al2023('v20240807'),
    role: 'KarpenterNodeRole-my-cluster',
    subnetSelectorTerms: [{ tags: DISCOVERY }, { id: 'subnet-0a1b2c3d' }],
    securityGroupSelectorTerms: [{ tags: DISCOVERY }, { id: 'sg-0a1b2c3d' }, { name: 'nodes' }],
    blockDeviceMappings: [
      {
        deviceName: '/dev/xvda',
        volumeSize: Size.gibibytes(100),
        volumeType: EbsVolumeType.GP3,
        iops: 3000,
        throughput: 125,
        encrypted: true,
        kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        deleteOnTermination: true,
        rootVolume: true,
      },
      { deviceName: '/dev/xvdb', snapshotId: 'snap-0123abcd', volumeInitializationRate: 200, volumeType: EbsVolumeType.IO2, iops: 1000 },
    ],
    kubelet: {
      maxPods: 110,
      podsPerCore: 10,
      systemReserved: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(100), ephemeralStorage: Size.gibibytes(1), pid: 1000 },
      kubeReserved: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(100) },
      evictionHard: { 'memory.available': '5%' },
      evictionSoft: { 'nodefs.available': '10%' },
      evictionSoftGracePeriod: { 'nodefs.available': Duration.minutes(1) },
      evictionMaxPodGracePeriod: Duration.minutes(1),
      imageGcHighThresholdPercent: 85,
      imageGcLowThresholdPercent: 80,
      cpuCfsQuota: true,
      clusterDns: ['10.100.0.10'],
    },
    allowPodImdsAccess: false,
    tags: { team: 'platform', Name: 'karpenter-node' },
    userData: 'MIME-Version: 1.0\n',
    detailedMonitoring: true,
    associatePublicIpAddress: false,
    instanceStoreRaid0: true,
    capacityReservationSelectorTerms: [
      { id: 'cr-0a1b2c3d' },
      { tags: { team: 'ml' }, ownerId: '123456789012', instanceMatchCriteria: InstanceMatchCriteria.TARGETED },
    ],
    placementGroupSelector: { name: 'cluster-pg' },
    networkInterfaces: [
      { networkCardIndex: 0, deviceIndex: 0, interfaceType: NetworkInterfaceType.INTERFACE },
      { networkCardIndex: 1, deviceIndex: 0, interfaceType: NetworkInterfaceType.EFA_ONLY },
    ],
    ipPrefixCount: 1,
    connectionTracking: { tcpEstablishedTimeout: Duration.minutes(10), udpStreamTimeout: Duration.minutes(2), udpTimeout: Duration.seconds(30) },
    cpuOptions: { nestedVirtualization: false },
  };
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

function app(chart: Chart, name: string): kplus.Deployment {
  return new kplus.Deployment(chart, name, {
    metadata: { name, namespace: 'apps' },
    replicas: 2,
    containers: [{
      name,
      image: 'public.ecr.aws/nginx/nginx:1.27',
      portNumber: 8080,
      securityContext: { user: 10001 },
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(256) },
      },
    }],
  });
}

describe('seeded fuzzing of the Karpenter constructs', () => {
  test('a NodePool on an EC2NodeClass applied elsewhere fails with a library error or emits a valid NodePool', () => {
    expectNoFuzzFailures(fuzz<ImportedClassPool>({
      name: 'NodePool on an imported EC2NodeClass',
      seed: 1_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({ nodeClassName: 'default', pool: poolOptions() }),
      build: (chart, props) => {
        new NodePool(chart, 'Pool', { ...props.pool, nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'Class', props.nodeClassName) });
      },
    }));
  });

  test('a NodePool on EKS Auto Mode fails with a library error or emits a valid NodePool', () => {
    expectNoFuzzFailures(fuzz<NodePoolProps>({
      name: 'NodePool on EKS Auto Mode',
      seed: 2_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({ ...poolOptions(), nodeClass: NodeClassReference.eksAutoMode('default') }),
      build: (chart, props) => { new NodePool(chart, 'Pool', props); },
    }));
  });

  test('an Ec2NodeClass fails with a library error or emits a valid EC2NodeClass', () => {
    expectNoFuzzFailures(fuzz<Ec2NodeClassProps>({
      name: 'Ec2NodeClass on an AMI alias',
      seed: 3_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: nodeClassProps,
      build: (chart, props) => { new Ec2NodeClass(chart, 'Class', props); },
    }));
  });

  test('an Ec2NodeClass selecting its AMI by terms fails with a library error or emits a valid EC2NodeClass', () => {
    expectNoFuzzFailures(fuzz<Ec2NodeClassProps>({
      name: 'Ec2NodeClass on AMI selector terms',
      seed: 4_000,
      runs: RUNS / 2,
      verdict: VERDICT,
      baseProps: () => ({
        ...nodeClassProps(),
        amiFamily: AmiFamily.BOTTLEROCKET,
        amiSelection: AmiSelection.terms({ id: 'ami-0123abcd' }, { name: 'my-ami-*', owner: 'self' }, { tags: { team: 'a' } }),
        blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(4) }, { deviceName: '/dev/xvdb', volumeSize: Size.gibibytes(20), rootVolume: true }],
      }),
      build: (chart, props) => { new Ec2NodeClass(chart, 'Class', props); },
    }));
  });

  test('a SpotOnDemandSplit fails with a library error or emits two valid NodePools', () => {
    expectNoFuzzFailures(fuzz<SpotOnDemandSplitProps>({
      name: 'SpotOnDemandSplit',
      seed: 5_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: chart => ({
        nodeClass: seed003NodeClass(chart, 'ondemandpool'),
        onDemandShare: 1,
        spotShare: 3,
        spreadLabel: 'capacity-spread',
        spot: { metadata: { name: 'spotpool' }, nodeClass: seed003NodeClass(chart, 'spotpool'), labels: { workload: 'spotpool' } },
        onDemand: { metadata: { name: 'ondemandpool' }, labels: { workload: 'ondemandpool' }, weight: 20 },
        labels: { 'compute-type': 'ec2' },
        requirements: [
          Requirement.instanceFamily('c6i', 'c6a', 'c7i', 'm6i').withMinValues(2),
          Requirement.instanceSize('large', 'xlarge', '2xlarge').withMinValues(2),
          Requirement.zone('us-east-1a', 'us-east-1b', 'us-east-1c'),
        ],
        consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
        limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
        workloads: [app(chart, 'web')],
      }),
      build: (chart, props) => { new SpotOnDemandSplit(chart, 'Split', props); },
    }));
  });

  test('a GpuNodePool fails with a library error or emits a valid NodePool and device plugin', () => {
    expectNoFuzzFailures(fuzz<{ nodeClassName: string; gpu: Omit<GpuNodePoolProps, 'nodeClass'> }>({
      name: 'GpuNodePool',
      seed: 6_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        nodeClassName: 'gpu',
        gpu: {
          metadata: { name: 'gpu' },
          maxGpus: 8,
          instanceCategories: ['g', 'p'],
          capacityTypes: [CapacityType.ON_DEMAND, CapacityType.SPOT],
          devicePlugin: true,
          devicePluginImage: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.4',
          devicePluginNamespace: 'kube-system',
          limits: { cpu: kplus.Cpu.units(256), memory: Size.gibibytes(2048) },
          labels: { accelerator: 'nvidia' },
          expireAfter: DurationOrNever.after(Duration.hours(168)),
          terminationGracePeriod: Duration.hours(2),
        },
      }),
      build: (chart, props) => {
        new GpuNodePool(chart, 'Gpu', { ...props.gpu, nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'Class', props.nodeClassName) });
      },
    }));
  });

  test('ArchitecturePools fails with a library error or emits valid Graviton, x86 and multi-arch NodePools', () => {
    expectNoFuzzFailures(fuzz<ArchitecturePoolsProps>({
      name: 'ArchitecturePools',
      seed: 7_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        nodeClass: NodeClassReference.eksAutoMode(),
        graviton: { metadata: { name: 'graviton' }, weight: 50 },
        x86: { metadata: { name: 'x86' }, capacityTypes: [CapacityType.SPOT] },
        multiArch: { capacityTypes: [CapacityType.ON_DEMAND], enabled: true },
        capacityTypes: [CapacityType.ON_DEMAND, CapacityType.SPOT],
        instanceCategories: ['c', 'm', 'r'],
        minimumGenerationAbove: 4,
        dedicated: true,
        expireAfter: DurationOrNever.after(Duration.hours(336)),
        terminationGracePeriod: Duration.hours(24),
        consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
        disruptionBudgets: [{ nodes: DisruptableNodes.percent(10) }],
        limits: { cpu: kplus.Cpu.units(500), memory: Size.gibibytes(2000) },
      }),
      build: (chart, props) => { new ArchitecturePools(chart, 'Pools', props); },
    }));
  });
});
