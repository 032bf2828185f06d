import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { MonteCarloPi } from './montecarlo-pi';
import {
  AmiSelection, ArchitecturePools, CapacityType, DisruptableNodes, DurationOrNever, Ec2NodeClass, HpaScalingPolicy, INodeClass,
  K6Script, NodeClassReference, PodSecurity, PrometheusSelector, ScaledObject, ScalerTrigger, ScaleTarget, ServiceMonitor, SyncWaves,
  TestRun,
} from '../../src';

/** Seed 000 applies everything to the kubectl context's namespace; the k6 script calls `montecarlo-pi.default.svc`. */
const NAMESPACE = 'default';
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
/** Static replicas of each architecture during the price-performance test, to avoid scaling variance. */
const PERF_TEST_REPLICAS = 17;

/** Self-managed Karpenter instead of EKS Auto Mode: the pools launch nodes from an EC2NodeClass. */
export interface SelfManagedKarpenter {
  /** Cluster whose private subnets and node security group carry `karpenter.sh/discovery: <clusterName>`. */
  readonly clusterName: string;

  /** IAM role (name) of the nodes; Karpenter creates their instance profile. */
  readonly nodeRole: string;
}

/** Options of the efficient-compute example. */
export interface EfficientComputeOptions {
  /**
   * Run on self-managed Karpenter: chart 01 adds an EC2NodeClass `default` and the pools and
   * workloads use `karpenter.k8s.aws/instance-*` labels.
   *
   * @default - EKS Auto Mode, as upstream: the built-in NodeClass `default` and `eks.amazonaws.com/instance-*` labels
   */
  readonly selfManagedKarpenter?: SelfManagedKarpenter;
}

/** What the workload charts hold at one phase of the demo. */
interface Phase {
  /** Replicas of montecarlo-pi; undefined while KEDA owns them. */
  readonly montecarloPiReplicas?: number;
  /** Replicas of montecarlo-pi-graviton and montecarlo-pi-x86. */
  readonly archReplicas: number;
  /** Capacity type montecarlo-pi-graviton requires. */
  readonly gravitonCapacity: CapacityType;
  /** The k6 TestRuns of the phase (each named like its script). */
  readonly testRuns: string[];
}

/**
 * Seed 000 (KEDA + Karpenter, montecarlo-pi on EKS Auto Mode): one chart per demo phase.
 * Charts 03 and 04 hold the complete workload state of their phase and replace the chart before
 * them (see README.md).
 */
export function buildApp(outdir: string, options: EfficientComputeOptions = {}): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const pools = addNodePools(app, options.selfManagedKarpenter);

  addWorkloads(app, '02-elasticity', pools, {
    archReplicas: 0,
    gravitonCapacity: CapacityType.ON_DEMAND,
    testRuns: ['load-test'],
  });
  addWorkloads(app, '03-price-performance', pools, {
    montecarloPiReplicas: 0,
    archReplicas: PERF_TEST_REPLICAS,
    gravitonCapacity: CapacityType.ON_DEMAND,
    testRuns: ['perf-test-x86', 'perf-test-graviton'],
  });
  // Ambiguity A000-2: the seed re-applies workload.yaml "to request Spot", but montecarlo-pi's multiarch
  // pool is on-demand only; Act V moves the Graviton Deployment, whose pool already allows Spot.
  addWorkloads(app, '04-graviton-spot', pools, {
    montecarloPiReplicas: 0,
    archReplicas: PERF_TEST_REPLICAS,
    gravitonCapacity: CapacityType.SPOT,
    testRuns: ['perf-test-x86', 'perf-test-graviton'],
  });

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}

/** 000-1: the graviton, x86 and multiarch pools (cluster-scoped, so the chart has no namespace). */
function addNodePools(app: App, selfManaged: SelfManagedKarpenter | undefined): ArchitecturePools {
  const chart = new Chart(app, '01-node-pools', { disableResourceNameHashes: true });
  return new ArchitecturePools(chart, 'pools', {
    nodeClass: selfManaged ? addEc2NodeClass(chart, selfManaged) : NodeClassReference.eksAutoMode(),
    multiArch: { capacityTypes: [CapacityType.ON_DEMAND] },
    expireAfter: DurationOrNever.after(Duration.hours(336)),
    terminationGracePeriod: Duration.hours(24),
    consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
    disruptionBudgets: [{ nodes: DisruptableNodes.percent(10) }],
  });
}

