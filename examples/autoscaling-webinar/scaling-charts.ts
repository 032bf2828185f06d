import * as path from 'path';
import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { clusterNamespace, MOC_NAMESPACE, namespacedChartProps, POD_SECURITY_WARN } from './workloads';
import {
  HpaBehavior, K6Script, PodIdentity, ScaledObject, ScalerTrigger, TestRun, TriggerAuthentication, WorkloadReference,
} from '../../src';

/** The Prometheus of the lab's kube-prometheus-stack (release `prometheus`). */
const PROMETHEUS = 'http://prometheus-kube-prometheus-prometheus.prometheus.svc.cluster.local:9090';

/** KEDA's scaling speed in the webinar: 30 s stabilization both ways, no policies. */
export const KEDA_BEHAVIOR: HpaBehavior = {
  scaleUp: { stabilizationWindow: Duration.seconds(30) },
  scaleDown: { stabilizationWindow: Duration.seconds(30) },
};

/** Request rate as the app counts it (`keda_scaledobject_tps.yaml`). */
export const APP_REQUEST_RATE = 'sum(rate(http_requests_total[1m]))';

/** Request rate as Istio's sidecars count it (`old/keda_scale_tps.yaml`). */
export const ISTIO_REQUEST_RATE = 'sum(rate(istio_requests_total{destination_service_name="moc"}[1m]))';

/** Properties of the TriggerAuthentication chart. */
export interface KedaTriggerAuthChartProps {
  /** The role KEDA's operator assumes to read the queue. */
  readonly roleArn: string;
}

/** The TriggerAuthentication `keda-trigger-auth-aws-credentials`, once for every scaler that needs AWS. */
export class KedaTriggerAuthChart extends Chart {
  /** The TriggerAuthentication's name, for the scalers of other charts. */
  public readonly triggerAuthenticationName: string;

  public constructor(scope: Construct, id: string, props: KedaTriggerAuthChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    const auth = new TriggerAuthentication(this, 'TriggerAuthentication', {
      metadata: { name: 'keda-trigger-auth-aws-credentials' },
      podIdentity: PodIdentity.aws({ roleArn: props.roleArn }),
    });
    this.triggerAuthenticationName = auth.name;
  }
}

/** Properties of a chart that scales moc. */
export interface MocAutoscalerChartProps {
  /** The Deployment to scale. */
  readonly target: kplus.Deployment;
}

/** Properties of the request-rate ScaledObject chart. */
export interface RequestRateScaledObjectChartProps extends MocAutoscalerChartProps {
  /** The PromQL query of the request rate. */
  readonly query: string;
}

/** KEDA scales moc on its request rate read from Prometheus: one replica per 10 requests a second. */
export class RequestRateScaledObjectChart extends Chart {
  public constructor(scope: Construct, id: string, props: RequestRateScaledObjectChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    new ScaledObject(this, 'MocHighTps', {
      metadata: { name: 'moc-high-tps' },
      target: WorkloadReference.fromWorkload(props.target),
      minReplicas: 1,
      maxReplicas: 30,
      behavior: KEDA_BEHAVIOR,
      triggers: [ScalerTrigger.prometheus({ serverAddress: PROMETHEUS, query: props.query, threshold: 10 })],
    });
  }
}

/** Properties of the spike test chart. */
export interface SpikeTestChartProps {
  /** The URL the virtual users request. */
  readonly targetUrl: string;
}

/** The k6 spike test as a TestRun, in its own namespace outside the mesh. */
export class SpikeTestChart extends Chart {
  public constructor(scope: Construct, id: string, props: SpikeTestChartProps) {
    super(scope, id, namespacedChartProps('k6'));
    // k6 runs outside the mesh: an injected sidecar would keep the runner and starter Jobs from ever completing.
    clusterNamespace(this, 'k6', POD_SECURITY_WARN);
    new TestRun(this, 'SpikeTest', {
      metadata: { name: 'moc-spike-test' },
      script: K6Script.fromFile(path.join(__dirname, 'scripts', 'load.js')),
      runner: {
        env: { TARGET_URL: props.targetUrl },
        // 150 VUs issuing one request a second each; the runner must not be the bottleneck.
        resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } },
      },
    });
  }
}

const ONE_POD_PER_30S = [{ replicas: kplus.Replicas.absolute(1), duration: Duration.seconds(30) }];

/** A native HPA on moc's CPU (`moc-hpa-cpu.yaml`); needs metrics-server. */
export class CpuHpaChart extends Chart {
  public constructor(scope: Construct, id: string, props: MocAutoscalerChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    new kplus.HorizontalPodAutoscaler(this, 'MocHpa', {
      metadata: { name: 'moc-hpa' },
      target: props.target,
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(60))],
      // Upstream's comment says one pod at a time; its value, kept here, is 3.
      scaleUp: { stabilizationWindow: Duration.seconds(20), policies: [{ replicas: kplus.Replicas.absolute(3), duration: Duration.seconds(30) }] },
      scaleDown: { stabilizationWindow: Duration.seconds(20), policies: ONE_POD_PER_30S },
    });
  }
}

/** A native HPA on prometheus-adapter's `http_requests_per_second` (`moc-hpa-customized-metric.yaml`). */
export class RequestRateHpaChart extends Chart {
  public constructor(scope: Construct, id: string, props: MocAutoscalerChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    new kplus.HorizontalPodAutoscaler(this, 'MocHpaRequests', {
      metadata: { name: 'moc-hpa-requests' },
      target: props.target,
      minReplicas: 1,
      maxReplicas: 30,
      metrics: [kplus.Metric.pods({ name: 'http_requests_per_second', target: kplus.MetricTarget.averageValue(10) })],
      scaleUp: { stabilizationWindow: Duration.seconds(20), policies: ONE_POD_PER_30S },
      scaleDown: { stabilizationWindow: Duration.seconds(20), policies: ONE_POD_PER_30S },
    });
  }
}

/** KEDA's cpu scaler on moc (`keda_scaledobject_cpu.yaml`, an extra of the upstream repo). */
export class CpuScaledObjectChart extends Chart {
  public constructor(scope: Construct, id: string, props: MocAutoscalerChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    new ScaledObject(this, 'CpuScaledObject', {
      metadata: { name: 'cpu-scaledobject' },
      target: WorkloadReference.fromWorkload(props.target),
      minReplicas: 1,
      maxReplicas: 30,
      behavior: KEDA_BEHAVIOR,
      triggers: [ScalerTrigger.cpu({ utilizationPercent: 50 })],
    });
  }
}
