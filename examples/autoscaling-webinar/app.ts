import * as path from 'path';
import { App, Chart, ChartProps, Duration, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { SEED_PARAMETERS, WebinarParameters } from './parameters';
import { consumerDeployment, MOC_NAMESPACE, mocDeployment, mocService, producerDeployment } from './workloads';
import {
  AmiFamily, AmiSelection, ChartAlternatives, ClusterScoped, DashboardPanel, DestinationRule, DurationOrNever, Ec2NodeClass, Gateway, GatewayProtocol,
  GrafanaDashboard, HttpRetryOn, HttpRouteMatch, K6Script, PodIdentity, PodSecurity, PrometheusSelector, Requirement,
  RouteDestination, ScaledObject, ScalerTrigger, ScaleTarget, ServiceMonitor, SpotOnDemandSplit, SyncWaves,
  TargetGroupBinding, TargetGroupService, TargetGroupTargetType, TestRun, TriggerAuthentication, VirtualService,
} from '../../src';

const PROMETHEUS = 'http://prometheus-kube-prometheus-prometheus.prometheus.svc.cluster.local:9090';
const TRIGGER_AUTH_NAME = 'keda-trigger-auth-aws-credentials';
/** KEDA's scaling speed in seed 003: 30 s stabilization both ways, no policies. */
const KEDA_BEHAVIOR = { scaleUp: { stabilizationWindow: Duration.seconds(30) }, scaleDown: { stabilizationWindow: Duration.seconds(30) } };

function chartProps(namespace?: string): ChartProps {
  return { namespace, disableResourceNameHashes: true };
}

/**
 * Seed 003, the Infnet webinar on EKS autoscaling: the `moc` app behind an ALB and Istio, scaled by KEDA
 * on request rate and on SQS depth, by native HPAs on CPU and on a custom metric, on Karpenter Spot and
 * on-demand pools split 3:1. One chart per step, named in the order the seed applies them.
 */
export function buildApp(outdir: string, parameters: WebinarParameters = SEED_PARAMETERS): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });

  istioIngressChart(app, parameters);
  const mocApp = new Chart(app, '01-moc-app', chartProps(MOC_NAMESPACE));
  // Warn and audit only: Istio's injected istio-init container needs NET_ADMIN, which "restricted" refuses.
  clusterNamespace(mocApp, MOC_NAMESPACE, { 'istio-injection': 'enabled', ...POD_SECURITY_WARN });
  new kplus.ServiceAccount(mocApp, 'MocUser', { metadata: { name: 'moc-user' } });
  const moc = mocDeployment(mocApp, { sqsQueueUrl: parameters.sqsQueueUrl });
  const service = mocService(mocApp);
  // The steps that scale moc replace each other; the seed deletes one autoscaler before applying the next.
  const autoscalerSteps: Chart[] = [];
  const autoscalerStep = (id: string) => {
    const chart = new Chart(app, id, chartProps(MOC_NAMESPACE));
    autoscalerSteps.push(chart);
    return chart;
  };

  mocIstioChart(app, parameters, service);
  observabilityCharts(app, service);
  kedaRequestRateCharts(app, parameters, moc, autoscalerStep);
  const split = karpenterChart(app, parameters);
  const capacitySpread = new Chart(app, '05b-moc-capacity-spread', chartProps(MOC_NAMESPACE));
  mocDeployment(capacitySpread, { sqsQueueUrl: parameters.sqsQueueUrl, capacitySpread: split });
  hpaCharts(moc, autoscalerStep);
  queueCharts(app, parameters, split);
  new ScaledObject(autoscalerStep('09-keda-cpu'), 'CpuScaledObject', {
    metadata: { name: 'cpu-scaledobject' },
    target: ScaleTarget.fromWorkload(moc),
    minReplicas: 1,
    maxReplicas: 30,
    behavior: KEDA_BEHAVIOR,
    triggers: [ScalerTrigger.cpu({ utilizationPercent: 50 })],
  });
  ChartAlternatives.declare(...autoscalerSteps);

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}

