import { App, YamlOutputType } from 'cdk8s';
import { DashboardChart, ScaledObjectChart } from './autoscaling';
import { K6LoadTestChart, LoadGeneratorChart } from './load';
import { GpuNodePoolChart, NodePoolsChart } from './node-pools';
import { IngressChart, PhpApacheChart } from './php-apache';
import { ChartAlternatives, PodSecurity, SyncWaves } from '../../src';

export { NODES_BY_INSTANCE_TYPE_QUERY, REQUEST_RATE_QUERY } from './autoscaling';

/** Parameters of the custom-metrics example. */
export interface CustomMetricsOptions {
  /**
   * The EKS cluster: Karpenter finds its subnets and security groups by the `karpenter.sh/discovery`
   * tag with this value, and the node role is `KarpenterNodeRole-<cluster>`.
   *
   * @default 'do-eks-yaml-karpenter'
   */
  readonly clusterName?: string;

  /**
   * The php-apache image. Upstream builds it from php:5-apache into a private ECR repository
   * (`<account>.dkr.ecr.<region>.amazonaws.com/php-apache:latest`); pass yours to run the walkthrough's own image.
   *
   * @default 'registry.k8s.io/hpa-example:latest', the Kubernetes HPA walkthrough image built the same way
   */
  readonly phpApacheImage?: string;

  /**
   * The Amazon Linux 2023 AMI release the nodes boot, e.g. 'v20241024'.
   *
   * @default 'latest'
   */
  readonly amiVersion?: string;

  /**
   * The most NVIDIA GPUs the GPU step may run at once. KEDA may ask for up to 100 php-apache pods,
   * each with a GPU; pods beyond this stay Pending instead of launching more GPU instances.
   *
   * @default 16
   */
  readonly maxGpus?: number;
}

/**
 * Pod and cluster autoscaling on a custom metric: KEDA scales php-apache on the request rate Traefik
 * reports to Prometheus, and Karpenter adds nodes for the pods that do not fit. One chart per step,
 * in the order the walkthrough applies them (see README.md).
 */
export function buildApp(outdir: string, options: CustomMetricsOptions = {}): App {
  const clusterName = options.clusterName ?? 'do-eks-yaml-karpenter';
  const image = options.phpApacheImage ?? 'registry.k8s.io/hpa-example:latest';
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });

  new NodePoolsChart(app, '01-node-pools', { clusterName, amiVersion: options.amiVersion ?? 'latest' });
  new DashboardChart(app, '02-dashboard');
  const phpApache = new PhpApacheChart(app, '03-php-apache', { image });
  new IngressChart(app, '04-ingress', { service: phpApache.service });
  new ScaledObjectChart(app, '05-scaled-object', { workload: phpApache.deployment });
  // Two ways to produce the same load: apply one of them.
  ChartAlternatives.declare(new LoadGeneratorChart(app, '06-load-generator'), new K6LoadTestChart(app, '07-load-test-k6'));
  // The GPU variant replaces php-apache; the GPU pool makes its pods request a GPU each.
  const gpuPhpApache = new PhpApacheChart(app, '08-gpu-php-apache', { image });
  ChartAlternatives.declare(phpApache, gpuPhpApache);
  new GpuNodePoolChart(app, '09-gpu-device-plugin', { clusterName, maxGpus: options.maxGpus ?? 16, gpuWorkload: gpuPhpApache.deployment });

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}
