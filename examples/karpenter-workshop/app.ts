import { App, Duration, YamlOutputType } from 'cdk8s';
import { InflateChart } from './inflate';
import { NodePoolChart } from './node-pool';
import { PodSecurity, SyncWaves } from '../../src';

/** The instance types of the workshop's NodePool. */
export const WORKSHOP_INSTANCE_TYPES = ['c5.large', 'm5.large', 'r5.large', 'm5.xlarge'];

/** The walkthrough author's edit of the list, "for my own AWS account constraints". */
export const WALKTHROUGH_INSTANCE_TYPES = ['t3.medium', 't3.small', 'm5.large'];

/** The variables the workshop environment exports, which `envsubst` fills into the node class. */
export const ENVSUBST_VARIABLES = ['KARPENTER_ROLE', 'EKS_CLUSTER_NAME'];

/** Options of the karpenter-workshop example. */
export interface KarpenterWorkshopOptions {
  /**
   * Instance types the NodePool may launch (on-demand).
   *
   * @default WORKSHOP_INSTANCE_TYPES
   */
  readonly instanceTypes?: string[];

  /**
   * IAM role (name) of the Karpenter nodes.
   *
   * @default '${KARPENTER_ROLE}', filled in by `envsubst` from the workshop environment
   */
  readonly nodeRole?: string;

  /**
   * Value of the `karpenter.sh/discovery` tag on the cluster's subnets and security group.
   *
   * @default '${EKS_CLUSTER_NAME}', filled in by `envsubst` from the workshop environment
   */
  readonly clusterName?: string;
}

/**
 * The EKS Workshop's Karpenter module, in karpenter.sh/v1 terms: the NodePool and EC2NodeClass, the
 * `inflate` Deployment the walkthrough scales, and the 5-minute expiry variant of the pool.
 * Consolidation needs no chart: it is `kubectl scale` on `inflate` (see README.md).
 */
export function buildApp(outdir: string, options: KarpenterWorkshopOptions = { instanceTypes: WALKTHROUGH_INSTANCE_TYPES }): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const poolProps = {
    instanceTypes: options.instanceTypes ?? WORKSHOP_INSTANCE_TYPES,
    nodeRole: options.nodeRole ?? '${KARPENTER_ROLE}',
    clusterName: options.clusterName ?? '${EKS_CLUSTER_NAME}',
  };
  const nodePools = new NodePoolChart(app, '01-node-pool', { ...poolProps, expireAfter: Duration.hours(72) });
  new InflateChart(app, '02-inflate', { pool: nodePools.pool });
  // Replaces 01-node-pool: the same objects with a 5-minute expiry.
  new NodePoolChart(app, '03-expire-after-5m', { ...poolProps, expireAfter: Duration.minutes(5) });

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}
