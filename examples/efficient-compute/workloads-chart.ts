import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { MonteCarloPi } from './montecarlo-pi';
import {
  ArchitecturePools, CapacityType, HpaScalingPolicy, PrometheusSelector, ScaledObject, ScalerTrigger, ServiceMonitor, ServiceReference,
  WorkloadReference,
} from '../../src';

/** Upstream applies everything to the kubectl context's namespace; the k6 load test calls `montecarlo-pi.default.svc`. */
export const NAMESPACE = 'default';
const SCRIPTS_DIR = path.join(__dirname, 'scripts');
/** The Services the two performance tests load, by the ConfigMap key of their script. */
const PERF_TEST_TARGETS: { [file: string]: string } = {
  'perf-test-x86.js': 'montecarlo-pi-x86',
  'perf-test-graviton.js': 'montecarlo-pi-graviton',
};
/** kube-prometheus-stack installed as Helm release `prometheus` in namespace `monitoring`. */
const PROMETHEUS_RELEASE = 'prometheus';
const PROMETHEUS_URL = 'http://prometheus-kube-prometheus-prometheus.monitoring.svc:9090';
/** p90 latency of successful requests over the last minute. */
const P90_LATENCY_QUERY = 'histogram_quantile(0.90, sum(rate(monte_carlo_latency_seconds_bucket{status="200"}[1m])) by (le))';

/** Properties of a workloads chart: the replica counts and placement of one step of the demo. */
export interface WorkloadsChartProps {
  /** The pools of the node pools chart. */
  readonly pools: ArchitecturePools;

  /**
   * Fixed replicas of montecarlo-pi.
   *
   * @default - KEDA scales montecarlo-pi on its p90 latency (the chart holds the ScaledObject)
   */
  readonly montecarloPiReplicas?: number;

  /** Replicas of montecarlo-pi-graviton and montecarlo-pi-x86. */
  readonly archReplicas: number;

  /** Capacity type montecarlo-pi-graviton requires. */
  readonly gravitonCapacity: CapacityType;
}

/**
 * The complete workload state of one step: the three montecarlo-pi Deployments and Services, their
 * monitoring, KEDA's ScaledObject while it owns montecarlo-pi's replicas, and the k6 scripts. Each
 * workloads chart replaces the one before it; pod templates are the same in all of them, so replacing
 * a chart rolls only what the step changes.
 */
export class WorkloadsChart extends Chart {
  public readonly montecarloPi: MonteCarloPi;
  public readonly graviton: MonteCarloPi;
  public readonly x86: MonteCarloPi;
  /** The ConfigMap `k6-test-scripts`, with every test's script. */
  public readonly scripts: kplus.ConfigMap;

  public constructor(scope: Construct, id: string, props: WorkloadsChartProps) {
    super(scope, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
    const { pools } = props;
    this.montecarloPi = new MonteCarloPi(this, 'montecarlo-pi', {
      name: 'montecarlo-pi',
      pool: pools.multiArch!,
      instanceFamily: 'c6i',
      capacityType: CapacityType.ON_DEMAND,
      cpuLimit: kplus.Cpu.millis(900),
      replicas: props.montecarloPiReplicas,
    });
    this.graviton = new MonteCarloPi(this, 'montecarlo-pi-graviton', {
      name: 'montecarlo-pi-graviton',
      pool: pools.graviton!,
      instanceFamily: 'c8g',
      capacityType: props.gravitonCapacity,
      cpuLimit: kplus.Cpu.millis(1200),
      replicas: props.archReplicas,
    });
    this.x86 = new MonteCarloPi(this, 'montecarlo-pi-x86', {
      name: 'montecarlo-pi-x86',
      pool: pools.x86!,
      instanceFamily: 'c7i',
      capacityType: CapacityType.ON_DEMAND,
      cpuLimit: kplus.Cpu.millis(1200),
      replicas: props.archReplicas,
    });

    new ServiceMonitor(this, 'montecarlo-pi-monitor', {
      metadata: { name: 'montecarlo-pi', labels: { app: 'montecarlo-pi' } },
      service: ServiceReference.fromService(this.montecarloPi.service),
      port: 'http',
      prometheusSelector: PrometheusSelector.helmRelease(PROMETHEUS_RELEASE),
    });
    if (props.montecarloPiReplicas === undefined) this.addLatencyScaler();

    // Upstream creates this ConfigMap once with all three scripts, under these keys; every workloads chart carries it, unchanged.
    this.scripts = new kplus.ConfigMap(this, 'k6-test-scripts', { metadata: { name: 'k6-test-scripts' } });
    this.scripts.addFile(path.join(SCRIPTS_DIR, 'load-test.js'), 'load-test.js');
    const perfTest = fs.readFileSync(path.join(SCRIPTS_DIR, 'perf-test.js'), 'utf8');
    for (const [file, service] of Object.entries(PERF_TEST_TARGETS)) this.scripts.addData(file, perfTest.replace('__SERVICE__', service));
  }

  /** KEDA scales montecarlo-pi between 1 and 10 replicas on its p90 latency. */
  private addLatencyScaler(): void {
    new ScaledObject(this, 'montecarlo-pi-latency', {
      metadata: { name: 'montecarlo-pi-latency' },
      target: WorkloadReference.fromWorkload(this.montecarloPi.deployment),
      minReplicas: 1,
      maxReplicas: 10,
      behavior: {
        scaleUp: { stabilizationWindow: Duration.seconds(0), policies: [HpaScalingPolicy.percent(100, Duration.seconds(5))] },
        // 60s at the source's commit; upstream later raised it to 180s.
        scaleDown: { stabilizationWindow: Duration.seconds(60), policies: [HpaScalingPolicy.percent(100, Duration.seconds(30))] },
      },
      triggers: [ScalerTrigger.prometheus({
        serverAddress: PROMETHEUS_URL,
        // The SLA is 0.8s; scaling out at 0.5s leaves headroom (AverageValue: desired replicas ≈ ceil(p90 / 0.5)).
        threshold: 0.5,
        query: P90_LATENCY_QUERY,
      })],
    });
  }
}
