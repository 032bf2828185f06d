import { ApiObject, ApiObjectMetadata, Duration, Lazy, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { CapacityReservationSelectorTerm } from './capacity-reservation';
import { KARPENTER_AWS_DOMAIN } from './domains';
import { ConnectionTracking, NetworkInterface, NetworkInterfaceType } from './ec2-networking';
import { INodeClass } from './node-class';
import * as l1 from '../../imports/karpenter-ec2nodeclasses-karpenter.k8s.aws';
import { omitNamespace } from '../common/cluster-scoped';
import { checkInteger, checkObjectName, checkPattern, checkUnique, INT32_MAX } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KARPENTER_RULES, Rule } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';
import { toHoursMinutesSeconds, toQuantity, toWholeSeconds } from '../core/units';
import { addWarning } from '../core/warnings';

/** The AMI family: decides the user-data format and the default volumes. */
export class AmiFamily {
  /** Amazon Linux 2 (end of life for new Kubernetes versions). */
  public static readonly AL2 = new AmiFamily('AL2', 'al2');
  /** Amazon Linux 2023. */
  public static readonly AL2023 = new AmiFamily('AL2023', 'al2023');
  /** Bottlerocket. */
  public static readonly BOTTLEROCKET = new AmiFamily('Bottlerocket', 'bottlerocket');
  /** Windows Server 2019. */
  public static readonly WINDOWS_2019 = new AmiFamily('Windows2019', 'windows2019');
  /** Windows Server 2022. */
  public static readonly WINDOWS_2022 = new AmiFamily('Windows2022', 'windows2022');
  /** Windows Server 2025 (Karpenter 1.9+). */
  public static readonly WINDOWS_2025 = new AmiFamily('Windows2025', 'windows2025');
  /** A custom AMI: Karpenter generates no bootstrap user data and no default volumes. */
  public static readonly CUSTOM = new AmiFamily('Custom', undefined);

  private constructor(
    /** The `amiFamily` value. */
    public readonly value: string,
    /** The alias prefix (`al2023` in `al2023@latest`), when the family has aliases. */
    public readonly aliasName?: string) {}

  /** Whether this is a Windows family. */
  public get isWindows(): boolean {
    return this.value.startsWith('Windows');
  }
}

const ALIAS_FAMILIES = [
  AmiFamily.AL2, AmiFamily.AL2023, AmiFamily.BOTTLEROCKET, AmiFamily.WINDOWS_2019, AmiFamily.WINDOWS_2022, AmiFamily.WINDOWS_2025,
];

/** One AMI selector term; the fields of a term are ANDed, the terms ORed. */
export interface AmiSelectorTerm {
  /**
   * An AMI id (`ami-...`); stands alone in its term.
   * @default - not selected by id
   */
  readonly id?: string;

  /**
   * An AMI name (wildcards allowed).
   * @default - not selected by name
   */
  readonly name?: string;

  /**
   * The AMI owner (account id, `self` or `amazon`).
   * @default - Karpenter's default owners when selecting by name
   */
  readonly owner?: string;

  /**
   * AMI tags.
   * @default - not selected by tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * An SSM parameter holding the AMI id (e.g. `/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id`).
   * @default - not selected by SSM parameter
   */
  readonly ssmParameter?: string;
}

/** Which AMI the nodes boot: an alias of an EKS-optimized family, or selector terms. */
export class AmiSelection {
  /** The latest or a pinned (`v20240807`) Amazon Linux 2023 EKS-optimized AMI. Pin it in production. */
  public static al2023(version: string = 'latest'): AmiSelection {
    return AmiSelection.alias(`al2023@${version}`);
  }

  /** The latest or a pinned Amazon Linux 2 EKS-optimized AMI. */
  public static al2(version: string = 'latest'): AmiSelection {
    return AmiSelection.alias(`al2@${version}`);
  }

  /** The latest or a pinned (`v1.20.3`) Bottlerocket AMI. */
  public static bottlerocket(version: string = 'latest'): AmiSelection {
    return AmiSelection.alias(`bottlerocket@${version}`);
  }

  /** The latest Windows Server 2019 EKS-optimized AMI (Windows aliases cannot be pinned). */
  public static windows2019(): AmiSelection {
    return AmiSelection.alias('windows2019@latest');
  }

  /** The latest Windows Server 2022 EKS-optimized AMI. */
  public static windows2022(): AmiSelection {
    return AmiSelection.alias('windows2022@latest');
  }

  /** The latest Windows Server 2025 EKS-optimized AMI (Karpenter 1.9+). */
  public static windows2025(): AmiSelection {
    return AmiSelection.alias('windows2025@latest');
  }

  /** An alias written out (`family@version`); it must stand alone. */
  public static alias(alias: string): AmiSelection {
    return new AmiSelection(alias, undefined);
  }

  /** Selector terms (ids, names, tags, SSM parameters); the node class then needs `amiFamily`. */
  public static terms(...terms: AmiSelectorTerm[]): AmiSelection {
    return new AmiSelection(undefined, terms);
  }

  /** AMIs by id; the node class then needs `amiFamily`. */
  public static ids(...ids: string[]): AmiSelection {
    return AmiSelection.terms(...ids.map(id => ({ id })));
  }

  private constructor(
    /** The alias, if selected by alias. */
    public readonly aliasValue?: string,
    /** The terms, if selected by terms. */
    public readonly selectorTerms?: AmiSelectorTerm[]) {}
}

/** One subnet selector term: by id or by tags (terms are ORed). */
export interface SubnetSelectorTerm {
  /**
   * A subnet id (`subnet-...`).
   * @default - selected by tags
   */
  readonly id?: string;

  /**
   * Tags the subnets carry, e.g. `{ 'karpenter.sh/discovery': clusterName }`; select private subnets only.
   * @default - selected by id
   */
  readonly tags?: { [key: string]: string };
}

/** One security group selector term: by id, by name or by tags (terms are ORed). */
export interface SecurityGroupSelectorTerm {
  /**
   * A security group id (`sg-...`).
   * @default - selected by name or tags
   */
  readonly id?: string;

  /**
   * A security group name.
   * @default - selected by id or tags
   */
  readonly name?: string;

  /**
   * Tags the security groups carry.
   * @default - selected by id or name
   */
  readonly tags?: { [key: string]: string };
}