const POD_SECURITY_WARN = {
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
};

/** A Namespace in a namespaced chart: cluster-scoped, so without the chart's `metadata.namespace`. */
function clusterNamespace(chart: Chart, name: string, labels: { [key: string]: string }): void {
  const ns = new kplus.Namespace(chart, 'Namespace', { metadata: { name, labels } });
  ClusterScoped.omitNamespace(ns);
}

/** 003-2, platform side: what the lab's Terraform applies with Istio (`helm_istio.tf`). */
function istioIngressChart(app: App, parameters: WebinarParameters): void {
  const chart = new Chart(app, '00-istio-ingress', chartProps('istio-system'));
  new TargetGroupBinding(chart, 'IstioIngress', {
    metadata: { name: 'istio-ingress' },
    service: TargetGroupService.fromName('istio-ingressgateway', 80),
    targetGroupArn: parameters.targetGroupArn,
    targetType: TargetGroupTargetType.INSTANCE,
  });
  const host = 'mock-istio.istio-system.svc.cluster.local';
  new Gateway(chart, 'MockIstioGateway', {
    metadata: { name: 'mock-istio' },
    servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: [host] }],
  });
  new VirtualService(chart, 'MockIstio', {
    metadata: { name: 'mock-istio' },
    hosts: [host],
    httpRoutes: [{ matches: [HttpRouteMatch.exact('/')], directResponse: { status: 200, body: 'OK' } }],
  });
}

/** 003-2: moc.cquinta.com through the Istio ingress gateway, with retries (`moc-app-istio.yaml`). */
function mocIstioChart(app: App, parameters: WebinarParameters, service: kplus.Service): void {
  const chart = new Chart(app, '02-moc-istio', chartProps(MOC_NAMESPACE));
  const gateway = new Gateway(chart, 'Gateway', {
    metadata: { name: 'moc' },
    servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: [parameters.publicHost] }],
  });
  new VirtualService(chart, 'VirtualService', {
    metadata: { name: 'moc' },
    hosts: ['moc.moc.svc.cluster.local', parameters.publicHost],
    gateways: [gateway],
    httpRoutes: [{
      destinations: [RouteDestination.toService(service, { port: 8000 })],
      retries: { attempts: 3, perTryTimeout: Duration.millis(500), retryOn: [HttpRetryOn.FIVE_XX] },
      // Upstream sets none; the first try and 3 retries of 500 ms fit in 2 s.
      timeout: Duration.seconds(2),
    }],
  });
  new DestinationRule(chart, 'DestinationRule', {
    metadata: { name: 'moc' },
    service,
    connectionPool: { maxConnections: 100, http1MaxPendingRequests: 1000, maxRequestsPerConnection: 500 },
    outlierDetection: {
      consecutive5xxErrors: 10000, interval: Duration.millis(600), baseEjectionTime: Duration.seconds(60), maxEjectionPercent: 50,
    },
  });
}

