import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { NAMESPACE } from './php-apache';
import { AutoscalingDashboard, ScaledObject, ScalerTrigger, WorkloadReference } from '../../src';

const PROMETHEUS = 'http://prometheus-server.prometheus.svc.cluster.local:80';

/** Traefik's request counter for the php-apache Ingress backend, summed so KEDA gets one series. */
export const REQUEST_RATE_QUERY = 'sum(rate(traefik_service_requests_total{service="hpa-example-php-apache-80@kubernetes",code="200"}[2m]))';

/**
 * Nodes by instance type, from the kubelet series that the prometheus chart labels with every node
 * label. It groups by the stable `node.kubernetes.io/instance-type` label, the one the dashboard's
 * legend reads.
 */
export const NODES_BY_INSTANCE_TYPE_QUERY = 'count(kubelet_node_name) by (node_kubernetes_io_instance_type)';

/** The autoscaling dashboard, as a ConfigMap that Grafana's dashboard sidecar imports. */
export class DashboardChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'grafana', disableResourceNameHashes: true });
    new AutoscalingDashboard(this, 'dashboard', {
      metadata: { name: 'hpa-example-autoscaling-dashboard' },
      uid: 'hpa-example',
      title: 'Horizontal Pod Autoscaling Example',
      nodesByInstanceTypeQuery: NODES_BY_INSTANCE_TYPE_QUERY,
      requestRateQuery: REQUEST_RATE_QUERY,
      replicasQuery: `count(kube_pod_info{namespace="${NAMESPACE}"})`,
    });
  }
}

/** Properties of `ScaledObjectChart`. */
export interface ScaledObjectChartProps {
  /** The php-apache Deployment KEDA scales. */
  readonly workload: kplus.Deployment;
}

/** KEDA scales php-apache on Traefik's request rate (and keeps a PodDisruptionBudget next to it). */
export class ScaledObjectChart extends Chart {
  public constructor(scope: Construct, id: string, props: ScaledObjectChartProps) {
    super(scope, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
    new ScaledObject(this, 'keda-prometheus-hpa', {
      metadata: { name: 'keda-prometheus-hpa' },
      target: WorkloadReference.fromWorkload(props.workload),
      minReplicas: 1,
      // Upstream's cooldownPeriod 30 only acts when scaling to zero; the 30 s the walkthrough describes
      // for scale-in is the HPA's scale-down window.
      behavior: { scaleDown: { stabilizationWindow: Duration.seconds(30) } },
      triggers: [ScalerTrigger.prometheus({ serverAddress: PROMETHEUS, threshold: 1, query: REQUEST_RATE_QUERY })],
    });
  }
}
