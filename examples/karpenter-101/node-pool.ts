import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import {
  AmiSelection, Arch, CapacityType, ConsolidationPolicy, DisruptableNodes, DurationOrNever, Ec2NodeClass, NodeLabel, NodePool,
  OperatingSystem, Requirement,
} from '../../src';

/** Properties of `NodePoolChart`. */
export interface NodePoolChartProps {
  /** The EKS cluster: it names the node role (`KarpenterNodeRole-<cluster>`) and is the discovery tag's value. */
  readonly clusterName: string;
  /** The Amazon Linux 2023 release in `al2023@<version>`, or 'latest'. */
  readonly amiVersion: string;
  /** The tag key that marks the cluster's subnets and security groups. */
  readonly discoveryTagKey: string;
}

/**
 * The lab's `default` EC2NodeClass and Spot NodePool: amd64/Linux, no nano/micro/small sizes, capped at
 * 16 vCPU and 32Gi, consolidating after 30 s and disrupting at most half of its nodes at a time.
 */
export class NodePoolChart extends Chart {
  public readonly nodeClass: Ec2NodeClass;
  public readonly pool: NodePool;

  public constructor(scope: Construct, id: string, props: NodePoolChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const discovery = { [props.discoveryTagKey]: props.clusterName };
    this.nodeClass = new Ec2NodeClass(this, 'default-node-class', {
      metadata: { name: 'default' },
      amiSelection: AmiSelection.al2023(props.amiVersion),
      role: `KarpenterNodeRole-${props.clusterName}`,
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      tags: { Name: 'karpenter.sh/nodepool/default', NodeType: props.clusterName, IntentLabel: 'apps' },
    });
    this.pool = new NodePool(this, 'default-pool', {
      metadata: { name: 'default' },
      nodeClass: this.nodeClass,
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
      consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
      consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
      disruptionBudgets: [{ nodes: DisruptableNodes.percent(50) }],
    });
  }
}
