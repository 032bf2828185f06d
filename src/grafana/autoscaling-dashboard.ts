import { Construct } from 'constructs';
import { GrafanaDashboard, GrafanaDashboardOptions } from './grafana-dashboard';
import { DashboardPanel } from './panel';
import { checkWorkloadReference } from '../common/reference-checks';
import { WorkloadReference } from '../common/references';
import { invalidInput } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { PROMETHEUS_RULES } from '../core/rules';

/** Properties of an AutoscalingDashboard. */
export interface AutoscalingDashboardProps extends GrafanaDashboardOptions {
  /**
   * PromQL for the request rate that drives scaling, e.g. the ScaledObject's query
   * (`rate(traefik_service_requests_total{service="hpa-example-php-apache-80@kubernetes",code="200"}[2m])`).
   */
  readonly requestRateQuery: string;

  /**
   * The scaled Deployment (apps/v1); its replica count is charted from kube-state-metrics, in the
   * Deployment's namespace when it is a Deployment of this app with a namespace.
   *
   * @default - give `replicasQuery`
   */
  readonly workload?: WorkloadReference;

  /**
   * PromQL for the number of pods, when the workload is not a Deployment
   * (seed 001: `count(kube_pod_info{namespace="hpa-example"})`).
   *
   * @default - `kube_deployment_status_replicas` of `workload`
   */
  readonly replicasQuery?: string;

  /**
   * PromQL for nodes by instance type. The default reads the kubelet series with node labels
   * mapped into series labels, as the prometheus-community chart's kubelet job does.
   *
   * @default "count(kubelet_node_name) by (node_kubernetes_io_instance_type)"
   */
  readonly nodesByInstanceTypeQuery?: string;

  /**
   * Dashboard title.
   *
   * @default "Horizontal Pod Autoscaling"
   */
  readonly title?: string;
}

/**
 * Seed 001's autoscaling view as a sidecar-imported dashboard: a "Cluster Auto Scaling" row with
 * nodes by instance type (Karpenter adding capacity) and a "Pod Auto Scaling" row with the request
 * rate and the replica count (KEDA/HPA reacting).
 */
export class AutoscalingDashboard extends GrafanaDashboard {
  constructor(scope: Construct, id: string, props: AutoscalingDashboardProps) {
    checkProps(scope, id, 'AutoscalingDashboardProps', props);
    const { requestRateQuery, workload, replicasQuery, nodesByInstanceTypeQuery, title, ...options } = props;
    super(scope, id, { ...options, title: title ?? 'Horizontal Pod Autoscaling' });
    if ((workload === undefined) === (replicasQuery === undefined)) {
      throw invalidInput(this, PROMETHEUS_RULES['GD-07'], 'workload', workload?.name, 'give exactly one of workload and replicasQuery');
    }
    // the workload's name is written into the replicas query, so it must be one a Deployment can have
    if (workload) checkWorkloadReference(this, 'workload', workload);
    if (workload && !workload.isDeployment) {
      throw invalidInput(this, PROMETHEUS_RULES['GD-08'], 'workload', workload.describe(),
        'must be an apps/v1 Deployment (kube_deployment_status_replicas); give replicasQuery for other kinds');
    }
    const ns = workload?.namespace;
    const replicas = replicasQuery
      ?? `sum(kube_deployment_status_replicas{deployment="${workload!.name}"${ns ? `,namespace="${ns}"` : ''}})`;

    this.addPanel(DashboardPanel.row('Cluster Auto Scaling'));
    this.addPanel(DashboardPanel.timeSeries({
      title: 'Nodes by Instance Type',
      queries: [{ expr: nodesByInstanceTypeQuery ?? 'count(kubelet_node_name) by (node_kubernetes_io_instance_type)', legend: '{{node_kubernetes_io_instance_type}}' }],
      stacked: true,
      width: 24,
    }));
    this.addPanel(DashboardPanel.row('Pod Auto Scaling'));
    this.addPanel(DashboardPanel.timeSeries({ title: 'Requests per second', queries: [{ expr: requestRateQuery }], unit: 'reqps' }));
    this.addPanel(DashboardPanel.timeSeries({ title: 'Number of Pods', queries: [{ expr: replicas, legend: 'pods' }] }));
  }
}
