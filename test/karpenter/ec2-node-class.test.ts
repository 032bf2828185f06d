import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { DISCOVERY, expectInvalid, nodeClassIn, nodeClassSpec, referenceDocs } from './support';
import { warningsOf } from '../../src/core/warnings';
import { AmiFamily, AmiSelection, EbsVolumeType, Ec2NodeClassProps } from '../../src/karpenter';
import { expectValidManifests } from '../support/manifest-validator';


const nodeClass = nodeClassIn;
const spec = nodeClassSpec;

describe('Ec2NodeClass rendering', () => {
  test('emits IMDSv2 with hop limit 1, encrypted default volumes and no public IP by default', () => {
    expect(spec()).toEqual({
      amiSelectorTerms: [{ alias: 'al2023@v20240807' }],
      role: 'KarpenterNodeRole-my-cluster',
      subnetSelectorTerms: [{ tags: DISCOVERY }],
      securityGroupSelectorTerms: [{ tags: DISCOVERY }],
      metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
      associatePublicIPAddress: false,
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: '20Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
    });
  });

  test('lets pods reach IMDS only through the named opt-out, with tokens still required', () => {
    expect(spec({ allowPodImdsAccess: true }).metadataOptions).toEqual({
      httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 2, httpTokens: 'required',
    });
  });

  test.each([
    [AmiSelection.al2023(), 'al2023@latest'],
    [AmiSelection.al2('v20240807'), 'al2@v20240807'],
    [AmiSelection.bottlerocket('v1.20.3'), 'bottlerocket@v1.20.3'],
    [AmiSelection.windows2019(), 'windows2019@latest'],
    [AmiSelection.windows2022(), 'windows2022@latest'],
    [AmiSelection.windows2025(), 'windows2025@latest'],
    [AmiSelection.alias('al2023@v20250101'), 'al2023@v20250101'],
  ])('renders the AMI alias %#', (amiSelection, alias) => {
    expect(spec({ amiSelection }).amiSelectorTerms).toEqual([{ alias }]);
  });

  test('renders the default volumes of each AMI family', () => {
    const devices = (amiSelection: AmiSelection) => spec({ amiSelection }).blockDeviceMappings.map((b: any) => `${b.deviceName} ${b.ebs.volumeSize}`);
    expect(devices(AmiSelection.bottlerocket('v1.20.3'))).toEqual(['/dev/xvda 4Gi', '/dev/xvdb 20Gi']);
    expect(devices(AmiSelection.windows2022())).toEqual(['/dev/sda1 50Gi']);
    expect(devices(AmiSelection.al2('v20240807'))).toEqual(['/dev/xvda 20Gi']);
  });

  test('renders AMI selector terms with their family', () => {
    expect(spec({
      amiFamily: AmiFamily.BOTTLEROCKET,
      amiSelection: AmiSelection.terms({ ssmParameter: '/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id' }, { name: 'my-ami-*', owner: 'self' }, { tags: { team: 'a' } }),
    })).toMatchObject({
      amiFamily: 'Bottlerocket',
      amiSelectorTerms: [
        { ssmParameter: '/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id' }, { name: 'my-ami-*', owner: 'self' }, { tags: { team: 'a' } },
      ],
    });
    expect(spec({ amiFamily: AmiFamily.AL2023, amiSelection: AmiSelection.ids('ami-0123abcd') }).amiSelectorTerms).toEqual([{ id: 'ami-0123abcd' }]);
  });

  test('renders the alias family or Custom as amiFamily when given', () => {
    expect(spec({ amiFamily: AmiFamily.AL2023 }).amiFamily).toBe('AL2023');
    expect(spec({ amiFamily: AmiFamily.CUSTOM, blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(30) }] }).amiFamily).toBe('Custom');
  });

  test('renders subnet and security group terms by ids, names and tags', () => {
    const s = spec({
      subnetSelectorTerms: [{ id: 'subnet-0a1b' }, { id: 'subnet-0c2d' }],
      securityGroupSelectorTerms: [{ id: 'sg-0a1b' }, { name: 'nodes' }, { tags: DISCOVERY }],
    });
    expect(s.subnetSelectorTerms).toEqual([{ id: 'subnet-0a1b' }, { id: 'subnet-0c2d' }]);
    expect(s.securityGroupSelectorTerms).toEqual([{ id: 'sg-0a1b' }, { name: 'nodes' }, { tags: DISCOVERY }]);
  });

  test('keeps unresolved tokens for ids, roles and instance profiles as they are, for a later resolver to fill in', () => {
    // Not schema-validated: the token only becomes a subnet id when the AWS CDK resolver runs.
    const synthesized = (props: Partial<Ec2NodeClassProps>) => Testing.synth(nodeClass(props).chart)[0].spec;
    expect(synthesized({ role: undefined, instanceProfile: '${Token[TOKEN.123]}', subnetSelectorTerms: [{ id: '${Token[TOKEN.124]}' }] }))
      .toMatchObject({ instanceProfile: '${Token[TOKEN.123]}', subnetSelectorTerms: [{ id: '${Token[TOKEN.124]}' }] });
    expect(synthesized({ role: '${Token[TOKEN.125]}' }).role).toBe('${Token[TOKEN.125]}');
  });

  test('encrypts a volume restored from a snapshot unless told otherwise', () => {
    const doc = Testing.synth(nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvdc', snapshotId: 'snap-0a1b' }] }).chart)[0];
    expect(doc.spec.blockDeviceMappings[0].ebs).toMatchObject({ encrypted: true, snapshotID: 'snap-0a1b' });
  });

  test('renders block devices with size, type, iops, throughput, KMS key and snapshots', () => {
    expect(spec({
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', volumeSize: Size.gibibytes(80), volumeType: EbsVolumeType.GP3, iops: 10000, throughput: 125, rootVolume: true, kmsKeyId: 'alias/nodes' },
        { deviceName: '/dev/xvdb', volumeSize: Size.tebibytes(1), volumeType: EbsVolumeType.IO2, iops: 20000, deleteOnTermination: false },
        { deviceName: '/dev/xvdc', snapshotId: 'snap-0a1b', volumeInitializationRate: 200 },
      ],
    }).blockDeviceMappings).toEqual([
      { deviceName: '/dev/xvda', rootVolume: true, ebs: { volumeSize: '80Gi', volumeType: 'gp3', iops: 10000, throughput: 125, encrypted: true, kmsKeyID: 'alias/nodes', deleteOnTermination: true } },
      { deviceName: '/dev/xvdb', ebs: { volumeSize: '1024Gi', volumeType: 'io2', iops: 20000, encrypted: true, deleteOnTermination: false } },
      { deviceName: '/dev/xvdc', ebs: { volumeType: 'gp3', encrypted: true, deleteOnTermination: true, snapshotID: 'snap-0a1b', volumeInitializationRate: 200 } },
    ]);
  });

  test('renders kubelet reservations, eviction, pods and image GC settings', () => {
    expect(spec({
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
    }).kubelet).toEqual({
      maxPods: 110,
      podsPerCore: 10,
      systemReserved: { 'cpu': '100m', 'memory': '100Mi', 'ephemeral-storage': '1Gi', 'pid': '1000' },
      kubeReserved: { cpu: '200m', memory: '100Mi' },
      evictionHard: { 'memory.available': '5%' },
      evictionSoft: { 'nodefs.available': '10%' },
      evictionSoftGracePeriod: { 'nodefs.available': '1m' },
      evictionMaxPodGracePeriod: 60,
      imageGCHighThresholdPercent: 85,
      imageGCLowThresholdPercent: 80,
      cpuCFSQuota: true,
      clusterDNS: ['10.100.0.10'],
    });
  });

  test('renders tags, user data, detailed monitoring, a public IP opt-in and RAID0 instance stores', () => {
    expect(spec({
      tags: { app: 'autoscaling-test' },
      userData: '[settings.kubernetes]\nmax-pods = 110\n',
      detailedMonitoring: true,
      associatePublicIpAddress: true,
      instanceStoreRaid0: true,
    })).toMatchObject({
      tags: { app: 'autoscaling-test' },
      userData: '[settings.kubernetes]\nmax-pods = 110\n',
      detailedMonitoring: true,
      associatePublicIPAddress: true,
      instanceStorePolicy: 'RAID0',
    });
  });

  test('exposes what a NodePool needs to reference it', () => {
    const { nodeClass: created } = nodeClass();
    expect([created.nodeClassGroup, created.nodeClassKind, created.nodeClassName, created.instanceLabelDomain])
      .toEqual(['karpenter.k8s.aws', 'EC2NodeClass', 'default', 'karpenter.k8s.aws']);
    expect(created.amiFamily).toBe(AmiFamily.AL2023);
  });

  test('matches the snapshot', () => {
    const { chart } = nodeClass({ tags: { team: 'platform' }, kubelet: { maxPods: 58 } });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});

