import { App, YamlOutputType } from 'cdk8s';
import { LoadTestsChart } from './load-tests-chart';
import { NodePoolsChart, SelfManagedKarpenter } from './node-pools-chart';
import { WorkloadsChart } from './workloads-chart';
import { CapacityType, ChartAlternatives, PodSecurity, SyncWaves } from '../../src';

export type { SelfManagedKarpenter } from './node-pools-chart';

/** Static replicas of each architecture during the price-performance test, to leave scaling out of the measurement. */
const PERF_TEST_REPLICAS = 17;

/** Options of the efficient-compute example. */
export interface EfficientComputeOptions {
  /**
   * Run on self-managed Karpenter: the node pools chart adds an EC2NodeClass `default`, and the pools
   * and workloads use `karpenter.k8s.aws/instance-*` labels.
   *
   * @default - EKS Auto Mode, as upstream: the built-in NodeClass `default` and `eks.amazonaws.com/instance-*` labels
   */
  readonly selfManagedKarpenter?: SelfManagedKarpenter;
}

/**
 * KEDA and Karpenter scaling montecarlo-pi on EKS Auto Mode, one chart per step, applied in the order of
 * README.md: each workloads chart replaces the one before it, and each load tests chart follows the
 * workloads chart it measures once its Deployments are rolled out.
 */
export function buildApp(outdir: string, options: EfficientComputeOptions = {}): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const { pools } = new NodePoolsChart(app, '01-node-pools', { selfManagedKarpenter: options.selfManagedKarpenter });

  const elasticity = new WorkloadsChart(app, '02-elasticity', {
    pools,
    archReplicas: 0,
    gravitonCapacity: CapacityType.ON_DEMAND,
  });
  new LoadTestsChart(app, '02b-load-test', { workloads: elasticity, testRuns: ['load-test'] });

  const pricePerformance = new WorkloadsChart(app, '03-price-performance', {
    pools,
    montecarloPiReplicas: 0,
    archReplicas: PERF_TEST_REPLICAS,
    gravitonCapacity: CapacityType.ON_DEMAND,
  });
  new LoadTestsChart(app, '03b-perf-tests', { workloads: pricePerformance, testRuns: ['perf-test-x86', 'perf-test-graviton'] });

  // Upstream re-applies workload.yaml "to request Spot", but montecarlo-pi's multiarch pool is on-demand
  // only; the Graviton Deployment moves instead, since its pool already allows Spot (README.md).
  const gravitonSpot = new WorkloadsChart(app, '04-graviton-spot', {
    pools,
    montecarloPiReplicas: 0,
    archReplicas: PERF_TEST_REPLICAS,
    gravitonCapacity: CapacityType.SPOT,
  });
  ChartAlternatives.declare(elasticity, pricePerformance, gravitonSpot);

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}
