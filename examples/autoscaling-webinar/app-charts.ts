import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { clusterNamespace, MOC_NAMESPACE, mocDeployment, mocService, namespacedChartProps, POD_SECURITY_WARN } from './workloads';
import {
  DashboardPanel, DestinationRule, Gateway, GatewayProtocol, GrafanaDashboard, HttpRetryOn, HttpRouteMatch, PrometheusSelector,
  RouteDestination, ServiceMonitor, ServiceReference, TargetGroupBinding, TargetGroupTargetType, VirtualService,
} from '../../src';

/** Properties of the Istio ingress chart. */
export interface IstioIngressChartProps {
  /** ARN of the target group the ALB forwards to (`${TARGET_GROUP_ARN}` to fill in with `envsubst`). */
  readonly targetGroupArn: string;
}

/**
 * What the lab's Terraform applies with Istio (`helm_istio.tf`): the ALB's target group bound to the
 * Istio ingress gateway, and the `mock-istio` host that answers 200 "OK".
 */
export class IstioIngressChart extends Chart {
  public constructor(scope: Construct, id: string, props: IstioIngressChartProps) {
    super(scope, id, namespacedChartProps('istio-system'));
    new TargetGroupBinding(this, 'IstioIngress', {
      metadata: { name: 'istio-ingress' },
      service: ServiceReference.fromServiceName('istio-ingressgateway'),
      port: 80,
      targetGroupArn: props.targetGroupArn,
      targetType: TargetGroupTargetType.INSTANCE,
    });
    const host = 'mock-istio.istio-system.svc.cluster.local';
    new Gateway(this, 'MockIstioGateway', {
      metadata: { name: 'mock-istio' },
      servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: [host] }],
    });
    new VirtualService(this, 'MockIstio', {
      metadata: { name: 'mock-istio' },
      hosts: [host],
      httpRoutes: [{ matches: [HttpRouteMatch.exact('/')], directResponse: { status: 200, body: 'OK' } }],
    });
  }
}

/** Properties of the reference application's chart. */
export interface MocAppChartProps {
  /** The SQS queue the app writes to and reads from. */
  readonly sqsQueueUrl: string;
}

/** The reference application: namespace `moc`, its ServiceAccount, and the Deployment and Service `moc`. */
export class MocAppChart extends Chart {
  /** The Deployment every autoscaler of the walkthrough scales. */
  public readonly moc: kplus.Deployment;
  /** The ClusterIP Service on port 8000. */
  public readonly service: kplus.Service;

  public constructor(scope: Construct, id: string, props: MocAppChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    // Warn and audit only: Istio's injected istio-init container needs NET_ADMIN, which "restricted" refuses.
    clusterNamespace(this, MOC_NAMESPACE, { 'istio-injection': 'enabled', ...POD_SECURITY_WARN });
    new kplus.ServiceAccount(this, 'MocUser', { metadata: { name: 'moc-user' } });
    this.moc = mocDeployment(this, { sqsQueueUrl: props.sqsQueueUrl });
    this.service = mocService(this);
  }
}

/** Properties of the chart that exposes moc through Istio. */
export interface MocIstioChartProps {
  /** The public host name, pointed at the ALB. */
  readonly publicHost: string;
  /** The Service the routes lead to. */
  readonly service: kplus.Service;
}

/** moc on its public host through the Istio ingress gateway, with upstream's retries (`moc-app-istio.yaml`). */
export class MocIstioChart extends Chart {
  public constructor(scope: Construct, id: string, props: MocIstioChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    const service = ServiceReference.fromService(props.service);
    const gateway = new Gateway(this, 'Gateway', {
      metadata: { name: 'moc' },
      servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: [props.publicHost] }],
    });
    new VirtualService(this, 'VirtualService', {
      metadata: { name: 'moc' },
      hosts: ['moc.moc.svc.cluster.local', props.publicHost],
      gateways: [gateway],
      httpRoutes: [{
        destinations: [RouteDestination.toService(service, { port: 8000 })],
        retries: { attempts: 3, perTryTimeout: Duration.millis(500), retryOn: [HttpRetryOn.FIVE_XX] },
        // Upstream sets none; the first try and 3 retries of 500 ms fit in 2 s.
        timeout: Duration.seconds(2),
      }],
    });
    new DestinationRule(this, 'DestinationRule', {
      metadata: { name: 'moc' },
      service,
      connectionPool: { maxConnections: 100, http1MaxPendingRequests: 1000, maxRequestsPerConnection: 500 },
      outlierDetection: {
        consecutive5xxErrors: 10000, interval: Duration.millis(600), baseEjectionTime: Duration.seconds(60), maxEjectionPercent: 50,
      },
    });
  }
}

/** Properties of the ServiceMonitor chart. */
export interface MocServiceMonitorChartProps {
  /** The Service whose port `http` Prometheus scrapes. */
  readonly service: kplus.Service;
}

/** The app's metrics into Prometheus: the ServiceMonitor `moc-sm` (`moc-app-servicemonitor.yaml`). */
export class MocServiceMonitorChart extends Chart {
  public constructor(scope: Construct, id: string, props: MocServiceMonitorChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    new ServiceMonitor(this, 'ServiceMonitor', {
      metadata: { name: 'moc-sm' },
      service: ServiceReference.fromService(props.service),
      port: 'http',
      interval: Duration.seconds(10),
      // The lab's kube-prometheus-stack selects every ServiceMonitor (serviceMonitorSelectorNilUsesHelmValues: false).
      prometheusSelector: PrometheusSelector.all(),
    });
  }
}

/** The webinar's Grafana dashboard, for the sidecar of kube-prometheus-stack in its release namespace `prometheus`. */
export class WebinarDashboardChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, namespacedChartProps('prometheus'));
    new GrafanaDashboard(this, 'Dashboard', {
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
          // By phase, so the Pending pods the walkthrough points out stand apart from the Running ones.
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
}
