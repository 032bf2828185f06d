import * as path from 'path';
import { App, Chart, Duration, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { NAMESPACE, pathAliases, phpApacheDeployment, phpApacheService } from './php-apache';
import {
  AmiSelection, Arch, AutoscalingDashboard, CapacityType, ChartAlternatives, ClusterScoped, ConsolidationPolicy, DurationOrNever, EbsVolumeType,
  Ec2NodeClass, GpuNodePool, K6Script, NodePool, NodePoolOptions, PodSecurity, Requirement, ScaledObject, ScalerTrigger, ScaleTarget,
  SyncWaves, TestRun,
} from '../../src';

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
   * (`<account>.dkr.ecr.<region>.amazonaws.com/php-apache:latest`); pass yours to run the seed's own image.
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

const PROMETHEUS = 'http://prometheus-server.prometheus.svc.cluster.local:80';
/** Traefik's request counter for the php-apache Ingress backend, summed so KEDA gets one series (A001-1). */
export const REQUEST_RATE_QUERY = 'sum(rate(traefik_service_requests_total{service="hpa-example-php-apache-80@kubernetes",code="200"}[2m]))';
const TRAEFIK_URL = 'http://traefik.traefik.svc.cluster.local:80/php-apache/';
const TRAEFIK_HOST = 'php-apache.hpa-example.com';

/**
 * Seed 001 (aws-do-eks, custom-metrics autoscaling): KEDA scales php-apache on the request rate Traefik
 * reports to Prometheus, and Karpenter adds nodes for the pods that do not fit. One chart per step.
 */
export function buildApp(outdir: string, options: CustomMetricsOptions = {}): App {
  const clusterName = options.clusterName ?? 'do-eks-yaml-karpenter';
  const image = options.phpApacheImage ?? 'registry.k8s.io/hpa-example:latest';
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = (id: string, namespace?: string) => new Chart(app, id, { namespace, disableResourceNameHashes: true });

  // 001-1 (step 1.9): the default NodePool and EC2NodeClass, in karpenter.sh/v1 terms.
  const nodes = chart('01-node-pools');
  const poolSettings: NodePoolOptions = {
    labels: { 'cluster-name': clusterName },
    annotations: { purpose: 'karpenter-example' },
    expireAfter: DurationOrNever.after(Duration.hours(720)),
    // Expiry drains forcefully in v1; without a grace period a blocking PDB holds the node forever.
    terminationGracePeriod: Duration.hours(24),
    consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
    // v1beta1's WhenUnderutilized consolidated without waiting; 0s keeps that in v1.
    consolidateAfter: DurationOrNever.after(Duration.seconds(0)),
  };
  const nodeClass = new Ec2NodeClass(nodes, 'default-node-class', {
    metadata: { name: 'default' },
    amiSelection: AmiSelection.al2023(options.amiVersion ?? 'latest'),
    subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': clusterName } }],
    securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': clusterName } }],
    role: `KarpenterNodeRole-${clusterName}`,
    tags: { app: 'autoscaling-test' },
    blockDeviceMappings: [{
      deviceName: '/dev/xvda', volumeSize: Size.gibibytes(80), volumeType: EbsVolumeType.GP3, iops: 10000, throughput: 125, deleteOnTermination: true,
    }],
    detailedMonitoring: true,
  });
  new NodePool(nodes, 'default-pool', {
    ...poolSettings,
    metadata: { name: 'default' },
    nodeClass,
    requirements: [
      Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND),
      Requirement.instanceCategory('c', 'm', 'r', 'g', 'p'),
      Requirement.instanceGeneration().greaterThan(2),
    ],
    // Upstream sets no limits; these are Karpenter's getting-started values, far above what the seed launches.
    limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
  });

  // 001-7 (step 2.3.4): the dashboard, imported by Grafana's sidecar instead of by hand.
  new AutoscalingDashboard(chart('02-dashboard', 'grafana'), 'dashboard', {
    metadata: { name: 'hpa-example-autoscaling-dashboard' },
    uid: 'hpa-example',
    title: 'Horizontal Pod Autoscaling Example',
    nodesByInstanceTypeQuery: 'count(kubelet_node_name) by (beta_kubernetes_io_instance_type)',
    requestRateQuery: REQUEST_RATE_QUERY,
    replicasQuery: `count(kube_pod_info{namespace="${NAMESPACE}"})`,
  });

  // 001-2 (step 3.2): namespace, php-apache and its Service.
  const service = chart('03-php-apache', NAMESPACE);
  const { deployment: phpApache, service: phpApacheSvc } = addService(service, image);

  // 001-3 (step 3.4): Traefik routes /php-apache to the Service.
  new kplus.Ingress(chart('04-ingress', NAMESPACE), 'php-apache-ingress', {
    metadata: { name: 'php-apache-ingress' },
    className: 'traefik',
    rules: [{ path: '/php-apache', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(phpApacheSvc, { port: 80 }) }],
  });

  // 001-4 (step 3.5): KEDA scales php-apache on Traefik's request rate.
  new ScaledObject(chart('05-scaled-object', NAMESPACE), 'keda-prometheus-hpa', {
    metadata: { name: 'keda-prometheus-hpa' },
    target: ScaleTarget.fromWorkload(phpApache),
    minReplicas: 1,
    // Upstream's cooldownPeriod 30 only acts when scaling to zero; the 30 s the seed describes for scale-in
    // is the HPA's scale-down window.
    behavior: { scaleDown: { stabilizationWindow: Duration.seconds(30) } },
    triggers: [ScalerTrigger.prometheus({ serverAddress: PROMETHEUS, threshold: 1, query: REQUEST_RATE_QUERY })],
  });

  // 001-5 (steps 3.6 to 3.8): one load generator, scaled to 40 and back to 1 with kubectl.
  const busyboxLoad = chart('06-load-generator', NAMESPACE);
  addLoadGenerator(busyboxLoad);
  // The same load as a k6 test whose stages replay 1, 40 and 1 generators.
  const k6Load = chart('07-load-test-k6', NAMESPACE);
  ChartAlternatives.declare(busyboxLoad, k6Load);
  new TestRun(k6Load, 'load-test', {
    metadata: { name: 'load-generator-k6' },
    script: K6Script.fromFile(path.join(__dirname, 'scripts', 'load-generator.js')),
    runner: {
      env: { TARGET_URL: TRAEFIK_URL, TARGET_HOST: TRAEFIK_HOST },
      resources: {
        cpu: { request: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(256) },
      },
    },
  });

  // 001-6 (steps 4.1 and 4.2): php-apache with one GPU per pod, then the NVIDIA device plugin.
  const gpuService = chart('08-gpu-php-apache', NAMESPACE);
  ChartAlternatives.declare(service, gpuService);
  const gpuNodes = chart('09-gpu-device-plugin');
  const gpu = new GpuNodePool(gpuNodes, 'gpu', {
    ...poolSettings,
    poolName: 'gpu',
    nodeClass: Ec2NodeClass.fromEc2NodeClassName(gpuNodes, 'default-node-class', 'default'),
    // A label only this pool's nodes carry, so GPU pods never fall through to the default pool's g and p instances.
    labels: { ...poolSettings.labels, accelerator: 'nvidia' },
    capacityTypes: [CapacityType.SPOT, CapacityType.ON_DEMAND],
    requirements: [Requirement.instanceGeneration().greaterThan(2)],
    maxGpus: options.maxGpus ?? 16,
    // Upstream applies the plugin of NVIDIA's v0.14.3 static manifest.
    devicePluginImage: 'nvcr.io/nvidia/k8s-device-plugin:v0.14.3',
  });
  // The device plugin registers a socket in the kubelet's root-owned /var/lib/kubelet/device-plugins (a
  // hostPath), so it runs as root; the pattern still drops every capability and privilege escalation.
  PodSecurity.exempt(gpu.devicePlugin!, 'the NVIDIA device plugin writes its socket to a root-owned hostPath');
  gpu.addGpuWorkload(addService(gpuService, image).deployment, { arch: Arch.AMD64 });

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}

