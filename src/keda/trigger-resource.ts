import { Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { compact, TriggerDefinition } from './trigger-common';
import { MetricTargetType, ResourceTriggerOptions } from './trigger-options';
import { checkDnsLabel, checkInteger } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { toQuantity } from '../core/units';

/** @internal */
export function resourceTrigger(type: 'cpu' | 'memory', options: ResourceTriggerOptions, averageValue: string | undefined): TriggerDefinition {
  const metricType = options.utilizationPercent !== undefined ? MetricTargetType.UTILIZATION : MetricTargetType.AVERAGE_VALUE;
  return {
    type,
    options: { name: options.name },
    fixedMetricType: metricType,
    validate: (scope, field) => validateResource(scope, field, options, averageValue),
    metadata: () => compact({
      value: options.utilizationPercent !== undefined ? String(options.utilizationPercent) : averageValue,
      containerName: options.containerName,
    }),
  };
}

/** @internal */
export function memoryQuantity(size: Size | undefined): string | undefined {
  return size === undefined ? undefined : toQuantity(size);
}

function validateResource(scope: IConstruct, field: string, o: ResourceTriggerOptions, averageValue: string | undefined): void {
  if ((o.utilizationPercent === undefined) === (averageValue === undefined)) {
    throw invalidInput(scope, KEDA_RULES['KT-07'], `${field}.utilizationPercent`, o.utilizationPercent, 'exactly one of utilizationPercent and averageValue is required');
  }
  checkInteger(scope, KEDA_RULES['KT-08'], `${field}.utilizationPercent`, o.utilizationPercent, 1);
  if (averageValue !== undefined && /^0+(\.0*)?[a-zA-Z]*$/.test(averageValue)) {
    throw invalidInput(scope, KEDA_RULES['KT-08'], `${field}.averageValue`, averageValue, 'must be greater than zero');
  }
  checkDnsLabel(scope, `${field}.containerName`, o.containerName);
}
