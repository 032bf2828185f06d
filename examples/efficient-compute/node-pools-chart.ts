import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AmiSelection, ArchitecturePools, CapacityType, DisruptableNodes, DurationOrNever, Ec2NodeClass, INodeClass, NodeClassReference,
} from '../../src';

/** Self-managed Karpenter instead of EKS Auto Mode: the pools launch nodes from an EC2NodeClass. */
export interface SelfManagedKarpenter {
  /** Cluster whose private subnets and node security group carry `karpenter.sh/discovery: <clusterName>`. */
  readonly clusterName: string;

  /** IAM role (name) of the nodes; Karpenter creates their instance profile. */
  readonly nodeRole: string;
}

/** Properties of the node pools chart. */
export interface NodePoolsChartProps {
  /**
   * Run on self-managed Karpenter: the chart adds an EC2NodeClass `default`, and the pools and
   * workloads use `karpenter.k8s.aws/instance-*` labels.
   *
   * @default - EKS Auto Mode, as upstream: the built-in NodeClass `default` and `eks.amazonaws.com/instance-*` labels
   */
  readonly selfManagedKarpenter?: SelfManagedKarpenter;
}

/** The graviton, x86 and multiarch NodePools (cluster-scoped, so the chart has no namespace). */
export class NodePoolsChart extends Chart {
  public readonly pools: ArchitecturePools;

  public constructor(scope: Construct, id: string, props: NodePoolsChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true });
    const selfManaged = props.selfManagedKarpenter;
    this.pools = new ArchitecturePools(this, 'pools', {
      nodeClass: selfManaged ? this.addEc2NodeClass(selfManaged) : NodeClassReference.eksAutoMode(),
      multiArch: { capacityTypes: [CapacityType.ON_DEMAND] },
      expireAfter: DurationOrNever.after(Duration.hours(336)),
      terminationGracePeriod: Duration.hours(24),
      consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
      disruptionBudgets: [{ nodes: DisruptableNodes.percent(10) }],
    });
  }

  /** Not upstream: upstream runs on EKS Auto Mode, so the node class is our choice. */
  private addEc2NodeClass(selfManaged: SelfManagedKarpenter): INodeClass {
    const discovery = { 'karpenter.sh/discovery': selfManaged.clusterName };
    return new Ec2NodeClass(this, 'default', {
      metadata: { name: 'default' },
      amiSelection: AmiSelection.al2023(),
      role: selfManaged.nodeRole,
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
    });
  }
}
