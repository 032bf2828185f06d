import { App, YamlOutputType } from 'cdk8s';
import { NodePoolChart } from './node-pool';
import { RetailStoreChart } from './retail-store';
import { PodSecurity, SyncWaves } from '../../src';

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
   * The Amazon Linux 2023 AMI release, e.g. 'v20241011'. The lab computes the newest release tag from
   * SSM at run time; pin the one you tested.
   *
   * @default 'latest'
   */
  readonly amiVersion?: string;

  /**
   * The tag key that marks the cluster's subnets and security groups; its value is the cluster name.
   *
   * @default 'karpenter.sh/discovery/<cluster>', as the lab's eksctl config tags them
   */
  readonly discoveryTagKey?: string;
}

/**
 * Karpenter 101 (Karpenter 1.0.6): the default Spot NodePool and EC2NodeClass of the lab's run-all
 * script, then the retail-store sample application (0.8.2) that lands on its nodes.
 */
export function buildApp(outdir: string, options: Karpenter101Options = {}): App {
  const clusterName = options.clusterName ?? 'cluster-with-karpenter';
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });

  new NodePoolChart(app, '01-node-pool', {
    clusterName,
    amiVersion: options.amiVersion ?? 'latest',
    discoveryTagKey: options.discoveryTagKey ?? `karpenter.sh/discovery/${clusterName}`,
  });
  // In the namespace kubectl is pointed at, as the lab applies it.
  new RetailStoreChart(app, '02-retail-store');

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}