/** 003-3: the app's metrics into Prometheus, and the webinar's Grafana dashboard. */
function observabilityCharts(app: App, service: kplus.Service): void {
  const monitor = new Chart(app, '03a-moc-service-monitor', chartProps(MOC_NAMESPACE));
  new ServiceMonitor(monitor, 'ServiceMonitor', {
    metadata: { name: 'moc-sm' },
    service,
    port: 'http',
    interval: Duration.seconds(10),
    // The lab's kube-prometheus-stack selects every ServiceMonitor (serviceMonitorSelectorNilUsesHelmValues: false).
    prometheusSelector: PrometheusSelector.selectsAll(),
  });

  // Grafana's dashboard sidecar of kube-prometheus-stack watches its release namespace, `prometheus`.
  const dashboard = new Chart(app, '03b-grafana-dashboard', chartProps('prometheus'));
  new GrafanaDashboard(dashboard, 'Dashboard', {
    metadata: { name: 'webinar-dashboard' },
    title: 'webinar',
    uid: 'bf7c6825-3d69-4865-ac87-73a61a3bf590',
    refresh: Duration.seconds(10),
    timeRange: Duration.minutes(5),
    panels: [
      DashboardPanel.timeSeries({
        title: 'CPU_usage',
        queries: [{ expr: 'sum(node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate{namespace="moc",container="moc"})' }],
      }),
      DashboardPanel.timeSeries({
        title: '#NÓS',
        // kube_node_info has no instance-type label; kube_node_labels has it once kube-state-metrics allows it.
        queries: [{ expr: 'count by (label_node_kubernetes_io_instance_type) (kube_node_labels)', legend: '{{label_node_kubernetes_io_instance_type}}' }],
        stacked: true,
      }),
      DashboardPanel.timeSeries({
        title: '#PODS',
        // By phase, so the Pending pods the seed points out stand apart from the Running ones.
        queries: [{ expr: 'sum by (phase) (kube_pod_status_phase{namespace="moc"})', legend: '{{phase}}' }],
        stacked: true,
      }),
      DashboardPanel.timeSeries({
        title: 'requests_per_second',
        queries: [{ expr: 'sum(rate(http_requests_total[1m]))' }],
        unit: 'reqps',
      }),
    ],
  });
}

/** 003-4: the TriggerAuthentication, moc-high-tps on either query, and the k6 spike test. */
function kedaRequestRateCharts(app: App, parameters: WebinarParameters, moc: kplus.Deployment, autoscalerStep: (id: string) => Chart): void {
  const auth = new Chart(app, '04a-keda-trigger-auth', chartProps(MOC_NAMESPACE));
  new TriggerAuthentication(auth, 'TriggerAuthentication', {
    metadata: { name: TRIGGER_AUTH_NAME },
    podIdentity: PodIdentity.aws({ roleArn: parameters.kedaRoleArn }),
  });

  const requestRate = (id: string, query: string) => new ScaledObject(autoscalerStep(id), 'MocHighTps', {
    metadata: { name: 'moc-high-tps' },
    target: ScaleTarget.fromWorkload(moc),
    minReplicas: 1,
    maxReplicas: 30,
    behavior: KEDA_BEHAVIOR,
    // threshold 10: one replica per 10 requests per second.
    triggers: [ScalerTrigger.prometheus({ serverAddress: PROMETHEUS, query, threshold: 10 })],
  });
  requestRate('04b-keda-tps-app-metric', 'sum(rate(http_requests_total[1m]))');
  requestRate('04c-keda-tps-istio-metric', 'sum(rate(istio_requests_total{destination_service_name="moc"}[1m]))');

  const load = new Chart(app, '04d-k6-spike-test', chartProps('k6'));
  // k6 runs outside the mesh: an injected sidecar would keep the runner and starter Jobs from ever completing.
  clusterNamespace(load, 'k6', POD_SECURITY_WARN);
  new TestRun(load, 'SpikeTest', {
    metadata: { name: 'moc-spike-test' },
    script: K6Script.fromFile(path.join(__dirname, 'scripts', 'load.js')),
    runner: {
      env: { TARGET_URL: parameters.loadTestUrl },
      // 150 VUs issuing one request a second each; the runner must not be the bottleneck.
      resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } },
    },
  });
}