/** Namespace, path aliases, php-apache and its Service (chart 03, or its GPU variant in chart 08). */
function addService(scope: Construct, image: string) {
  const namespace = new kplus.Namespace(scope, 'namespace', {
    metadata: {
      name: NAMESPACE,
      // php-apache runs as root (see php-apache.ts), so the namespace enforces "baseline" and reports anything below "restricted".
      labels: {
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  });
  // cdk8s gives every object of a namespaced chart its namespace, but a Namespace is cluster-scoped.
  ClusterScoped.omitNamespace(namespace);
  const deployment = phpApacheDeployment(scope, image, pathAliases(scope));
  return { deployment, service: phpApacheService(scope, deployment) };
}

/** Upstream's busybox loop, hardened: every 10 ms a GET through Traefik with the php-apache host header. */
function addLoadGenerator(scope: Construct): kplus.Deployment {
  const labels = { app: 'load-generator' };
  const generator = new kplus.Deployment(scope, 'load-generator', {
    metadata: { name: 'load-generator', labels },
    // Scaled by hand (`./scale.sh load-generator 40`), not by an autoscaler.
    replicas: 1,
    select: false,
    podMetadata: { labels },
  });
  generator.select(kplus.LabelSelector.of({ labels }));
  PodSecurity.addRestrictedContainer(generator, {
    name: 'load-generator',
    // Upstream runs the untagged busybox image; a pinned tag keeps every replica identical.
    image: 'busybox:1.36',
    imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
    args: ['/bin/sh', '-c', `while sleep 0.01; do wget -q -O- --header='Host: ${TRAEFIK_HOST}' ${TRAEFIK_URL} ; done`],
    // Upstream sets none; a shell loop of wget needs little, and 40 replicas still fit on a few nodes.
    resources: {
      cpu: { request: kplus.Cpu.millis(50) },
      memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
    },
  });
  return generator;
}