/** The placement group the nodes launch into: by name or by id, exactly one. */
export interface PlacementGroupSelector {
  /**
   * The placement group's name.
   * @default - selected by id
   */
  readonly name?: string;

  /**
   * The placement group's id (`pg-...`).
   * @default - selected by name
   */
  readonly id?: string;
}

/** CPU options of the instances. */
export interface CpuOptions {
  /**
   * Enable nested virtualization; Karpenter then launches only instance types that support it.
   * @default - not set: the instance type's default
   */
  readonly nestedVirtualization?: boolean;
}

/** EBS volume types. */
export class EbsVolumeType {
  /** General purpose SSD, baseline 3000 IOPS and 125 MiB/s, both tunable. */
  public static readonly GP3 = new EbsVolumeType('gp3', 1, 16384);
  /** Previous general purpose SSD. */
  public static readonly GP2 = new EbsVolumeType('gp2', 1, 16384);
  /** Provisioned IOPS SSD. */
  public static readonly IO1 = new EbsVolumeType('io1', 4, 16384);
  /** Provisioned IOPS SSD, higher durability. */
  public static readonly IO2 = new EbsVolumeType('io2', 4, 16384);
  /** Throughput optimized HDD. */
  public static readonly ST1 = new EbsVolumeType('st1', 125, 16384);
  /** Cold HDD. */
  public static readonly SC1 = new EbsVolumeType('sc1', 125, 16384);
  /** Magnetic (previous generation). */
  public static readonly STANDARD = new EbsVolumeType('standard', 1, 1024);

  private constructor(
    /** The EBS value. */
    public readonly value: string,
    /** Smallest size in GiB. */
    public readonly minSizeGiB: number,
    /** Largest size in GiB. */
    public readonly maxSizeGiB: number) {}
}

/** An EBS volume attached to each node. */
export interface BlockDeviceMapping {
  /** The device name (`/dev/xvda` is the root volume of Amazon Linux). */
  readonly deviceName: string;

  /**
   * Volume size in whole GiB; required unless `snapshotId` is set.
   * @default - the snapshot's size
   */
  readonly volumeSize?: Size;

  /**
   * Volume type.
   * @default EbsVolumeType.GP3
   */
  readonly volumeType?: EbsVolumeType;

  /**
   * Provisioned IOPS (gp3 3000-16000, io1/io2 100-64000; not for other types).
   * @default - the volume type's baseline
   */
  readonly iops?: number;

  /**
   * Throughput in MiB/s (gp3 only, 125-1000).
   * @default - 125 MiB/s for gp3
   */
  readonly throughput?: number;

  /**
   * Encrypt the volume. An opt-out must be explicit: unencrypted node volumes expose pod data.
   * Not emitted for volumes restored from a snapshot, which keep the snapshot's encryption.
   * @default true
   */
  readonly encrypted?: boolean;

  /**
   * KMS key (id or ARN) encrypting the volume.
   * @default - the account's default EBS key
   */
  readonly kmsKeyId?: string;

  /**
   * Delete the volume with the instance.
   * @default true
   */
  readonly deleteOnTermination?: boolean;

  /**
   * Snapshot to restore the volume from.
   * @default - an empty volume
   */
  readonly snapshotId?: string;

  /**
   * Rate (MiB/s, 100-300) at which a restored snapshot is initialized; needs `snapshotId`.
   * @default - lazy initialization
   */
  readonly volumeInitializationRate?: number;

  /**
   * Whether this is the root volume (at most one). Ephemeral storage is taken from it.
   * @default false
   */
  readonly rootVolume?: boolean;
}

/** Resources set aside on each node for system or Kubernetes daemons. */
export interface ReservedResources {
  /**
   * CPU.
   * @default - the AMI family's default
   */
  readonly cpu?: kplus.Cpu;

  /**
   * Memory.
   * @default - the AMI family's default
   */
  readonly memory?: Size;

  /**
   * Ephemeral storage.
   * @default - the AMI family's default
   */
  readonly ephemeralStorage?: Size;

  /**
   * Process ids.
   * @default - the AMI family's default
   */
  readonly pid?: number;
}

/** Kubelet settings of the nodes (a subset of the kubelet configuration). */
export interface KubeletConfiguration {
  /**
   * Maximum pods per node.
   * @default - the AMI family's default (ENI-based for Amazon Linux)
   */
  readonly maxPods?: number;

  /**
   * Maximum pods per CPU core (capped by maxPods).
   * @default - no per-core limit
   */
  readonly podsPerCore?: number;

  /**
   * Reserved for OS daemons.
   * @default - the AMI family's default
   */
  readonly systemReserved?: ReservedResources;

  /**
   * Reserved for Kubernetes daemons.
   * @default - the AMI family's default
   */
  readonly kubeReserved?: ReservedResources;

  /**
   * Hard eviction thresholds by signal (`memory.available`, `nodefs.available`, ...), as a quantity or a percentage.
   * @default - the kubelet's defaults
   */
  readonly evictionHard?: { [signal: string]: string };

  /**
   * Soft eviction thresholds by signal; each needs a grace period.
   * @default - none
   */
  readonly evictionSoft?: { [signal: string]: string };

  /**
   * Grace period per soft eviction signal.
   * @default - none
   */
  readonly evictionSoftGracePeriod?: { [signal: string]: Duration };

  /**
   * Longest pod termination grace period honoured on soft eviction.
   * @default - the pod's own grace period
   */
  readonly evictionMaxPodGracePeriod?: Duration;

  /**
   * Disk usage percent (0-100) above which images are always garbage collected.
   * @default 85
   */
  readonly imageGcHighThresholdPercent?: number;

  /**
   * Disk usage percent (0-100) below which images are never garbage collected.
   * @default 80
   */
  readonly imageGcLowThresholdPercent?: number;

  /**
   * Enforce CPU limits with CFS quota.
   * @default true
   */
  readonly cpuCfsQuota?: boolean;

  /**
   * Cluster DNS server addresses.
   * @default - the cluster's DNS service
   */
  readonly clusterDns?: string[];
}

/** Properties of an EC2NodeClass. */
export interface Ec2NodeClassProps {
  /**
   * Object metadata; EC2NodeClasses are cluster-scoped, so no namespace.
   * @default - a name generated by cdk8s
   */
  readonly metadata?: ApiObjectMetadata;

