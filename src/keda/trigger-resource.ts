import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { compact, TriggerDefinition } from './trigger-common';
import { MetricTargetType, ResourceTriggerOptions } from './trigger-options';
import { checkDnsLabel, checkInteger, INT32_MAX } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { checkCpu, checkSize, toQuantity } from '../core/units';

/** The averageValue of a cpu or memory trigger, as given. @internal */
export interface ResourceAverage {
  /** @default - none */
  readonly cpu?: kplus.Cpu;
  /** @default - none */
  readonly memory?: Size;
}

/** @internal */
export function resourceTrigger(type: 'cpu' | 'memory', options: ResourceTriggerOptions, average: ResourceAverage): TriggerDefinition {
  const metricType = options.utilizationPercent !== undefined ? MetricTargetType.UTILIZATION : MetricTargetType.AVERAGE_VALUE;
  // rendered only once validateResource has accepted the value
  const averageValue = () => average.cpu?.amount ?? (average.memory === undefined ? undefined : toQuantity(average.memory));
  return {
    type,
    options: { name: options.name },
    fixedMetricType: metricType,
    validate: (scope, field) => validateResource(scope, field, options, average),
    metadata: () => compact({
      value: options.utilizationPercent !== undefined ? String(options.utilizationPercent) : averageValue(),
      containerName: options.containerName,
    }),
  };
}

function validateResource(scope: IConstruct, field: string, o: ResourceTriggerOptions, average: ResourceAverage): void {
  const given = average.cpu ?? average.memory;
  if ((o.utilizationPercent === undefined) === (given === undefined)) {
    throw invalidInput(scope, KEDA_RULES['KT-07'], `${field}.utilizationPercent`, o.utilizationPercent, 'exactly one of utilizationPercent and averageValue is required');
  }
  // the HPA's averageUtilization is an int32
  checkInteger(scope, KEDA_RULES['KT-08'], `${field}.utilizationPercent`, o.utilizationPercent, 1, INT32_MAX);
  checkCpu(scope, `${field}.averageValue`, average.cpu, true, KEDA_RULES['KT-08']);
  checkSize(scope, `${field}.averageValue`, average.memory, 1, KEDA_RULES['KT-08']);
  checkDnsLabel(scope, `${field}.containerName`, o.containerName);
}
