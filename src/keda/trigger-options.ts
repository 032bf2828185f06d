import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ITriggerAuthentication } from './trigger-authentication-base';

/** How the HPA compares a trigger's metric with its target (`triggers[].metricType`). */
export class MetricTargetType {
  /** Metric divided by the replica count, compared with the target (KEDA's default for external triggers). */
  public static readonly AVERAGE_VALUE = new MetricTargetType('AverageValue');
  /** The raw metric compared with the target. */
  public static readonly VALUE = new MetricTargetType('Value');
  /** Percent of the resource request; cpu and memory triggers only. */
  public static readonly UTILIZATION = new MetricTargetType('Utilization');

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string,
  ) {}
}

/** Options every external (non cpu/memory) trigger takes. */
export interface TriggerOptions {
  /**
   * Trigger name: unique within the ScaledObject; how `scalingModifiers.formula` refers to it.
   *
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * The TriggerAuthentication or ClusterTriggerAuthentication with the scaler's credentials.
   *
   * @default - none
   */
  readonly authentication?: ITriggerAuthentication;

  /**
   * How the HPA compares the metric with the threshold. `Utilization` is for cpu and memory only.
   *
   * @default - unset (KEDA uses AverageValue); written as AverageValue when the ScaledObject has a fallback
   */
  readonly metricType?: MetricTargetType;

  /**
   * Serve the HPA the value cached at the last polling interval instead of querying the source each time.
   *
   * @default false
   */
  readonly useCachedMetrics?: boolean;
}

/** How the prometheus scaler authenticates to the server, with credentials from the trigger's authentication. */
export class PrometheusAuthMode {
  /** `bearerToken` parameter. */
  public static readonly BEARER = new PrometheusAuthMode('bearer');
  /** `username` and `password` parameters. */
  public static readonly BASIC = new PrometheusAuthMode('basic');
  /** Client certificate: `ca`, `cert` and `key` parameters. */
  public static readonly TLS = new PrometheusAuthMode('tls');
  /** `customAuthHeader` and `customAuthValue` parameters. */
  public static readonly CUSTOM = new PrometheusAuthMode('custom');

  private constructor(
    /** The value written to `authModes`. */
    public readonly value: string,
  ) {}
}

/** The `prometheus` trigger: scale on the value of a PromQL query. */
export interface PrometheusTriggerOptions extends TriggerOptions {
  /** Base URL of the Prometheus API, e.g. `http://prometheus-operated.monitoring.svc:9090`. */
  readonly serverAddress: string;

  /** The PromQL query; it must return one series or a scalar, so aggregate it (`sum(...)`). */
  readonly query: string;

  /** Target value per replica (AverageValue) or in total (Value). Must be > 0. */
  readonly threshold: number;

  /**
   * The value above which the workload scales from zero.
   *
   * @default 0
   */
  readonly activationThreshold?: number;

  /**
   * Tenant namespace for namespaced query endpoints (Thanos querier `namespace` parameter).
   *
   * @default - none
   */
  readonly namespace?: string;

  /**
   * Extra HTTP headers for the query. Credentials do not belong here: use `authModes` with a TriggerAuthentication.
   *
   * @default - none
   */
  readonly customHeaders?: { [name: string]: string };

  /**
   * Extra query-string parameters for the query API.
   *
   * @default - none
   */
  readonly queryParameters?: { [name: string]: string };

  /**
   * Treat an empty result as 0. With a fallback it must be false, or a lost target reads as 0 and the
   * workload scales in instead of falling back.
   *
   * @default - KEDA's default (true); false when the ScaledObject has a fallback
   */
  readonly ignoreNullValues?: boolean;

  /**
   * Skip TLS certificate verification. Refused unless the ScaledObject sets `allowUnsafeSsl`.
   *
   * @default false
   */
  readonly unsafeSsl?: boolean;