  /** The AMI: an alias such as `AmiSelection.al2023('v20240807')`, or selector terms. */
  readonly amiSelection: AmiSelection;

  /**
   * The AMI family; required with selector terms, optional with an alias (then the alias's family or CUSTOM).
   * @default - the alias's family
   */
  readonly amiFamily?: AmiFamily;

  /** Subnets to launch into, by tags or ids. */
  readonly subnetSelectorTerms: SubnetSelectorTerm[];

  /** Security groups of the nodes, by tags, names or ids. */
  readonly securityGroupSelectorTerms: SecurityGroupSelectorTerm[];

  /**
   * IAM role (name or ARN) of the nodes; Karpenter creates the instance profile. Exactly one of `role` and `instanceProfile`.
   * @default - `instanceProfile` is used
   */
  readonly role?: string;

  /**
   * Existing instance profile of the nodes. Exactly one of `role` and `instanceProfile`.
   * @default - `role` is used
   */
  readonly instanceProfile?: string;

  /**
   * EBS volumes of each node.
   * @default - the AMI family's layout, encrypted gp3 (AL2/AL2023 20Gi root; Bottlerocket 4Gi OS + 20Gi data; Windows 50Gi root)
   */
  readonly blockDeviceMappings?: BlockDeviceMapping[];

  /**
   * Kubelet settings.
   * @default - the AMI family's defaults
   */
  readonly kubelet?: KubeletConfiguration;

  /**
   * Let pods reach the instance metadata service (IMDSv2 hop limit 2), and with it the node role's
   * credentials. Only for pods that truly need IMDS; prefer EKS Pod Identity.
   * @default false - hop limit 1: only the node itself reaches IMDS
   */
  readonly allowPodImdsAccess?: boolean;

  /**
   * Tags on the instances, volumes and launch templates. Karpenter's own tags are reserved.
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * User data merged with Karpenter's (MIME/nodeadm for AL2023, TOML for Bottlerocket, PowerShell for Windows).
   * @default - Karpenter's bootstrap only
   */
  readonly userData?: string;

  /**
   * 1-minute CloudWatch metrics for the instances (extra cost).
   * @default - 5-minute metrics
   */
  readonly detailedMonitoring?: boolean;

  /**
   * Give the instances a public IPv4 address. Nodes belong in private subnets.
   * @default false
   */
  readonly associatePublicIpAddress?: boolean;

  /**
   * Combine instance-store NVMe disks in RAID0 and use them for ephemeral storage.
   * @default false - instance stores are left unused
   */
  readonly instanceStoreRaid0?: boolean;

  /**
   * Capacity reservations (ODCRs, Capacity Blocks) the nodes may launch into; the terms are ORed. A NodePool on this
   * class launches into them when its `karpenter.sh/capacity-type` requirement allows `reserved`. Needs Karpenter's
   * ReservedCapacity feature gate.
   * @default - no reservations: pools on this class launch on-demand or spot capacity only
   */
  readonly capacityReservationSelectorTerms?: CapacityReservationSelectorTerm[];

  /**
   * The placement group (cluster, partition or spread) every node of this class launches into.
   * @default - no placement group
   */
  readonly placementGroupSelector?: PlacementGroupSelector;

  /**
   * The network interfaces of each node, by network card and device index; must include the primary ENA interface
   * (card 0, device 0). For EFA, add `efa-only` interfaces, at most one per card.
   * @default - Karpenter's layout: the primary interface, plus EFA interfaces when pods request `vpc.amazonaws.com/efa`
   */
  readonly networkInterfaces?: NetworkInterface[];

  /**
   * Number of IP prefixes assigned to each node's interfaces at launch (not to EFA-only ones), to have pod
   * addresses ready before the VPC CNI starts.
   * @default - none assigned at launch
   */
  readonly ipPrefixCount?: number;

  /**
   * Idle connection tracking timeouts of the nodes' interfaces.
   * @default - EC2's defaults
   */
  readonly connectionTracking?: ConnectionTracking;

  /**
   * CPU options of the instances.
   * @default - the instance types' defaults
   */
  readonly cpuOptions?: CpuOptions;
}