/** 003-5: Karpenter Spot and on-demand pools, one on-demand domain to three Spot ones on `capacity-spread`. */
function karpenterChart(app: App, parameters: WebinarParameters): SpotOnDemandSplit {
  const chart = new Chart(app, '05a-karpenter-pools', chartProps());
  const nodeClass = (name: string) => new Ec2NodeClass(chart, name, {
    metadata: { name },
    amiFamily: AmiFamily.BOTTLEROCKET,
    amiSelection: AmiSelection.bottlerocket(parameters.bottlerocketVersion),
    instanceProfile: parameters.nodeInstanceProfile,
    subnetSelectorTerms: parameters.nodeSubnets,
    securityGroupSelectorTerms: parameters.nodeSecurityGroups,
    // Upstream writes these at spec level, where the API server drops them (A003-3).
    kubelet: {
      systemReserved: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(100) },
      kubeReserved: { cpu: kplus.Cpu.millis(200), memory: Size.mebibytes(100) },
    },
  });
  return new SpotOnDemandSplit(chart, 'CapacitySplit', {
    nodeClass: nodeClass('ondemandpool'),
    spotNodeClass: nodeClass('spotpool'),
    onDemandPoolName: 'ondemandpool',
    spotPoolName: 'spotpool',
    labels: { 'compute-type': 'ec2', 'cilium.io/role': 'agent' },
    onDemandLabels: { workload: 'ondemandpool' },
    spotLabels: { workload: 'spotpool' },
    requirements: [
      // c6 and c7 are not EC2 families (A003-2); kept as the seed lists them, the library warns.
      Requirement.instanceFamily('t3', 't3a', 'c6', 'c6a', 'c7', 'c7a').withMinValues(2),
      Requirement.instanceSize('large', 'xlarge', '2xlarge').withMinValues(2),
      Requirement.zone('us-east-1a', 'us-east-1b', 'us-east-1c'),
    ],
    consolidateAfter: DurationOrNever.after(Duration.seconds(30)),
    limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
  });
}

/** 003-6 and 003-7: native HPAs on moc, on CPU and on the adapter's http_requests_per_second. */
function hpaCharts(moc: kplus.Deployment, autoscalerStep: (id: string) => Chart): void {
  const onePodPer30s = [{ replicas: kplus.Replicas.absolute(1), duration: Duration.seconds(30) }];
  new kplus.HorizontalPodAutoscaler(autoscalerStep('06-hpa-cpu'), 'MocHpa', {
    metadata: { name: 'moc-hpa' },
    target: moc,
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(60))],
    // Upstream's comment says one pod at a time; its value, kept here, is 3.
    scaleUp: { stabilizationWindow: Duration.seconds(20), policies: [{ replicas: kplus.Replicas.absolute(3), duration: Duration.seconds(30) }] },
    scaleDown: { stabilizationWindow: Duration.seconds(20), policies: onePodPer30s },
  });
  new kplus.HorizontalPodAutoscaler(autoscalerStep('07-hpa-custom-metric'), 'MocHpaRequests', {
    metadata: { name: 'moc-hpa-requests' },
    target: moc,
    minReplicas: 1,
    maxReplicas: 30,
    metrics: [kplus.Metric.pods({ name: 'http_requests_per_second', target: kplus.MetricTarget.averageValue(10) })],
    scaleUp: { stabilizationWindow: Duration.seconds(20), policies: onePodPer30s },
    scaleDown: { stabilizationWindow: Duration.seconds(20), policies: onePodPer30s },
  });
}

/** 003-8: the consumer scaled by KEDA on the SQS queue depth, and the producer filling the queue. */
function queueCharts(app: App, parameters: WebinarParameters, split: SpotOnDemandSplit): void {
  const consumerChart = new Chart(app, '08a-consumer', chartProps(MOC_NAMESPACE));
  const consumer = consumerDeployment(consumerChart, split);

  const scaler = new Chart(app, '08b-keda-sqs-queue', chartProps(MOC_NAMESPACE));
  new ScaledObject(scaler, 'MocHighQueue', {
    metadata: { name: 'moc-high-queue' },
    target: ScaleTarget.fromWorkload(consumer),
    minReplicas: 1,
    maxReplicas: 30,
    behavior: KEDA_BEHAVIOR,
    triggers: [ScalerTrigger.awsSqsQueue({
      // Applied by 04a-keda-trigger-auth; KEDA's operator assumes its roleArn (A003-4).
      authentication: TriggerAuthentication.fromTriggerAuthenticationName(scaler, 'TriggerAuthentication', TRIGGER_AUTH_NAME),
      queueUrl: parameters.sqsQueueUrl,
      queueLength: 10,
    })],
  });

  producerDeployment(new Chart(app, '08c-producer', chartProps(MOC_NAMESPACE)));
}