describe('Ec2NodeClass reproduces the seeds', () => {
  test('reproduces seed 004\'s node class with a pinned AL2023 alias, plus the secure defaults', () => {
    const { chart } = nodeClass({
      amiSelection: AmiSelection.al2023('v20241024'),
      role: 'KarpenterNodeRole-cluster-with-karpenter',
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery/cluster-with-karpenter': 'cluster-with-karpenter' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery/cluster-with-karpenter': 'cluster-with-karpenter' } }],
      tags: { Name: 'karpenter.sh/nodepool/default', NodeType: 'cluster-with-karpenter', IntentLabel: 'apps' },
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const upstream = referenceDocs('004/derived/run-all-nodepool.yaml')[1];
    expect(docs[0]).toMatchObject({
      ...upstream,
      spec: {
        ...upstream.spec,
        amiSelectorTerms: [{ alias: 'al2023@v20241024' }],
        role: 'KarpenterNodeRole-cluster-with-karpenter',
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery/cluster-with-karpenter': 'cluster-with-karpenter' } }],
        securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery/cluster-with-karpenter': 'cluster-with-karpenter' } }],
      },
    });
  });

  test('reproduces seed 001\'s node class with an 80Gi gp3 root volume at 10000 IOPS and detailed monitoring', () => {
    const s = spec({
      amiSelection: AmiSelection.al2(),
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'do-eks-yaml-karpenter' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'do-eks-yaml-karpenter' } }],
      role: 'KarpenterNodeRole-do-eks-yaml-karpenter',
      tags: { app: 'autoscaling-test' },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(80), volumeType: EbsVolumeType.GP3, iops: 10000, throughput: 125, deleteOnTermination: true }],
      detailedMonitoring: true,
    });
    expect(s.blockDeviceMappings).toEqual([{
      deviceName: '/dev/xvda', ebs: { volumeSize: '80Gi', volumeType: 'gp3', iops: 10000, throughput: 125, deleteOnTermination: true, encrypted: true },
    }]);
    expect(s.amiSelectorTerms).toEqual([{ alias: 'al2@latest' }]);
  });

  test('reproduces seed 003\'s node classes, as SSM-resolved ids with an instance profile or the v1-clean alias with reservations under kubelet', () => {
    const kubelet = {
      systemReserved: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(100) },
      kubeReserved: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(100) },
    };
    const asIds = spec({
      metadata: { name: 'spotpool' },
      role: undefined,
      instanceProfile: 'webinar-infnet',
      amiFamily: AmiFamily.BOTTLEROCKET,
      amiSelection: AmiSelection.ids('ami-0abc123'),
      securityGroupSelectorTerms: [{ id: 'sg-0cluster' }],
      subnetSelectorTerms: [{ id: 'subnet-0a' }, { id: 'subnet-0b' }, { id: 'subnet-0c' }],
      kubelet,
    });
    expect(asIds).toMatchObject({
      amiFamily: 'Bottlerocket',
      amiSelectorTerms: [{ id: 'ami-0abc123' }],
      instanceProfile: 'webinar-infnet',
      kubelet: { systemReserved: { cpu: '100m', memory: '100Mi' }, kubeReserved: { cpu: '200m', memory: '100Mi' } },
    });
    expect(spec({ amiSelection: AmiSelection.bottlerocket(), kubelet }).amiSelectorTerms).toEqual([{ alias: 'bottlerocket@latest' }]);
  });
});