/** Not upstream: seed 000 runs on EKS Auto Mode, so the node class is our choice. */
function addEc2NodeClass(chart: Chart, selfManaged: SelfManagedKarpenter): INodeClass {
  const discovery = { 'karpenter.sh/discovery': selfManaged.clusterName };
  return new Ec2NodeClass(chart, 'default', {
    metadata: { name: 'default' },
    amiSelection: AmiSelection.al2023(),
    role: selfManaged.nodeRole,
    subnetSelectorTerms: [{ tags: discovery }],
    securityGroupSelectorTerms: [{ tags: discovery }],
  });
}

/** The three montecarlo-pi Deployments and Services, their monitoring, and the phase's autoscaling and load tests. */
function addWorkloads(app: App, id: string, pools: ArchitecturePools, phase: Phase): void {
  const chart = new Chart(app, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
  const montecarloPi = new MonteCarloPi(chart, 'montecarlo-pi', {
    name: 'montecarlo-pi',
    pool: pools.multiArch!,
    instanceFamily: 'c6i',
    capacityType: CapacityType.ON_DEMAND,
    cpuLimit: kplus.Cpu.millis(900),
    replicas: phase.montecarloPiReplicas,
  });
  new MonteCarloPi(chart, 'montecarlo-pi-graviton', {
    name: 'montecarlo-pi-graviton',
    pool: pools.graviton!,
    instanceFamily: 'c8g',
    capacityType: phase.gravitonCapacity,
    cpuLimit: kplus.Cpu.millis(1200),
    replicas: phase.archReplicas,
  });
  new MonteCarloPi(chart, 'montecarlo-pi-x86', {
    name: 'montecarlo-pi-x86',
    pool: pools.x86!,
    instanceFamily: 'c7i',
    capacityType: CapacityType.ON_DEMAND,
    cpuLimit: kplus.Cpu.millis(1200),
    replicas: phase.archReplicas,
  });

  new ServiceMonitor(chart, 'montecarlo-pi-monitor', {
    metadata: { name: 'montecarlo-pi', labels: { app: 'montecarlo-pi' } },
    service: montecarloPi.service,
    port: 'http',
    prometheusSelector: PrometheusSelector.helmRelease(PROMETHEUS_RELEASE),
  });

  if (phase.montecarloPiReplicas === undefined) {
    new ScaledObject(chart, 'montecarlo-pi-latency', {
      metadata: { name: 'montecarlo-pi-latency' },
      target: ScaleTarget.fromWorkload(montecarloPi.deployment),
      minReplicas: 1,
      maxReplicas: 10,
      behavior: {
        scaleUp: { stabilizationWindow: Duration.seconds(0), policies: [HpaScalingPolicy.percent(100, Duration.seconds(5))] },
        // 60s at the seed's commit (A000-4); upstream later raised it to 180s.
        scaleDown: { stabilizationWindow: Duration.seconds(60), policies: [HpaScalingPolicy.percent(100, Duration.seconds(30))] },
      },
      triggers: [ScalerTrigger.prometheus({
        serverAddress: PROMETHEUS_URL,
        // The SLA is 0.8s; scaling out at 0.5s leaves headroom (A000-3: AverageValue, desired ≈ ceil(p90 / 0.5)).
        threshold: 0.5,
        query: P90_LATENCY_QUERY,
      })],
    });
  }

  // The seed creates this ConfigMap once with all three scripts, under these keys; every phase's chart carries it, unchanged.
  const scripts = new kplus.ConfigMap(chart, 'k6-test-scripts', { metadata: { name: 'k6-test-scripts' } });
  scripts.addFile(path.join(SCRIPTS_DIR, 'load-test.js'), 'load-test.js');
  const perfTest = fs.readFileSync(path.join(SCRIPTS_DIR, 'perf-test.js'), 'utf8');
  for (const [file, service] of Object.entries(PERF_TEST_TARGETS)) scripts.addData(file, perfTest.replace('__SERVICE__', service));
  for (const name of phase.testRuns) {
    new TestRun(chart, name, {
      metadata: { name },
      script: K6Script.fromConfigMap(scripts, `${name}.js`),
      quiet: false,
      runner: {
        resources: {
          cpu: { request: kplus.Cpu.millis(500) },
          // Upstream sets no limit; 512Mi holds 100 VUs of plain GETs with room to spare.
          memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
        },
      },
    });
  }
}