  /**
   * Authentication modes, with their parameters from `authentication`. Not with a pod identity.
   *
   * @default - none
   */
  readonly authModes?: PrometheusAuthMode[];

  /**
   * Region for SigV4 signing with an AWS pod identity (Amazon Managed Service for Prometheus).
   *
   * @default - no signing
   */
  readonly awsRegion?: string;

  /**
   * HTTP timeout of the query, in whole milliseconds.
   *
   * @default - KEDA's global HTTP timeout
   */
  readonly timeout?: Duration;

  /**
   * Deprecated since KEDA 2.10 and ignored; kept only to reproduce existing manifests.
   *
   * @default - not written
   */
  readonly metricName?: string;
}

/** The deprecated trigger-level `identityOwner` of the SQS scaler. */
export class SqsIdentityOwner {
  /** Credentials of the scale target's pods. */
  public static readonly POD = new SqsIdentityOwner('pod');
  /** The KEDA operator's credentials. */
  public static readonly OPERATOR = new SqsIdentityOwner('operator');

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string,
  ) {}
}

/** The `aws-sqs-queue` trigger: scale on the number of messages in an SQS queue. */
export interface AwsSqsQueueTriggerOptions extends TriggerOptions {
  /**
   * Queue URL: `https://sqs.<region>.amazonaws.com/<12-digit account>/<name>` (FIFO names end in `.fifo`).
   * An unresolved AWS CDK token is accepted. Exactly one of `queueUrl` and `queueUrlFromEnv`.
   *
   * @default - none
   */
  readonly queueUrl?: string;

  /**
   * Name of an environment variable of the scale target holding the queue URL.
   *
   * @default - none
   */
  readonly queueUrlFromEnv?: string;

  /**
   * Target messages per replica. Must be a positive integer.
   *
   * @default - KEDA's default, 5
   */
  readonly queueLength?: number;

  /**
   * Messages above which the workload scales from zero.
   *
   * @default - KEDA's default, 0
   */
  readonly activationQueueLength?: number;

  /**
   * Region of the queue.
   *
   * @default - the region in `queueUrl`
   */
  readonly region?: string;

  /**
   * Custom SQS endpoint (e.g. LocalStack); the queue URL is then not required to be an AWS one.
   *
   * @default - the AWS endpoint of the region
   */
  readonly endpoint?: string;

  /**
   * Count in-flight (received, not yet deleted) messages.
   *
   * @default - KEDA's default, true
   */
  readonly scaleOnInFlight?: boolean;

  /**
   * Count delayed messages.
   *
   * @default - KEDA's default, false
   */
  readonly scaleOnDelayed?: boolean;

  /**
   * Deprecated since KEDA 2.13; ignored when `authentication` uses a pod identity. Use a
   * TriggerAuthentication with `PodIdentity.aws(...)` instead.
   *
   * @default - not written
   */
  readonly identityOwner?: SqsIdentityOwner;
}

/** Options shared by the cpu and memory triggers. Give exactly one target. */
export interface ResourceTriggerOptions {
  /**
   * Trigger name, unique within the ScaledObject.
   *
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * Target average utilization, in percent of the containers' requests (may exceed 100).
   *
   * @default - none; give this or averageValue
   */
  readonly utilizationPercent?: number;

  /**
   * Only this container's usage counts, instead of the whole pod's.
   *
   * @default - every container of the pod
   */
  readonly containerName?: string;
}

/** The `cpu` trigger. */
export interface CpuTriggerOptions extends ResourceTriggerOptions {
  /**
   * Target average CPU per pod.
   *
   * @default - none; give this or utilizationPercent
   */
  readonly averageValue?: kplus.Cpu;
}

/** The `memory` trigger. */
export interface MemoryTriggerOptions extends ResourceTriggerOptions {
  /**
   * Target average memory per pod.
   *
   * @default - none; give this or utilizationPercent
   */
  readonly averageValue?: Size;
}
