import { IConstruct } from 'constructs';
import { TriggerJson } from './scaled-object-render';
import { unknownScalerTypeProblem } from './scaler-types';
import { ITriggerAuthentication } from './trigger-authentication-base';
import { awsSqsQueueTrigger } from './trigger-aws-sqs';
import { TriggerDefinition, TriggerRenderContext } from './trigger-common';
import { AwsSqsQueueTriggerOptions, CpuTriggerOptions, MemoryTriggerOptions, MetricTargetType, PrometheusTriggerOptions, TriggerOptions } from './trigger-options';
import { prometheusTrigger } from './trigger-prometheus';
import { resourceTrigger } from './trigger-resource';
import { checkFactoryValue, checkPattern } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';

const TRIGGER_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const TRIGGER_TYPE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const RESOURCE_TYPES = ['cpu', 'memory'];
/** Scalers that cannot serve cached metrics (KEDA's ValidateTriggers). */
const NO_CACHED_METRICS = ['cpu', 'memory', 'cron'];

/** KT-02: a type KEDA 2.20 builds a scaler for (KEDA fails with "no scaler found for type" otherwise). */
function checkScalerType(scope: IConstruct, field: string, type: string): void {
  checkPattern(scope, KEDA_RULES['KT-02'], field, type, TRIGGER_TYPE, 'must be a KEDA scaler type such as "kafka" or "rabbitmq"');
  const problem = unknownScalerTypeProblem(type);
  if (problem) throw invalidInput(scope, KEDA_RULES['KT-02'], field, type, problem);
}

/**
 * One scaler of a ScaledObject (`spec.triggers[]`), with typed metadata.
 * Values are checked when the trigger is added to a ScaledObject, so errors name that construct.
 */
export class ScalerTrigger {
  /** Scale on a Prometheus query. */
  public static prometheus(options: PrometheusTriggerOptions): ScalerTrigger {
    return new ScalerTrigger(prometheusTrigger(options));
  }

  /** Scale on the depth of an AWS SQS queue. */
  public static awsSqsQueue(options: AwsSqsQueueTriggerOptions): ScalerTrigger {
    return new ScalerTrigger(awsSqsQueueTrigger(options));
  }

  /** Scale on CPU; the target's containers need CPU requests. */
  public static cpu(options: CpuTriggerOptions): ScalerTrigger {
    return new ScalerTrigger(resourceTrigger('cpu', options, { cpu: options.averageValue }));
  }

  /** Scale on memory; the target's containers need memory requests. */
  public static memory(options: MemoryTriggerOptions): ScalerTrigger {
    return new ScalerTrigger(resourceTrigger('memory', options, { memory: options.averageValue }));
  }

  /**
   * Any other scaler, with its metadata as KEDA documents it (all values are strings).
   * Credentials in `metadata` are refused: put them in a TriggerAuthentication.
   */
  public static custom(type: string, metadata: { [key: string]: string }, options: TriggerOptions = {}): ScalerTrigger {
    return new ScalerTrigger({
      type,
      options,
      validate: (scope, field) => checkScalerType(scope, `${field}.type`, type),
      metadata: () => ({ ...metadata }),
    });
  }

  private constructor(private readonly definition: TriggerDefinition) {}

  /** The scaler type, e.g. `prometheus`. */
  public get type(): string {
    return this.definition.type;
  }

  /** The trigger's name, if it has one. */
  public get name(): string | undefined {
    return this.definition.options.name;
  }

  /** The authentication the trigger uses, if any. */
  public get authentication(): ITriggerAuthentication | undefined {
    return this.definition.options.authentication;
  }

  /** Whether this is a cpu or memory trigger (served by the resource metrics API). */
  public get isResourceMetric(): boolean {
    return RESOURCE_TYPES.includes(this.type);
  }

  /** The metric type the user chose (or cpu/memory fixed), before fallback defaults. */
  public get metricType(): MetricTargetType | undefined {
    return this.definition.fixedMetricType ?? this.definition.options.metricType;
  }

  /** Whether the trigger serves cached metrics. @internal */
  public get _cachesMetrics(): boolean {
    return this.definition.options.useCachedMetrics === true;
  }

  /** Metadata as written, before fallback defaults. @internal */
  public _metadata(context: TriggerRenderContext): { [key: string]: string } {
    return this.definition.metadata(context);
  }

  /** @internal */
  public _validate(scope: IConstruct, field: string): void {
    const { name, metricType, useCachedMetrics } = this.definition.options;
    checkFactoryValue(scope, `${field}.metricType`, metricType, MetricTargetType);
    checkPattern(scope, KEDA_RULES['KT-01'], `${field}.name`, name, TRIGGER_NAME, 'must start with a letter or "_" and hold letters, digits, "_" and "-" (so scalingModifiers formulas can refer to it)');
    if (metricType === MetricTargetType.UTILIZATION && !this.isResourceMetric) {
      throw invalidInput(scope, KEDA_RULES['SO-20'], `${field}.metricType`, metricType.value, `must be AverageValue or Value: "${this.type}" is an external metric and KEDA rejects Utilization for it`);
    }
    if (useCachedMetrics && NO_CACHED_METRICS.includes(this.type)) {
      throw invalidInput(scope, KEDA_RULES['KT-03'], `${field}.useCachedMetrics`, true, `is not supported by the "${this.type}" scaler`);
    }
    this.definition.validate(scope, field);
  }

  /** @internal */
  public _render(context: TriggerRenderContext): TriggerJson {
    const auth = this.definition.options.authentication;
    // fallback needs AverageValue; writing it keeps KEDA 2.17.0, which wants it explicit, happy too
    const metricType = this.metricType ?? (context.fallback && !this.isResourceMetric ? MetricTargetType.AVERAGE_VALUE : undefined);
    return {
      type: this.type,
      name: this.name,
      metricType: metricType?.value,
      useCachedMetrics: this.definition.options.useCachedMetrics,
      authenticationRef: auth && {
        name: auth.name,
        // TriggerAuthentication is KEDA's default kind
        kind: auth.kind === 'ClusterTriggerAuthentication' ? auth.kind : undefined,
      },
      metadata: this._metadata(context),
    };
  }
}