describe('Ec2NodeClass validation', () => {
  test('throws on a namespace and on an invalid name', () => {
    expectInvalid(() => nodeClass({ metadata: { namespace: 'x' } }), '[test/Class]', 'metadata.namespace', '"x"', 'cluster-scoped');
    expectInvalid(() => nodeClass({ metadata: { name: 'UPPER' } }), '[test/Class]', 'metadata.name', '"UPPER"', 'DNS-1123');
  });

  test.each([
    ['ubuntu@latest', 'family must be one of al2, al2023, bottlerocket, windows2019, windows2022, windows2025'],
    ['al2023x@latest', 'family must be one of'],
    ['al2023', 'format family@version'],
    ['windows2022@v2024.1', 'Windows families may only use version latest'],
    ['al2023@2024 08 07', 'version must be latest or a release'],
    ['bottlerocket@v1.20.3.4.5.6.7.8.9.10', 'at most 30 characters'],
  ])('throws on the alias %p', (alias, allowed) => {
    expectInvalid(() => nodeClass({ amiSelection: AmiSelection.alias(alias) }), '[test/Class]', 'amiSelectorTerms[0].alias', JSON.stringify(alias), allowed);
  });

  test('throws on an amiFamily that contradicts the alias', () => {
    expectInvalid(() => nodeClass({ amiFamily: AmiFamily.BOTTLEROCKET }), 'amiFamily', '"Bottlerocket"', 'must be AL2023 or Custom');
  });

  test('throws on AMI terms without amiFamily, empty terms, or an id combined with other fields', () => {
    expectInvalid(() => nodeClass({ amiSelection: AmiSelection.ids('ami-0abc') }), 'amiFamily', 'got undefined', 'must be set when the AMI is selected by terms');
    expectInvalid(() => nodeClass({ amiFamily: AmiFamily.AL2023, amiSelection: AmiSelection.terms() }), 'amiSelectorTerms', 'got 0', '1 to 30 terms');
    expectInvalid(() => nodeClass({ amiFamily: AmiFamily.AL2023, amiSelection: AmiSelection.terms({ owner: 'self' }) }),
      'amiSelectorTerms[0]', '{"owner":"self"}', 'at least one of id, name, tags or ssmParameter');
    expectInvalid(() => nodeClass({ amiFamily: AmiFamily.AL2023, amiSelection: AmiSelection.terms({ id: 'ami-0abc', tags: { a: 'b' } }) }),
      'amiSelectorTerms[0]', 'id must stand alone');
    expectInvalid(() => nodeClass({ amiFamily: AmiFamily.AL2023, amiSelection: AmiSelection.ids('image-1') }), 'amiSelectorTerms[0].id', '"image-1"', 'AMI id');
  });

  test('throws unless exactly one of role and instanceProfile is set, and on empty ones', () => {
    expectInvalid(() => nodeClass({ instanceProfile: 'profile' }), 'role/instanceProfile', 'exactly one of role and instanceProfile');
    expectInvalid(() => nodeClass({ role: undefined }), 'role/instanceProfile', 'exactly one');
    expectInvalid(() => nodeClass({ role: '' }), '[test/Class]', 'role', 'got ""', 'must not be empty');
    expectInvalid(() => nodeClass({ role: undefined, instanceProfile: '' }), 'instanceProfile', 'must not be empty');
  });

  test('throws on empty or ambiguous subnet and security group terms', () => {
    expectInvalid(() => nodeClass({ subnetSelectorTerms: [] }), 'subnetSelectorTerms', 'got 0', '1 to 30 terms');
    expectInvalid(() => nodeClass({ subnetSelectorTerms: [{}] }), 'subnetSelectorTerms[0]', 'exactly one of id or tags');
    expectInvalid(() => nodeClass({ subnetSelectorTerms: [{ id: 'subnet-1', tags: DISCOVERY }] }), 'subnetSelectorTerms[0]', 'exactly one of id or tags');
    expectInvalid(() => nodeClass({ subnetSelectorTerms: [{ id: 'sn-1' }] }), 'subnetSelectorTerms[0].id', '"sn-1"', 'subnet id');
    expectInvalid(() => nodeClass({ securityGroupSelectorTerms: [] }), 'securityGroupSelectorTerms', 'got 0');
    expectInvalid(() => nodeClass({ securityGroupSelectorTerms: [{ name: 'a', tags: DISCOVERY }] }), 'securityGroupSelectorTerms[0]', 'exactly one of id, name or tags');
    expectInvalid(() => nodeClass({ securityGroupSelectorTerms: [{ id: 'group-1' }] }), 'securityGroupSelectorTerms[0].id', '"group-1"', 'security group id');
  });

  test('throws on empty selector tags and on more than 20 of them', () => {
    expectInvalid(() => nodeClass({ subnetSelectorTerms: [{ tags: { '': 'x' } }] }), 'subnetSelectorTerms[0].tags', 'empty tag keys or values');
    expectInvalid(() => nodeClass({ subnetSelectorTerms: [{ tags: { k: '' } }] }), 'subnetSelectorTerms[0].tags', '{"k":""}', 'empty tag keys or values');
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    expectInvalid(() => nodeClass({ securityGroupSelectorTerms: [{ tags: many }] }), 'securityGroupSelectorTerms[0].tags', '1 to 20 tags');
  });

  test.each([
    ['kubernetes.io/cluster/my-cluster', 'kubernetes.io/cluster/'],
    ['eks:eks-cluster-name', 'eks:eks-cluster-name'],
    ['karpenter.sh/nodepool', 'karpenter.sh/nodepool'],
    ['karpenter.sh/nodeclaim', 'karpenter.sh/nodeclaim'],
    ['karpenter.k8s.aws/ec2nodeclass', 'karpenter.k8s.aws/ec2nodeclass'],
  ])('throws on the restricted tag %p', (key, restricted) => {
    expectInvalid(() => nodeClass({ tags: { [key]: 'x' } }), '[test/Class]', 'tags key', JSON.stringify(key), `restricted tag ${restricted}`);
  });

  test('throws on empty, aws: or overlong tags', () => {
    expectInvalid(() => nodeClass({ tags: { '': 'x' } }), 'tags key', 'must not be empty');
    expectInvalid(() => nodeClass({ tags: { 'aws:createdBy': 'x' } }), 'tags key', '"aws:createdBy"', 'reserves');
    expectInvalid(() => nodeClass({ tags: { ['k'.repeat(129)]: 'x' } }), 'tags key', 'at most 128');
    expectInvalid(() => nodeClass({ tags: { k: 'v'.repeat(257) } }), 'tags["k"]', 'at most 256');
  });

  test('throws on volumes without size, with sizes out of range or not whole GiB', () => {
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda' }] }), 'blockDeviceMappings[0].volumeSize', 'must be set unless snapshotId is');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.tebibytes(70) }] }),
      'blockDeviceMappings[0].volumeSize', '"71680Gi"', 'from 1 to 16384 for gp3');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.mebibytes(1500) }] }),
      'blockDeviceMappings[0].volumeSize', 'whole number of GiB');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(100), volumeType: EbsVolumeType.ST1 }] }),
      'from 125 to 16384 for st1');
  });

  test('throws on IOPS and throughput the volume type does not take', () => {
    const device = { deviceName: '/dev/xvda', volumeSize: Size.gibibytes(100) };
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ ...device, volumeType: EbsVolumeType.GP2, iops: 3000 }] }), 'blockDeviceMappings[0].iops', 'got 3000', 'unset for gp2');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ ...device, iops: 20000 }] }), 'blockDeviceMappings[0].iops', 'got 20000', 'from 3000 to 16000');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ ...device, volumeType: EbsVolumeType.IO1 }] }), 'blockDeviceMappings[0].iops', 'must be set for io1');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ ...device, volumeType: EbsVolumeType.IO2, iops: 1000, throughput: 200 }] }),
      'blockDeviceMappings[0].throughput', 'got 200', 'only gp3');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ ...device, throughput: 2000 }] }), 'blockDeviceMappings[0].throughput', 'got 2000', 'from 125 to 1000');
  });

  test('throws on an initialization rate without a snapshot, bad snapshot ids, two root volumes and repeated devices', () => {
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(20), volumeInitializationRate: 200 }] }),
      'blockDeviceMappings[0].volumeInitializationRate', 'got 200', 'needs snapshotId');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', snapshotId: 'snap-1', volumeInitializationRate: 50 }] }),
      'volumeInitializationRate', 'got 50', 'from 100 to 300');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', snapshotId: 'snapshot-1' }] }), 'snapshotId', '"snapshot-1"', 'snapshot id');
    const root = { volumeSize: Size.gibibytes(20), rootVolume: true };
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', ...root }, { deviceName: '/dev/xvdb', ...root }] }),
      'blockDeviceMappings', 'at most one volume as rootVolume');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(20) }, { deviceName: '/dev/xvda', volumeSize: Size.gibibytes(20) }] }),
      'blockDeviceMappings deviceName', '"/dev/xvda"', 'unique');
  });

  test('throws on kubelet settings Karpenter rejects', () => {
    expectInvalid(() => nodeClass({ kubelet: { maxPods: -1 } }), 'kubelet.maxPods', 'got -1', 'integer from 0 to 2147483647');
    expectInvalid(() => nodeClass({ kubelet: { imageGcHighThresholdPercent: 50, imageGcLowThresholdPercent: 80 } }),
      'kubelet.imageGcHighThresholdPercent', 'got 50', 'greater than imageGcLowThresholdPercent (80)');
    expectInvalid(() => nodeClass({ kubelet: { imageGcHighThresholdPercent: 101 } }), 'kubelet.imageGcHighThresholdPercent', 'from 0 to 100');
    expectInvalid(() => nodeClass({ kubelet: { evictionHard: { 'memory.avail': '5%' } } }), 'kubelet.evictionHard key', '"memory.avail"', 'memory.available');
    expectInvalid(() => nodeClass({ kubelet: { evictionHard: { 'memory.available': 'five' } } }), 'kubelet.evictionHard["memory.available"]', '"five"', 'quantity');
    expectInvalid(() => nodeClass({ kubelet: { evictionSoft: { 'memory.available': '5%' } } }), 'kubelet.evictionSoftGracePeriod', '"memory.available"', 'every evictionSoft signal');
    expectInvalid(() => nodeClass({ kubelet: { evictionSoftGracePeriod: { 'memory.available': Duration.minutes(1) } } }),
      'kubelet.evictionSoft', 'every evictionSoftGracePeriod signal');
    expectInvalid(() => nodeClass({ kubelet: { kubeReserved: { pid: -5 } } }), 'kubelet.kubeReserved.pid', 'got -5');
  });

  // Found by the seeded fuzzing (test/fuzz/karpenter.fuzz.test.ts): these reached cdk8s's own conversion error or the
  // schema check of the final validation pass, instead of failing where the value was given.
  test('throws on kubelet reservations that are no quantity: a fraction of a byte, NaN, Infinity', () => {
    expectInvalid(() => nodeClass({ kubelet: { kubeReserved: { memory: Size.gibibytes(0.1) } } }),
      '[test/Class] kubelet.kubeReserved.memory', 'got "104857.6 KiB"', 'whole number of bytes', '(EC-27)');
    expectInvalid(() => nodeClass({ kubelet: { systemReserved: { ephemeralStorage: Size.gibibytes(NaN) } } }), 'kubelet.systemReserved.ephemeralStorage', '(EC-27)');
    expectInvalid(() => nodeClass({ kubelet: { systemReserved: { cpu: kplus.Cpu.units(Infinity) } } }), 'kubelet.systemReserved.cpu', 'got "Infinity"', '(EC-27)');
    expectInvalid(() => nodeClass({ kubelet: { kubeReserved: { cpu: kplus.Cpu.millis(-5) } } }), 'kubelet.kubeReserved.cpu', 'got "-5m"', 'non-negative', '(EC-27)');
  });

  test('throws on kubelet integers beyond int32, the type of the CRD fields', () => {
    expectInvalid(() => nodeClass({ kubelet: { podsPerCore: 2 ** 31 } }), 'kubelet.podsPerCore', 'got 2147483648', 'from 0 to 2147483647', '(EC-27)');
    expectInvalid(() => nodeClass({ kubelet: { evictionMaxPodGracePeriod: Duration.days(2 ** 31) } }),
      'kubelet.evictionMaxPodGracePeriod', 'at most 2147483647 seconds', '(EC-27)');
    expect(spec({ kubelet: { evictionMaxPodGracePeriod: Duration.seconds(2 ** 31 - 1) } }).kubelet.evictionMaxPodGracePeriod).toBe(2147483647);
  });

  test('throws on clusterDns entries that are not IP addresses', () => {
    expectInvalid(() => nodeClass({ kubelet: { clusterDns: ['kube-dns.kube-system'] } }), '[test/Class] kubelet.clusterDns[0]', '"kube-dns.kube-system"', 'IPv4 or IPv6', '(EC-66)');
    expectInvalid(() => nodeClass({ kubelet: { clusterDns: ['10.100.0.10', ''] } }), 'kubelet.clusterDns[1]', '(EC-66)');
    expect(spec({ kubelet: { clusterDns: ['10.100.0.10', 'fd00::a'] } }).kubelet.clusterDNS).toEqual(['10.100.0.10', 'fd00::a']);
  });

  test('throws on enum-like values that are plain objects cast to their class', () => {
    const forged = <T>(value: object) => value as unknown as T;
    expectInvalid(() => nodeClass({ amiFamily: forged({ value: 'Ubuntu' }), amiSelection: AmiSelection.ids('ami-0abc') }),
      '[test/Class] amiFamily', 'must be made by AmiFamily', '(GEN-70)');
    expectInvalid(() => nodeClass({ amiSelection: forged({ aliasValue: 'al2023@latest' }) }), 'amiSelection', 'AmiSelection.al2023(...)', '(GEN-70)');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(20), volumeType: forged({ value: 'gp4', minSizeGiB: 1, maxSizeGiB: 16384 }) }] }),
      'blockDeviceMappings[0].volumeType', 'must be made by EbsVolumeType', '(GEN-70)');
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{ instanceMatchCriteria: forged({ value: 'any' }) }] }),
      'capacityReservationSelectorTerms[0].instanceMatchCriteria', 'must be made by InstanceMatchCriteria', '(GEN-70)');
  });

  test('throws on ids that hold ${...} but are no AWS CDK token, as on any other malformed id', () => {
    expectInvalid(() => nodeClass({ subnetSelectorTerms: [{ id: '${SUBNET_ID}' }] }), 'subnetSelectorTerms[0].id', '"${SUBNET_ID}"', '(EC-43)');
    expectInvalid(() => nodeClass({ securityGroupSelectorTerms: [{ id: 'sg-${env}' }] }), 'securityGroupSelectorTerms[0].id', '(EC-43)');
    expectInvalid(() => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvdc', snapshotId: 'snap-${env}' }] }), 'blockDeviceMappings[0].snapshotId', '(EC-45)');
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{ tags: { team: 'ml' }, ownerId: '${ACCOUNT}' }] }), 'capacityReservationSelectorTerms[0].ownerId', '(EC-44)');
  });

  test('throws on a kmsKeyId that is no KMS key identifier', () => {
    const withKey = (kmsKeyId: string) => nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(20), kmsKeyId }] });
    expectInvalid(() => withKey('my key'), '[test/Class] blockDeviceMappings[0].kmsKeyId', '"my key"', 'KMS key id', '(EC-67)');
    expectInvalid(() => withKey('arn:aws:kms:us-east-1:123:key/x'), 'blockDeviceMappings[0].kmsKeyId', '(EC-67)');
    for (const key of ['1234abcd-12ab-34cd-56ef-1234567890ab', 'mrk-1234abcd12ab34cd56ef1234567890ab', 'alias/ebs-nodes',
      'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/ebs', '${Token[TOKEN.301]}']) {
      expect(() => withKey(key)).not.toThrow();
    }
  });

  test('throws on a role or instance profile name that IAM rejects', () => {
    expectInvalid(() => nodeClass({ role: 'Karpenter Node Role' }), '[test/Class] role', '"Karpenter Node Role"', 'IAM role name', '(EC-68)');
    expectInvalid(() => nodeClass({ role: 'r'.repeat(65) }), 'role', '(EC-68)');
    expectInvalid(() => nodeClass({ role: 'KarpenterNodeRole-${CLUSTER}' }), 'role', '(EC-68)');
    // a value that is one envsubst placeholder is filled in at apply time (the field has no CRD pattern)
    expect(spec({ role: '${KARPENTER_ROLE}' }).role).toBe('${KARPENTER_ROLE}');
    expectInvalid(() => nodeClass({ role: undefined, instanceProfile: 'profile é' }), 'instanceProfile', '(EC-68)');
    expect(spec({ role: 'arn:aws:iam::123456789012:role/nodes/KarpenterNodeRole-my-cluster' }).role).toBe('arn:aws:iam::123456789012:role/nodes/KarpenterNodeRole-my-cluster');
  });
});

describe('Ec2NodeClass warnings', () => {
  test('warns on an unpinned alias, on AL2 and on unencrypted volumes', () => {
    const { chart } = nodeClass({
      amiSelection: AmiSelection.al2(),
      blockDeviceMappings: [{ deviceName: '/dev/xvda', volumeSize: Size.gibibytes(20), encrypted: false }],
    });
    expect(warningsOf(chart)).toEqual([
      expect.stringContaining('uses AMI alias al2@latest'),
      expect.stringContaining('uses Amazon Linux 2'),
      expect.stringContaining('blockDeviceMappings[0] (/dev/xvda) is not encrypted'),
    ]);
  });

  test('warns on a Custom family without declared volumes', () => {
    const { chart } = nodeClass({ amiFamily: AmiFamily.CUSTOM, amiSelection: AmiSelection.ids('ami-0abc') });
    expect(warningsOf(chart)).toEqual([expect.stringContaining('Custom AMI family without blockDeviceMappings')]);
  });

  test('records no warning for a pinned alias with the default volumes', () => {
    expect(warningsOf(nodeClass().chart)).toEqual([]);
  });
});
