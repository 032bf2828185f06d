import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { AmiSelection, CapacityType, DurationOrNever, Ec2NodeClass, NodePool, Requirement } from '../../src';

/** The tag the workshop puts on everything it creates. */
export const WORKSHOP_TAGS = { 'app.kubernetes.io/created-by': 'eks-workshop' };

/** Properties of `NodePoolChart`. */
export interface NodePoolChartProps {
  /** Instance types the NodePool may launch (on-demand). */
  readonly instanceTypes: string[];
  /** IAM role (name) of the Karpenter nodes, or the variable the workshop's `envsubst` fills in. */
  readonly nodeRole: string;
  /** Value of the `karpenter.sh/discovery` tag, or the variable the workshop's `envsubst` fills in. */
  readonly clusterName: string;
  /** How long a node lives before Karpenter replaces it. */
  readonly expireAfter: Duration;
}

/**
 * EC2NodeClass and NodePool `default`, in karpenter.sh/v1 terms: on-demand nodes labelled
 * `type: karpenter`, consolidated when empty or underutilized. Cluster-scoped, so the chart has no
 * namespace.
 */
export class NodePoolChart extends Chart {
  public readonly nodeClass: Ec2NodeClass;
  public readonly pool: NodePool;

  public constructor(scope: Construct, id: string, props: NodePoolChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const discovery = { 'karpenter.sh/discovery': props.clusterName };
    this.nodeClass = new Ec2NodeClass(this, 'node-class', {
      metadata: { name: 'default' },
      // v1 requires amiSelectorTerms; the workshop's v1 revision uses this alias.
      amiSelection: AmiSelection.al2023(),
      role: props.nodeRole,
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      tags: WORKSHOP_TAGS,
    });
    this.pool = new NodePool(this, 'node-pool', {
      metadata: { name: 'default' },
      nodeClass: this.nodeClass,
      labels: { type: 'karpenter' },
      requirements: [
        Requirement.capacityType(CapacityType.ON_DEMAND),
        Requirement.instanceType(...props.instanceTypes),
      ],
      expireAfter: DurationOrNever.after(props.expireAfter),
      // Not upstream: bounds the drain of an expired node. inflate stops at once, so it never waits this long.
      terminationGracePeriod: Duration.hours(1),
      limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
      // v1beta1's WhenUnderutilized, renamed; 1m is the workshop's v1 value.
      consolidateAfter: DurationOrNever.after(Duration.minutes(1)),
    });
  }
}
