import { App, Chart, Duration, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { addRetailStore } from './retail-store';
import {
  AmiSelection, Arch, CapacityType, ConsolidationPolicy, DisruptableNodes, DurationOrNever, Ec2NodeClass, NodeLabel, NodePool,
  OperatingSystem, PodSecurity, Requirement, SyncWaves,
} from '../../src';

/** Parameters of the karpenter-101 example. */
export interface Karpenter101Options {
  /**
   * The EKS cluster: it names the node role (`KarpenterNodeRole-<cluster>`) and tags its subnets and
   * security groups for discovery.
   *
   * @default 'cluster-with-karpenter'
   */
  readonly clusterName?: string;

  /**
   * The Amazon Linux 2023 AMI release, e.g. 'v20241011'. The seed computes the newest release tag from
   * SSM at run time (A004-1); pin the one you tested.
   *
   * @default 'latest'
   */
  readonly amiVersion?: string;

  /**
   * The tag key that marks the cluster's subnets and security groups; its value is the cluster name (A004-3).
   *
   * @default 'karpenter.sh/discovery/<cluster>', as the seed's eksctl config tags them
   */
  readonly discoveryTagKey?: string;
}

/**
 * Seed 004 (Karpenter 101 talk, Karpenter 1.0.6): the default spot NodePool and EC2NodeClass of the
 * lab's run-all script, then the retail-store sample application (0.8.2) that lands on its nodes.
 */
export function buildApp(outdir: string, options: Karpenter101Options = {}): App {
  const clusterName = options.clusterName ?? 'cluster-with-karpenter';
  const discovery = { [options.discoveryTagKey ?? `karpenter.sh/discovery/${clusterName}`]: clusterName };
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });

  // 004-1: the run-all heredoc (run-all-nodepool.yaml).
  const nodes = new Chart(app, '01-node-pool', { disableResourceNameHashes: true });
  const nodeClass = new Ec2NodeClass(nodes, 'default-node-class', {
    metadata: { name: 'default' },
    amiSelection: AmiSelection.al2023(options.amiVersion ?? 'latest'),
    role: `KarpenterNodeRole-${clusterName}`,
    subnetSelectorTerms: [{ tags: discovery }],
    securityGroupSelectorTerms: [{ tags: discovery }],
    tags: { Name: 'karpenter.sh/nodepool/default', NodeType: clusterName, IntentLabel: 'apps' },
  });
  new NodePool(nodes, 'default-pool', {
    metadata: { name: 'default' },
    nodeClass,
    labels: { intent: 'apps' },
    requirements: [
      Requirement.arch(Arch.AMD64),
      Requirement.os(OperatingSystem.LINUX),
      Requirement.capacityType(CapacityType.SPOT),
      NodeLabel.INSTANCE_SIZE.isNotIn('nano', 'micro', 'small'),
      Requirement.instanceGeneration().greaterThan(2),
    ],
    expireAfter: DurationOrNever.after(Duration.hours(336)),
    terminationGracePeriod: Duration.hours(24),
    limits: { cpu: kplus.Cpu.units(16), memory: Size.gibibytes(32) },
    consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
    consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
    disruptionBudgets: [{ nodes: DisruptableNodes.percent(50) }],
  });

  // 004-2: the retail store, in the namespace kubectl is pointed at, as the seed applies it.
  addRetailStore(new Chart(app, '02-retail-store', { disableResourceNameHashes: true }));

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}
