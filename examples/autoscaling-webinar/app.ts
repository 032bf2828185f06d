import { App, YamlOutputType } from 'cdk8s';
import { IstioIngressChart, MocAppChart, MocIstioChart, MocServiceMonitorChart, WebinarDashboardChart } from './app-charts';
import { KarpenterPoolsChart, MocCapacitySpreadChart } from './capacity-charts';
import { WEBINAR_PARAMETERS, WebinarParameters } from './parameters';
import { ConsumerChart, ProducerChart, QueueScaledObjectChart } from './queue-charts';
import {
  APP_REQUEST_RATE, CpuHpaChart, CpuScaledObjectChart, ISTIO_REQUEST_RATE, KedaTriggerAuthChart, RequestRateHpaChart,
  RequestRateScaledObjectChart, SpikeTestChart,
} from './scaling-charts';
import { ChartAlternatives, PodSecurity, SyncWaves } from '../../src';

/**
 * The Infnet webinar on EKS autoscaling: the `moc` app behind an ALB and Istio, scaled by KEDA on request
 * rate and on SQS depth, by native HPAs on CPU and on a custom metric, on Karpenter Spot and on-demand
 * pools split 3:1. One chart per file, named in the order the README applies them.
 */
export function buildApp(outdir: string, parameters: WebinarParameters = WEBINAR_PARAMETERS): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });

  new IstioIngressChart(app, '00-istio-ingress', { targetGroupArn: parameters.targetGroupArn });
  const { moc, service } = new MocAppChart(app, '01-moc-app', { sqsQueueUrl: parameters.sqsQueueUrl });
  new MocIstioChart(app, '02-moc-istio', { publicHost: parameters.publicHost, service });
  new MocServiceMonitorChart(app, '03a-moc-service-monitor', { service });
  new WebinarDashboardChart(app, '03b-grafana-dashboard');

  const { triggerAuthenticationName } = new KedaTriggerAuthChart(app, '04a-keda-trigger-auth', { roleArn: parameters.kedaRoleArn });
  const appRequestRate = new RequestRateScaledObjectChart(app, '04b-keda-tps-app-metric', { target: moc, query: APP_REQUEST_RATE });
  const istioRequestRate = new RequestRateScaledObjectChart(app, '04c-keda-tps-istio-metric', { target: moc, query: ISTIO_REQUEST_RATE });
  new SpikeTestChart(app, '04d-k6-spike-test', { targetUrl: parameters.loadTestUrl });

  const { split } = new KarpenterPoolsChart(app, '05a-karpenter-pools', parameters);
  new MocCapacitySpreadChart(app, '05b-moc-capacity-spread', { sqsQueueUrl: parameters.sqsQueueUrl, split });

  const cpuHpa = new CpuHpaChart(app, '06-hpa-cpu', { target: moc });
  const requestRateHpa = new RequestRateHpaChart(app, '07-hpa-custom-metric', { target: moc });

  const { consumer } = new ConsumerChart(app, '08a-consumer', { split });
  new QueueScaledObjectChart(app, '08b-keda-sqs-queue', { target: consumer, queueUrl: parameters.sqsQueueUrl, triggerAuthenticationName });
  new ProducerChart(app, '08c-producer');
  const kedaCpu = new CpuScaledObjectChart(app, '09-keda-cpu', { target: moc });

  // The charts that scale moc replace each other: the README deletes one before applying the next.
  ChartAlternatives.declare(appRequestRate, istioRequestRate, cpuHpa, requestRateHpa, kedaCpu);

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}
