import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import {
  AmiSelection, Arch, CapacityType, ConsolidationPolicy, DurationOrNever, EbsVolumeType, Ec2NodeClass, GpuNodePool, NodeLabel, NodePool,
  NodePoolOptions, PodSecurity, Requirement,
} from '../../src';

/** The EC2NodeClass both pools launch with. */
const NODE_CLASS = 'default';

/**
 * What the default pool and the GPU pool share: the cluster label and annotation on their nodes, and
 * the disruption settings of upstream's v1beta1 pool in karpenter.sh/v1 terms.
 */
export function sharedPoolOptions(clusterName: string): NodePoolOptions {
  return {
    labels: { 'cluster-name': clusterName },
    annotations: { purpose: 'karpenter-example' },
    expireAfter: DurationOrNever.after(Duration.hours(720)),
    // Expiry drains forcefully in v1; without a grace period a blocking PDB holds the node forever.
    terminationGracePeriod: Duration.hours(24),
    consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
    // v1beta1's WhenUnderutilized consolidated without waiting; 0s keeps that in v1.
    consolidateAfter: DurationOrNever.after(Duration.seconds(0)),
  };
}

/** Properties of `NodePoolsChart`. */
export interface NodePoolsChartProps {
  /** The EKS cluster: discovery tag value, node role `KarpenterNodeRole-<cluster>` and node label. */
  readonly clusterName: string;
  /** The Amazon Linux 2023 release the nodes boot, e.g. 'v20241024', or 'latest'. */
  readonly amiVersion: string;
}

/** The `default` EC2NodeClass and NodePool, in karpenter.sh/v1 terms (cluster-scoped, so no namespace). */
export class NodePoolsChart extends Chart {
  public readonly nodeClass: Ec2NodeClass;
  public readonly pool: NodePool;

  public constructor(scope: Construct, id: string, props: NodePoolsChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const discovery = { 'karpenter.sh/discovery': props.clusterName };
    this.nodeClass = new Ec2NodeClass(this, 'default-node-class', {
      metadata: { name: NODE_CLASS },
      amiSelection: AmiSelection.al2023(props.amiVersion),
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      role: `KarpenterNodeRole-${props.clusterName}`,
      tags: { app: 'autoscaling-test' },
      blockDeviceMappings: [{
        deviceName: '/dev/xvda', volumeSize: Size.gibibytes(80), volumeType: EbsVolumeType.GP3, iops: 10000, throughput: 125, deleteOnTermination: true,
      }],
      detailedMonitoring: true,
    });
    this.pool = new NodePool(this, 'default-pool', {
      ...sharedPoolOptions(props.clusterName),
      metadata: { name: 'default' },
      nodeClass: this.nodeClass,
      requirements: [
        Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND),
        Requirement.instanceCategory('c', 'm', 'r', 'g', 'p'),
        NodeLabel.INSTANCE_GENERATION.greaterThan(2),
      ],
      // Upstream sets no limits; these are Karpenter's getting-started values, far above what the walkthrough launches.
      limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
    });
  }
}

/** Properties of `GpuNodePoolChart`. */
export interface GpuNodePoolChartProps {
  /** The EKS cluster, for the node label the pools share. */
  readonly clusterName: string;
  /** The most NVIDIA GPUs the pool may run at once. */
  readonly maxGpus: number;
  /** The php-apache Deployment of the GPU variant: it requests one GPU per pod and lands on this pool. */
  readonly gpuWorkload: kplus.Deployment;
}

/**
 * The `gpu` NodePool (NVIDIA instances only, tainted, capped in GPUs) and the NVIDIA device plugin,
 * which advertises `nvidia.com/gpu` to the scheduler. It launches with the default EC2NodeClass.
 */
export class GpuNodePoolChart extends Chart {
  public readonly gpu: GpuNodePool;

  public constructor(scope: Construct, id: string, props: GpuNodePoolChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const shared = sharedPoolOptions(props.clusterName);
    this.gpu = new GpuNodePool(this, 'gpu', {
      ...shared,
      metadata: { name: 'gpu' },
      nodeClass: Ec2NodeClass.fromEc2NodeClassName(this, 'default-node-class', NODE_CLASS),
      // A label only this pool's nodes carry, so GPU pods never fall through to the default pool's g and p instances.
      labels: { ...shared.labels, accelerator: 'nvidia' },
      capacityTypes: [CapacityType.SPOT, CapacityType.ON_DEMAND],
      requirements: [NodeLabel.INSTANCE_GENERATION.greaterThan(2)],
      maxGpus: props.maxGpus,
      // Upstream applies the plugin of NVIDIA's v0.14.3 static manifest.
      devicePluginImage: 'nvcr.io/nvidia/k8s-device-plugin:v0.14.3',
    });
    // The device plugin registers a socket in the kubelet's root-owned /var/lib/kubelet/device-plugins (a
    // hostPath), so it runs as root; the pattern still drops every capability and privilege escalation.
    PodSecurity.exempt(this.gpu.devicePlugin!, 'the NVIDIA device plugin writes its socket to a root-owned hostPath');
    this.gpu.schedule(props.gpuWorkload, { arch: Arch.AMD64 });
  }
}
