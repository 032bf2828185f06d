import { Construct } from 'constructs';
import { AmiFamily, AmiSelection } from './ami-selection';
import { checkBlockDevices, defaultBlockDevices, renderBlockDevice } from './block-device-render';
import { BlockDeviceMapping } from './block-devices';
import { CapacityReservationSelectorTerm } from './capacity-reservation';
import { KARPENTER_AWS_DOMAIN } from './domains';
import { ConnectionTracking, NetworkInterface, PlacementGroupSelector, SecurityGroupSelectorTerm, SubnetSelectorTerm } from './ec2-networking';
import {
  checkAmi, checkCapacityReservations, checkIdentity, checkNetworkInterfaces, checkPlacementGroup, checkSecurityGroups, checkSubnets, checkTags,
  renderConnectionTracking,
} from './ec2-node-class-checks';
import { KubeletConfiguration } from './kubelet';
import { checkKubelet, renderKubelet } from './kubelet-render';
import { INodeClass } from './node-class';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import { checkInteger, checkObjectName, INT32_MAX } from '../core/checks';
import { checkProps } from '../core/prop-checks';
import { KARPENTER_RULES } from '../core/rules';

/** CPU options of the instances. */
export interface CpuOptions {
  /**
   * Enable nested virtualization; Karpenter then launches only instance types that support it.
   * @default - not set: the instance type's default
   */
  readonly nestedVirtualization?: boolean;
}

/** Properties of an EC2NodeClass. */
export interface Ec2NodeClassProps extends CustomResourceProps {
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

/**
 * A self-managed Karpenter EC2NodeClass (`karpenter.k8s.aws/v1`, cluster-scoped): AMI, subnets, security
 * groups, IAM identity, volumes and kubelet of the nodes a NodePool launches.
 *
 * Secure by default, emitted explicitly: IMDSv2 required with hop limit 1, encrypted volumes,
 * no public IP address.
 */
export class Ec2NodeClass extends CustomResource implements INodeClass {
  /** References an EC2NodeClass applied outside this app. */
  public static fromEc2NodeClassName(scope: Construct, id: string, name: string): INodeClass {
    return new ImportedEc2NodeClass(scope, id, name);
  }

  public readonly nodeClassGroup = KARPENTER_AWS_DOMAIN;
  public readonly nodeClassKind = 'EC2NodeClass';
  public readonly instanceLabelDomain = KARPENTER_AWS_DOMAIN;

  /** The AMI family: the alias's family, or `amiFamily`. */
  public readonly amiFamily: AmiFamily;

  /** The AMI selection: an alias or selector terms. Capacity checks read the architectures and OS it allows. */
  public readonly amiSelection: AmiSelection;

  private readonly settings: Ec2NodeClassProps;

  public constructor(scope: Construct, id: string, props: Ec2NodeClassProps) {
    checkProps(scope, id, 'Ec2NodeClassProps', props);
    super(scope, id, { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', resourceType: 'ec2nodeclasses', clusterScoped: true }, props);
    this.settings = props;
    this.amiFamily = checkAmi(this, props.amiSelection, props.amiFamily);
    this.amiSelection = props.amiSelection;
    checkIdentity(this, props.role, props.instanceProfile);
    checkSubnets(this, props.subnetSelectorTerms);
    checkSecurityGroups(this, props.securityGroupSelectorTerms);
    checkTags(this, props.tags);
    checkBlockDevices(this, props.blockDeviceMappings, this.amiFamily);
    checkKubelet(this, props.kubelet);
    checkCapacityReservations(this, props.capacityReservationSelectorTerms);
    checkPlacementGroup(this, props.placementGroupSelector);
    checkNetworkInterfaces(this, props.networkInterfaces, props.associatePublicIpAddress);
    checkInteger(this, KARPENTER_RULES['EC-37'], 'ipPrefixCount', props.ipPrefixCount, 0, INT32_MAX);
    renderConnectionTracking(this, props.connectionTracking);
  }

  /** The Kubernetes name, for NodePools' `nodeClassRef`. */
  public get nodeClassName(): string {
    return this.name;
  }

  /** Whether the class selects capacity reservations, so that pools on it can launch `reserved` capacity. */
  public get selectsCapacityReservations(): boolean {
    return (this.settings.capacityReservationSelectorTerms ?? []).length > 0;
  }

  protected renderSpec(): unknown {
    const p = this.settings;
    const { aliasValue: alias, selectorTerms: terms } = p.amiSelection;
    const devices = p.blockDeviceMappings ?? defaultBlockDevices(this.amiFamily);
    return {
      amiFamily: p.amiFamily?.value,
      amiSelectorTerms: alias !== undefined ? [{ alias }] : (terms ?? []).map(t => ({ ...t })),
      subnetSelectorTerms: p.subnetSelectorTerms.map(t => ({ ...t })),
      securityGroupSelectorTerms: p.securityGroupSelectorTerms.map(t => ({ ...t })),
      role: p.role,
      instanceProfile: p.instanceProfile,
      blockDeviceMappings: devices?.map(renderBlockDevice),
      kubelet: renderKubelet(this, p.kubelet),
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpProtocolIPv6: 'disabled',
        httpPutResponseHopLimit: p.allowPodImdsAccess ? 2 : 1,
        httpTokens: 'required',
      },
      associatePublicIPAddress: p.associatePublicIpAddress ?? false,
      detailedMonitoring: p.detailedMonitoring,
      instanceStorePolicy: p.instanceStoreRaid0 ? 'RAID0' : undefined,
      tags: p.tags && Object.keys(p.tags).length ? { ...p.tags } : undefined,
      userData: p.userData,
      capacityReservationSelectorTerms: p.capacityReservationSelectorTerms?.length
        ? p.capacityReservationSelectorTerms.map(t => ({
          id: t.id,
          tags: t.tags ? { ...t.tags } : undefined,
          instanceMatchCriteria: t.instanceMatchCriteria?.value,
          ownerID: t.ownerId,
        }))
        : undefined,
      placementGroupSelector: p.placementGroupSelector ? { name: p.placementGroupSelector.name, id: p.placementGroupSelector.id } : undefined,
      networkInterfaces: p.networkInterfaces?.length
        ? p.networkInterfaces.map(n => ({ networkCardIndex: n.networkCardIndex, deviceIndex: n.deviceIndex, interfaceType: n.interfaceType.value }))
        : undefined,
      ipPrefixCount: p.ipPrefixCount,
      connectionTracking: renderConnectionTracking(this, p.connectionTracking),
      cpuOptions: p.cpuOptions?.nestedVirtualization !== undefined
        ? { nestedVirtualization: p.cpuOptions.nestedVirtualization ? 'enabled' : 'disabled' }
        : undefined,
    };
  }
}

/** An EC2NodeClass applied outside this app, by name. */
class ImportedEc2NodeClass extends Construct implements INodeClass {
  public readonly nodeClassGroup = KARPENTER_AWS_DOMAIN;
  public readonly nodeClassKind = 'EC2NodeClass';
  public readonly instanceLabelDomain = KARPENTER_AWS_DOMAIN;

  constructor(scope: Construct, id: string, public readonly nodeClassName: string) {
    super(scope, id);
    checkObjectName(this, 'name', nodeClassName);
  }
}