const EVICTION_SIGNALS = ['memory.available', 'nodefs.available', 'nodefs.inodesFree', 'imagefs.available', 'imagefs.inodesFree', 'pid.available'];
const EVICTION_THRESHOLD = /^((\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)%|(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?)$/;
// Karpenter's RestrictedTagPatterns and the CRD's tag CEL rules.
const RESTRICTED_TAGS: Array<[RegExp, string]> = [
  [/^kubernetes\.io\/cluster/, 'kubernetes.io/cluster/'],
  [/^eks:eks-cluster-name$/, 'eks:eks-cluster-name'],
  [/^karpenter\.sh\/nodepool$/, 'karpenter.sh/nodepool'],
  [/^karpenter\.sh\/nodeclaim$/, 'karpenter.sh/nodeclaim'],
  [/^karpenter\.k8s\.aws\/ec2nodeclass$/, 'karpenter.k8s.aws/ec2nodeclass'],
];

/**
 * A self-managed Karpenter EC2NodeClass (`karpenter.k8s.aws/v1`): AMI, subnets, security groups,
 * IAM identity, volumes and kubelet of the nodes a NodePool launches.
 *
 * Secure by default, emitted explicitly: IMDSv2 required with hop limit 1, encrypted volumes,
 * no public IP address.
 */
export class Ec2NodeClass extends kplus.Resource implements INodeClass {
  /** References an EC2NodeClass applied outside this app. */
  public static fromEc2NodeClassName(scope: Construct, id: string, name: string): INodeClass {
    return new ImportedEc2NodeClass(scope, id, name);
  }

  protected readonly apiObject: ApiObject;
  public readonly resourceType = 'ec2nodeclasses';
  public readonly nodeClassGroup = KARPENTER_AWS_DOMAIN;
  public readonly nodeClassKind = 'EC2NodeClass';
  public readonly instanceLabelDomain = KARPENTER_AWS_DOMAIN;

  /** The AMI family: the alias's family, or `amiFamily`. */
  public readonly amiFamily: AmiFamily;

  private readonly props: Ec2NodeClassProps;

  public constructor(scope: Construct, id: string, props: Ec2NodeClassProps) {
    super(scope, id);
    this.props = props;
    if (props.metadata?.namespace !== undefined) {
      throw invalidInput(this, KARPENTER_RULES['EC-32'], 'metadata.namespace', props.metadata.namespace, 'must be unset: EC2NodeClasses are cluster-scoped');
    }
    checkObjectName(this, 'metadata.name', props.metadata?.name);
    this.amiFamily = this.checkAmi(props);
    this.checkIdentity(props);
    this.checkSubnets(props.subnetSelectorTerms);
    this.checkSecurityGroups(props.securityGroupSelectorTerms);
    this.checkTags(props.tags);
    (props.blockDeviceMappings ?? []).forEach((b, i) => this.renderBlockDevice(b, `blockDeviceMappings[${i}]`));
    if ((props.blockDeviceMappings ?? []).filter(b => b.rootVolume).length > 1) {
      throw invalidInput(this, KARPENTER_RULES['EC-33'], 'blockDeviceMappings', props.blockDeviceMappings!.filter(b => b.rootVolume).map(b => b.deviceName), 'must mark at most one volume as rootVolume');
    }
    checkUnique(this, KARPENTER_RULES['EC-34'], 'blockDeviceMappings deviceName', (props.blockDeviceMappings ?? []).map(b => b.deviceName));
    if (props.blockDeviceMappings && props.blockDeviceMappings.length > 50) {
      throw invalidInput(this, KARPENTER_RULES['EC-35'], 'blockDeviceMappings', props.blockDeviceMappings.length, 'must have at most 50 items');
    }
    if (!props.blockDeviceMappings && this.amiFamily === AmiFamily.CUSTOM) {
      addWarning(this, KARPENTER_RULES['EC-36'], 'uses a Custom AMI family without blockDeviceMappings: volumes follow the AMI\'s own mappings, which may be unencrypted; declare them');
    }
    this.renderKubelet(props.kubelet);
    this.checkCapacityReservations(props.capacityReservationSelectorTerms);
    this.checkPlacementGroup(props.placementGroupSelector);
    this.checkNetworkInterfaces(props.networkInterfaces, props.associatePublicIpAddress);
    checkInteger(this, KARPENTER_RULES['EC-37'], 'ipPrefixCount', props.ipPrefixCount, 0, INT32_MAX);
    this.renderConnectionTracking(props.connectionTracking);

    this.apiObject = new l1.Ec2NodeClass(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    omitNamespace(this.apiObject);
  }

  /** The Kubernetes name, for NodePools' `nodeClassRef`. */
  public get nodeClassName(): string {
    return this.name;
  }

  /** Whether the class selects capacity reservations, so that pools on it can launch `reserved` capacity. */
  public get selectsCapacityReservations(): boolean {
    return (this.props.capacityReservationSelectorTerms ?? []).length > 0;
  }

  private checkAmi(props: Ec2NodeClassProps): AmiFamily {
    const { aliasValue: alias, selectorTerms: terms } = props.amiSelection;
    if (alias !== undefined) {
      const [familyName, version] = alias.split('@');
      if (!/^[a-zA-Z0-9]+@.+$/.test(alias)) {
        throw invalidInput(this, KARPENTER_RULES['EC-38'], 'amiSelectorTerms[0].alias', alias, 'must have the format family@version, e.g. al2023@latest');
      }
      const family = ALIAS_FAMILIES.find(f => f.aliasName === familyName);
      if (!family) {
        throw invalidInput(this, KARPENTER_RULES['EC-03'], 'amiSelectorTerms[0].alias', alias, `family must be one of ${ALIAS_FAMILIES.map(f => f.aliasName).join(', ')}`);
      }
      if (alias.length > 30) throw invalidInput(this, KARPENTER_RULES['EC-05'], 'amiSelectorTerms[0].alias', alias, 'must be at most 30 characters');
      if (family.isWindows && version !== 'latest') {
        throw invalidInput(this, KARPENTER_RULES['EC-04'], 'amiSelectorTerms[0].alias', alias, 'Windows families may only use version latest');
      }
      if (version !== 'latest' && !/^v?\d+(\.\d+)*$/.test(version)) {
        throw invalidInput(this, KARPENTER_RULES['EC-39'], 'amiSelectorTerms[0].alias', alias, 'version must be latest or a release such as v20240807 (Amazon Linux) or v1.20.3 (Bottlerocket)');
      }
      if (props.amiFamily && props.amiFamily !== family && props.amiFamily !== AmiFamily.CUSTOM) {
        throw invalidInput(this, KARPENTER_RULES['EC-40'], 'amiFamily', props.amiFamily.value, `must be ${family.value} or Custom with alias ${alias}, or unset`);
      }
      if (version === 'latest' && !family.isWindows) {
        addWarning(this, KARPENTER_RULES['EC-31'], `uses AMI alias ${alias}: every new AMI release drifts and replaces all nodes; pin a version in production and roll it out with a Drifted disruption budget`);
      }
      if (family === AmiFamily.AL2) {
        addWarning(this, KARPENTER_RULES['EC-41'], 'uses Amazon Linux 2, which has no EKS-optimized AMIs for Kubernetes 1.33 and later; prefer al2023 or bottlerocket');
      }
      return props.amiFamily ?? family;
    }
    const list = terms ?? [];
    if (list.length < 1 || list.length > 30) throw invalidInput(this, KARPENTER_RULES['EC-01'], 'amiSelectorTerms', list.length, 'must have 1 to 30 terms');
    list.forEach((term, i) => {
      const field = `amiSelectorTerms[${i}]`;
      const set = ['id', 'name', 'owner', 'tags', 'ssmParameter'].filter(k => (term as any)[k] !== undefined);
      if (!term.id && !term.name && !term.tags && !term.ssmParameter) {
        throw invalidInput(this, KARPENTER_RULES['EC-08'], field, term, 'must select by at least one of id, name, tags or ssmParameter');
      }
      if (term.id !== undefined) {
        if (set.some(k => k !== 'id' && k !== 'ssmParameter')) throw invalidInput(this, KARPENTER_RULES['EC-42'], field, term, 'id must stand alone in its term (no name, owner or tags)');
        if (!isUnresolvedToken(term.id)) checkPattern(this, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^ami-[0-9a-z]+$/, 'must be an AMI id such as ami-0123456789abcdef0');
      }
      this.checkSelectorTags(term.tags, `${field}.tags`);
    });
    if (!props.amiFamily) {
      throw invalidInput(this, KARPENTER_RULES['EC-09'], 'amiFamily', undefined, 'must be set when the AMI is selected by terms instead of an alias (it decides the user-data format)');
    }
    return props.amiFamily;
  }

  private checkIdentity(props: Ec2NodeClassProps): void {
    if ((props.role === undefined) === (props.instanceProfile === undefined)) {
      throw invalidInput(this, KARPENTER_RULES['EC-12'], 'role/instanceProfile', { role: props.role, instanceProfile: props.instanceProfile }, 'exactly one of role and instanceProfile must be set');
    }
    if (props.role === '') throw invalidInput(this, KARPENTER_RULES['EC-12'], 'role', '', 'must not be empty');
    if (props.instanceProfile === '') throw invalidInput(this, KARPENTER_RULES['EC-12'], 'instanceProfile', '', 'must not be empty');
  }

  private checkSelectorTags(tags: { [key: string]: string } | undefined, field: string): void {
    if (tags === undefined) return;
    const entries = Object.entries(tags);
    if (entries.length === 0 || entries.length > 20) throw invalidInput(this, KARPENTER_RULES['EC-16'], field, tags, 'must have 1 to 20 tags');
    for (const [k, v] of entries) {
      if (k === '' || v === '') throw invalidInput(this, KARPENTER_RULES['EC-16'], field, { [k]: v }, 'empty tag keys or values are not supported');
    }
  }

  private checkTermList(terms: unknown[], rule: Rule, field: string): void {
    if (terms.length < 1 || terms.length > 30) throw invalidInput(this, rule, field, terms.length, 'must have 1 to 30 terms');
  }

  private checkSubnets(terms: SubnetSelectorTerm[]): void {
    this.checkTermList(terms, KARPENTER_RULES['EC-13'], 'subnetSelectorTerms');
    terms.forEach((term, i) => {
      const field = `subnetSelectorTerms[${i}]`;
      if ((term.id === undefined) === (term.tags === undefined)) throw invalidInput(this, KARPENTER_RULES['EC-46'], field, term, 'must select by exactly one of id or tags');
      if (term.id !== undefined && !isUnresolvedToken(term.id)) checkPattern(this, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^subnet-[0-9a-z]+$/, 'must be a subnet id such as subnet-0123456789abcdef0');
      this.checkSelectorTags(term.tags, `${field}.tags`);
    });
  }

  private checkSecurityGroups(terms: SecurityGroupSelectorTerm[]): void {
    this.checkTermList(terms, KARPENTER_RULES['EC-15'], 'securityGroupSelectorTerms');
    terms.forEach((term, i) => {
      const field = `securityGroupSelectorTerms[${i}]`;
      const count = [term.id, term.name, term.tags].filter(x => x !== undefined).length;
      if (count !== 1) throw invalidInput(this, KARPENTER_RULES['EC-15'], field, term, 'must select by exactly one of id, name or tags');
      if (term.id !== undefined && !isUnresolvedToken(term.id)) checkPattern(this, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^sg-[0-9a-z]+$/, 'must be a security group id such as sg-0123456789abcdef0');
      if (term.name === '') throw invalidInput(this, KARPENTER_RULES['EC-52'], `${field}.name`, '', 'must not be empty');
      this.checkSelectorTags(term.tags, `${field}.tags`);
    });
  }

  private checkTags(tags: { [key: string]: string } | undefined): void {
    for (const [key, value] of Object.entries(tags ?? {})) {
      if (key === '') throw invalidInput(this, KARPENTER_RULES['EC-17'], 'tags key', key, 'must not be empty');
      const restricted = RESTRICTED_TAGS.find(([pattern]) => pattern.test(key));
      if (restricted) throw invalidInput(this, KARPENTER_RULES['EC-17'], 'tags key', key, `must not match the restricted tag ${restricted[1]}: Karpenter sets it`);
      if (/^aws:/i.test(key)) throw invalidInput(this, KARPENTER_RULES['EC-47'], 'tags key', key, 'must not start with "aws:", which AWS reserves');
      if (key.length > 128) throw invalidInput(this, KARPENTER_RULES['EC-47'], 'tags key', key, 'must be at most 128 characters');
      if (value.length > 256) throw invalidInput(this, KARPENTER_RULES['EC-47'], `tags[${JSON.stringify(key)}]`, value, 'must be at most 256 characters');
    }
  }

  private checkCapacityReservations(terms: CapacityReservationSelectorTerm[] | undefined): void {
    if (terms === undefined) return;
    if (terms.length > 30) throw invalidInput(this, KARPENTER_RULES['EC-48'], 'capacityReservationSelectorTerms', terms.length, 'must have at most 30 terms');
    terms.forEach((term, i) => {
      const field = `capacityReservationSelectorTerms[${i}]`;
      const shown = { ...term, instanceMatchCriteria: term.instanceMatchCriteria?.value };
      if (term.id === undefined && term.tags === undefined && term.instanceMatchCriteria === undefined) {
        throw invalidInput(this, KARPENTER_RULES['EC-49'], field, shown, 'must select by at least one of id, tags or instanceMatchCriteria (ownerId only narrows a term)');
      }
      // Stricter than the CRD, whose rule only fires when every term combines id with other fields: Karpenter
      // looks the id up on its own and the other fields up separately, so such a term selects more, not less.
      if (term.id !== undefined && (term.tags !== undefined || term.ownerId !== undefined || term.instanceMatchCriteria !== undefined)) {
        throw invalidInput(this, KARPENTER_RULES['EC-50'], field, shown, 'id must stand alone in its term (no tags, ownerId or instanceMatchCriteria); put the other fields in a term of their own');
      }
      if (term.id !== undefined && !isUnresolvedToken(term.id)) {
        checkPattern(this, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^cr-[0-9a-z]+$/, 'must be a capacity reservation id such as cr-0123456789abcdef0');
      }
      if (term.ownerId !== undefined && !isUnresolvedToken(term.ownerId)) {
        checkPattern(this, KARPENTER_RULES['EC-44'], `${field}.ownerId`, term.ownerId, /^[0-9]{12}$/, 'must be a 12-digit AWS account id');
      }
      this.checkSelectorTags(term.tags, `${field}.tags`);
    });
  }

  private checkPlacementGroup(selector: PlacementGroupSelector | undefined): void {
    if (selector === undefined) return;
    if (selector.name === undefined && selector.id === undefined) {
      throw invalidInput(this, KARPENTER_RULES['EC-51'], 'placementGroupSelector', selector, 'must select by name or by id');
    }
    if (selector.name !== undefined && selector.id !== undefined) {
      throw invalidInput(this, KARPENTER_RULES['EC-51'], 'placementGroupSelector', selector, 'name and id are mutually exclusive; select by one of them');
    }
    if (selector.name === '') throw invalidInput(this, KARPENTER_RULES['EC-52'], 'placementGroupSelector.name', '', 'must not be empty');
    if (selector.id !== undefined && !isUnresolvedToken(selector.id)) {
      checkPattern(this, KARPENTER_RULES['EC-43'], 'placementGroupSelector.id', selector.id, /^pg-[0-9a-z]+$/, 'must be a placement group id such as pg-0123456789abcdef0');
    }
  }

  private checkNetworkInterfaces(interfaces: NetworkInterface[] | undefined, publicIp: boolean | undefined): void {
    if (interfaces === undefined) return;
    if (interfaces.length > 150) throw invalidInput(this, KARPENTER_RULES['EC-53'], 'networkInterfaces', interfaces.length, 'must have at most 150 interfaces');
    const describe = (n: NetworkInterface) =>
      ({ networkCardIndex: n.networkCardIndex, deviceIndex: n.deviceIndex, interfaceType: n.interfaceType?.value });
    interfaces.forEach((n, i) => {
      checkInteger(this, KARPENTER_RULES['EC-54'], `networkInterfaces[${i}].networkCardIndex`, n.networkCardIndex, 0, INT32_MAX);
      checkInteger(this, KARPENTER_RULES['EC-54'], `networkInterfaces[${i}].deviceIndex`, n.deviceIndex, 0, INT32_MAX);
      const types = [NetworkInterfaceType.INTERFACE, NetworkInterfaceType.EFA_ONLY];
      if (!types.includes(n.interfaceType)) {
        throw invalidInput(this, KARPENTER_RULES['EC-55'], `networkInterfaces[${i}].interfaceType`, n.interfaceType?.value, 'must be NetworkInterfaceType.INTERFACE or NetworkInterfaceType.EFA_ONLY');
      }
      const same = interfaces.findIndex(o => o.networkCardIndex === n.networkCardIndex && o.deviceIndex === n.deviceIndex);
      if (same < i) {
        throw invalidInput(this, KARPENTER_RULES['EC-56'], `networkInterfaces[${i}]`, describe(n), `must not repeat the networkCardIndex and deviceIndex of networkInterfaces[${same}]`);
      }
      const efa = interfaces.findIndex(o => o.networkCardIndex === n.networkCardIndex && o.interfaceType === NetworkInterfaceType.EFA_ONLY);
      if (n.interfaceType === NetworkInterfaceType.EFA_ONLY && efa < i) {
        throw invalidInput(this, KARPENTER_RULES['EC-56'], `networkInterfaces[${i}]`, describe(n), `must not be a second efa-only interface on network card ${n.networkCardIndex} (networkInterfaces[${efa}] is one); a card takes at most one`);
      }
    });
    const primary = interfaces.some(n => n.networkCardIndex === 0 && n.deviceIndex === 0 && n.interfaceType === NetworkInterfaceType.INTERFACE);
    if (interfaces.length > 0 && !primary) {
      throw invalidInput(this, KARPENTER_RULES['EC-57'], 'networkInterfaces', interfaces.map(describe),
        'must include the primary interface: networkCardIndex 0, deviceIndex 0, interfaceType NetworkInterfaceType.INTERFACE');
    }
    if (publicIp && interfaces.length > 1) {
      addWarning(this, KARPENTER_RULES['EC-58'], `sets associatePublicIpAddress with ${interfaces.length} network interfaces: EC2 refuses a public IP on instances launched with several interfaces, so every launch fails`);
    }
  }

  private renderTimeout(field: string, duration: Duration | undefined, min: number, max: number): number | undefined {
    if (duration === undefined) return undefined;
    const seconds = toWholeSeconds(this, field, duration);
    if (seconds < min || seconds > max) throw invalidInput(this, KARPENTER_RULES['EC-59'], field, duration.toHumanString(), `must be from ${min} to ${max} seconds`);
    return seconds;
  }

  private renderConnectionTracking(tracking: ConnectionTracking | undefined): l1.Ec2NodeClassSpecConnectionTracking | undefined {
    if (tracking === undefined) return undefined;
    if (tracking.tcpEstablishedTimeout === undefined && tracking.udpStreamTimeout === undefined && tracking.udpTimeout === undefined) {
      throw invalidInput(this, KARPENTER_RULES['EC-60'], 'connectionTracking', {}, 'must set at least one of tcpEstablishedTimeout, udpStreamTimeout or udpTimeout');
    }
    return {
      tcpEstablishedTimeout: this.renderTimeout('connectionTracking.tcpEstablishedTimeout', tracking.tcpEstablishedTimeout, 60, 432000),
      udpStreamTimeout: this.renderTimeout('connectionTracking.udpStreamTimeout', tracking.udpStreamTimeout, 60, 180),
      udpTimeout: this.renderTimeout('connectionTracking.udpTimeout', tracking.udpTimeout, 30, 60),
    };
  }

  private renderBlockDevice(device: BlockDeviceMapping, field: string): l1.Ec2NodeClassSpecBlockDeviceMappings {
    const type = device.volumeType ?? EbsVolumeType.GP3;
    if (!device.deviceName) throw invalidInput(this, KARPENTER_RULES['EC-61'], `${field}.deviceName`, device.deviceName, 'must be a device name such as /dev/xvda');
    let volumeSize: string | undefined;
    if (device.volumeSize) {
      const gib = device.volumeSize.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
      if (!Number.isInteger(gib) || gib < type.minSizeGiB || gib > type.maxSizeGiB) {
        throw invalidInput(this, KARPENTER_RULES['EC-20'], `${field}.volumeSize`, `${gib}Gi`, `must be a whole number of GiB from ${type.minSizeGiB} to ${type.maxSizeGiB} for ${type.value}`);
      }
      volumeSize = `${gib}Gi`;
    } else if (!device.snapshotId) {
      throw invalidInput(this, KARPENTER_RULES['EC-19'], `${field}.volumeSize`, undefined, 'must be set unless snapshotId is');
    }
    if (device.iops !== undefined) {
      const ranges: { [type: string]: [number, number] } = { gp3: [3000, 16000], io1: [100, 64000], io2: [100, 64000] };
      const range = ranges[type.value];
      if (!range) throw invalidInput(this, KARPENTER_RULES['EC-62'], `${field}.iops`, device.iops, `must be unset for ${type.value} (only gp3, io1 and io2 take provisioned IOPS)`);
      checkInteger(this, KARPENTER_RULES['EC-62'], `${field}.iops`, device.iops, range[0], range[1]);
    } else if (type === EbsVolumeType.IO1 || type === EbsVolumeType.IO2) {
      throw invalidInput(this, KARPENTER_RULES['EC-62'], `${field}.iops`, undefined, `must be set for ${type.value} volumes`);
    }
    if (device.throughput !== undefined) {
      if (type !== EbsVolumeType.GP3) throw invalidInput(this, KARPENTER_RULES['EC-63'], `${field}.throughput`, device.throughput, `must be unset for ${type.value} (only gp3 takes a throughput)`);
      checkInteger(this, KARPENTER_RULES['EC-63'], `${field}.throughput`, device.throughput, 125, 1000);
    }
    if (device.snapshotId !== undefined && !isUnresolvedToken(device.snapshotId)) {
      checkPattern(this, KARPENTER_RULES['EC-45'], `${field}.snapshotId`, device.snapshotId, /^snap-[0-9a-z]+$/, 'must be a snapshot id such as snap-0123456789abcdef0');
    }
    checkInteger(this, KARPENTER_RULES['EC-23'], `${field}.volumeInitializationRate`, device.volumeInitializationRate, 100, 300);
    if (device.volumeInitializationRate !== undefined && !device.snapshotId) {
      throw invalidInput(this, KARPENTER_RULES['EC-23'], `${field}.volumeInitializationRate`, device.volumeInitializationRate, 'needs snapshotId: only restored snapshots are initialized');
    }
    const encrypted = device.encrypted ?? true;
    if (!encrypted) addWarning(this, KARPENTER_RULES['EC-30'], `${field} (${device.deviceName}) is not encrypted: pod data and images on it are stored in the clear`);
    return {
      deviceName: device.deviceName,
      rootVolume: device.rootVolume,
      ebs: {
        volumeSize,
        volumeType: type.value as l1.Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType,
        iops: device.iops,
        throughput: device.throughput,
        encrypted: device.snapshotId ? device.encrypted : encrypted,
        kmsKeyId: device.kmsKeyId,
        deleteOnTermination: device.deleteOnTermination ?? true,
        snapshotId: device.snapshotId,
        volumeInitializationRate: device.volumeInitializationRate,
      },
    };
  }

  private defaultBlockDevices(): BlockDeviceMapping[] | undefined {
    const root = (deviceName: string, gib: number): BlockDeviceMapping => ({ deviceName, volumeSize: Size.gibibytes(gib) });
    if (this.amiFamily === AmiFamily.BOTTLEROCKET) return [root('/dev/xvda', 4), root('/dev/xvdb', 20)];
    if (this.amiFamily.isWindows) return [root('/dev/sda1', 50)];
    if (this.amiFamily === AmiFamily.AL2 || this.amiFamily === AmiFamily.AL2023) return [root('/dev/xvda', 20)];
    return undefined;
  }

  private renderReserved(reserved: ReservedResources | undefined, field: string): { [key: string]: string } | undefined {
    if (!reserved) return undefined;
    checkInteger(this, KARPENTER_RULES['EC-27'], `${field}.pid`, reserved.pid, 0);
    if (reserved.cpu && reserved.cpu.amount.startsWith('-')) throw invalidInput(this, KARPENTER_RULES['EC-27'], `${field}.cpu`, reserved.cpu.amount, 'must not be negative');
    const out: { [key: string]: string } = {};
    if (reserved.cpu) out.cpu = reserved.cpu.amount;
    if (reserved.memory) out.memory = toQuantity(reserved.memory);
    if (reserved.ephemeralStorage) out['ephemeral-storage'] = toQuantity(reserved.ephemeralStorage);
    if (reserved.pid !== undefined) out.pid = `${reserved.pid}`;
    return Object.keys(out).length ? out : undefined;
  }

  private checkSignals(map: { [signal: string]: unknown } | undefined, field: string): void {
    for (const signal of Object.keys(map ?? {})) {
      if (!EVICTION_SIGNALS.includes(signal)) throw invalidInput(this, KARPENTER_RULES['EC-24'], `${field} key`, signal, `must be one of ${EVICTION_SIGNALS.join(', ')}`);
    }
  }

  private renderKubelet(kubelet: KubeletConfiguration | undefined): l1.Ec2NodeClassSpecKubelet | undefined {
    if (!kubelet) return undefined;
    checkInteger(this, KARPENTER_RULES['EC-27'], 'kubelet.maxPods', kubelet.maxPods, 0);
    checkInteger(this, KARPENTER_RULES['EC-27'], 'kubelet.podsPerCore', kubelet.podsPerCore, 0);
    checkInteger(this, KARPENTER_RULES['EC-25'], 'kubelet.imageGcHighThresholdPercent', kubelet.imageGcHighThresholdPercent, 0, 100);
    checkInteger(this, KARPENTER_RULES['EC-25'], 'kubelet.imageGcLowThresholdPercent', kubelet.imageGcLowThresholdPercent, 0, 100);
    const high = kubelet.imageGcHighThresholdPercent;
    const low = kubelet.imageGcLowThresholdPercent;
    if (high !== undefined && low !== undefined && high <= low) {
      throw invalidInput(this, KARPENTER_RULES['EC-25'], 'kubelet.imageGcHighThresholdPercent', high, `must be greater than imageGcLowThresholdPercent (${low})`);
    }
    this.checkSignals(kubelet.evictionHard, 'kubelet.evictionHard');
    this.checkSignals(kubelet.evictionSoft, 'kubelet.evictionSoft');
    this.checkSignals(kubelet.evictionSoftGracePeriod, 'kubelet.evictionSoftGracePeriod');
    for (const [name, map] of [['evictionHard', kubelet.evictionHard], ['evictionSoft', kubelet.evictionSoft]] as const) {
      for (const [signal, threshold] of Object.entries(map ?? {})) {
        checkPattern(this, KARPENTER_RULES['EC-64'], `kubelet.${name}[${JSON.stringify(signal)}]`, threshold, EVICTION_THRESHOLD, 'must be a quantity (e.g. 100Mi) or a percentage (e.g. 10%)');
      }
    }
    const soft = Object.keys(kubelet.evictionSoft ?? {});
    const grace = Object.keys(kubelet.evictionSoftGracePeriod ?? {});
    const missingGrace = soft.find(s => !grace.includes(s));
    if (missingGrace) throw invalidInput(this, KARPENTER_RULES['EC-65'], 'kubelet.evictionSoftGracePeriod', missingGrace, 'must have an entry for every evictionSoft signal');
    const missingSoft = grace.find(s => !soft.includes(s));
    if (missingSoft) throw invalidInput(this, KARPENTER_RULES['EC-65'], 'kubelet.evictionSoft', missingSoft, 'must have an entry for every evictionSoftGracePeriod signal');
    return {
      maxPods: kubelet.maxPods,
      podsPerCore: kubelet.podsPerCore,
      systemReserved: this.renderReserved(kubelet.systemReserved, 'kubelet.systemReserved'),
      kubeReserved: this.renderReserved(kubelet.kubeReserved, 'kubelet.kubeReserved'),
      evictionHard: kubelet.evictionHard,
      evictionSoft: kubelet.evictionSoft,
      evictionSoftGracePeriod: kubelet.evictionSoftGracePeriod
        ? Object.fromEntries(Object.entries(kubelet.evictionSoftGracePeriod).map(([k, d]) => [k, toHoursMinutesSeconds(this, `kubelet.evictionSoftGracePeriod[${JSON.stringify(k)}]`, d)]))
        : undefined,
      evictionMaxPodGracePeriod: kubelet.evictionMaxPodGracePeriod ? toWholeSeconds(this, 'kubelet.evictionMaxPodGracePeriod', kubelet.evictionMaxPodGracePeriod) : undefined,
      imageGcHighThresholdPercent: high,
      imageGcLowThresholdPercent: low,
      cpuCfsQuota: kubelet.cpuCfsQuota,
      clusterDns: kubelet.clusterDns,
    };
  }

  private renderSpec(): l1.Ec2NodeClassSpec {
    const p = this.props;
    const { aliasValue: alias, selectorTerms: terms } = p.amiSelection;
    const devices = p.blockDeviceMappings ?? this.defaultBlockDevices();
    return {
      amiFamily: p.amiFamily?.value as l1.Ec2NodeClassSpecAmiFamily | undefined,
      amiSelectorTerms: alias !== undefined ? [{ alias }] : (terms ?? []).map(t => ({ ...t })),
      subnetSelectorTerms: p.subnetSelectorTerms.map(t => ({ ...t })),
      securityGroupSelectorTerms: p.securityGroupSelectorTerms.map(t => ({ ...t })),
      role: p.role,
      instanceProfile: p.instanceProfile,
      blockDeviceMappings: devices?.map((d, i) => this.renderBlockDevice(d, `blockDeviceMappings[${i}]`)),
      kubelet: this.renderKubelet(p.kubelet),
      metadataOptions: {
        httpEndpoint: l1.Ec2NodeClassSpecMetadataOptionsHttpEndpoint.ENABLED,
        httpProtocolIPv6: l1.Ec2NodeClassSpecMetadataOptionsHttpProtocolIPv6.DISABLED,
        httpPutResponseHopLimit: p.allowPodImdsAccess ? 2 : 1,
        httpTokens: l1.Ec2NodeClassSpecMetadataOptionsHttpTokens.REQUIRED,
      },
      associatePublicIpAddress: p.associatePublicIpAddress ?? false,
      detailedMonitoring: p.detailedMonitoring,
      instanceStorePolicy: p.instanceStoreRaid0 ? l1.Ec2NodeClassSpecInstanceStorePolicy.RAID0 : undefined,
      tags: p.tags && Object.keys(p.tags).length ? { ...p.tags } : undefined,
      userData: p.userData,
      capacityReservationSelectorTerms: p.capacityReservationSelectorTerms?.length
        ? p.capacityReservationSelectorTerms.map(t => ({
          id: t.id,
          tags: t.tags ? { ...t.tags } : undefined,
          instanceMatchCriteria: t.instanceMatchCriteria?.value as l1.Ec2NodeClassSpecCapacityReservationSelectorTermsInstanceMatchCriteria,
          ownerId: t.ownerId,
        }))
        : undefined,
      placementGroupSelector: p.placementGroupSelector ? { name: p.placementGroupSelector.name, id: p.placementGroupSelector.id } : undefined,
      networkInterfaces: p.networkInterfaces?.length
        ? p.networkInterfaces.map(n => ({
          networkCardIndex: n.networkCardIndex,
          deviceIndex: n.deviceIndex,
          interfaceType: n.interfaceType.value as l1.Ec2NodeClassSpecNetworkInterfacesInterfaceType,
        }))
        : undefined,
      ipPrefixCount: p.ipPrefixCount,
      connectionTracking: this.renderConnectionTracking(p.connectionTracking),
      cpuOptions: p.cpuOptions?.nestedVirtualization !== undefined ? {
        nestedVirtualization: p.cpuOptions.nestedVirtualization
          ? l1.Ec2NodeClassSpecCpuOptionsNestedVirtualization.ENABLED
          : l1.Ec2NodeClassSpecCpuOptionsNestedVirtualization.DISABLED,
      } : undefined,
    };
  }
}

class ImportedEc2NodeClass extends Construct implements INodeClass {
  public readonly nodeClassGroup = KARPENTER_AWS_DOMAIN;
  public readonly nodeClassKind = 'EC2NodeClass';
  public readonly instanceLabelDomain = KARPENTER_AWS_DOMAIN;

  constructor(scope: Construct, id: string, public readonly nodeClassName: string) {
    super(scope, id);
    checkObjectName(this, 'name', nodeClassName);
  }
}
