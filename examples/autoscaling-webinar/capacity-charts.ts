import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { WebinarParameters } from './parameters';
import { MOC_NAMESPACE, mocDeployment, namespacedChartProps } from './workloads';
import { AmiFamily, AmiSelection, DurationOrNever, Ec2NodeClass, Requirement, SpotOnDemandSplit } from '../../src';

/** Properties of the Karpenter chart: where the nodes launch and what they run. */
export type KarpenterPoolsChartProps = Pick<WebinarParameters,
'bottlerocketVersion' | 'nodeInstanceProfile' | 'nodeSubnets' | 'nodeSecurityGroups'>;

/**
 * Karpenter's Spot pool `spotpool` and on-demand pool `ondemandpool`, each with its EC2NodeClass: one
 * on-demand `capacity-spread` domain to three Spot ones.
 */
export class KarpenterPoolsChart extends Chart {
  /** The split, to spread workloads over its domains. */
  public readonly split: SpotOnDemandSplit;

  public constructor(scope: Construct, id: string, props: KarpenterPoolsChartProps) {
    super(scope, id, namespacedChartProps());
    const nodeClass = (name: string) => new Ec2NodeClass(this, name, {
      metadata: { name },
      amiFamily: AmiFamily.BOTTLEROCKET,
      amiSelection: AmiSelection.bottlerocket(props.bottlerocketVersion),
      instanceProfile: props.nodeInstanceProfile,
      subnetSelectorTerms: props.nodeSubnets,
      securityGroupSelectorTerms: props.nodeSecurityGroups,
      // Upstream writes these at spec level, where the API server drops them.
      kubelet: {
        systemReserved: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(100) },
        kubeReserved: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(100) },
      },
    });
    const onDemandNodeClass = nodeClass('ondemandpool');
    const spotNodeClass = nodeClass('spotpool');
    this.split = new SpotOnDemandSplit(this, 'CapacitySplit', {
      nodeClass: onDemandNodeClass,
      spot: { metadata: { name: 'spotpool' }, nodeClass: spotNodeClass, labels: { workload: 'spotpool' } },
      onDemand: { metadata: { name: 'ondemandpool' }, labels: { workload: 'ondemandpool' } },
      labels: { 'compute-type': 'ec2', 'cilium.io/role': 'agent' },
      requirements: [
        // c6 and c7 are not EC2 families; kept as the webinar lists them, the library warns.
        Requirement.instanceFamily('t3', 't3a', 'c6', 'c6a', 'c7', 'c7a').withMinValues(2),
        Requirement.instanceSize('large', 'xlarge', '2xlarge').withMinValues(2),
        Requirement.zone('us-east-1a', 'us-east-1b', 'us-east-1c'),
      ],
      consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
      limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
    });
  }
}

/** Properties of the chart that spreads moc over the pools. */
export interface MocCapacitySpreadChartProps {
  /** The SQS queue the app writes to and reads from. */
  readonly sqsQueueUrl: string;
  /** The split whose domains moc's pods spread over. */
  readonly split: SpotOnDemandSplit;
}

/** moc again, with upstream's `capacity-spread` constraint uncommented: it replaces the Deployment of the app chart. */
export class MocCapacitySpreadChart extends Chart {
  public constructor(scope: Construct, id: string, props: MocCapacitySpreadChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    mocDeployment(this, { sqsQueueUrl: props.sqsQueueUrl, capacitySpread: props.split });
  }
}
