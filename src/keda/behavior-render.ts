import { IConstruct } from 'constructs';
import { HpaBehavior, HpaScalingPolicy, HpaScalingRules, HpaSelectPolicy } from './behavior';
import { HpaBehaviorJson, HpaScalingRulesJson } from './scaled-object-render';
import { checkFactoryValue, checkFactoryValues, checkInteger, checkNumber } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { toWholeSeconds } from '../core/units';

/** Renders and checks a behavior with the HPA's own limits (K8-04). @internal */
export function renderBehavior(scope: IConstruct, field: string, behavior: HpaBehavior): HpaBehaviorJson {
  return {
    scaleUp: behavior.scaleUp && renderRules(scope, `${field}.scaleUp`, behavior.scaleUp),
    scaleDown: behavior.scaleDown && renderRules(scope, `${field}.scaleDown`, behavior.scaleDown),
  };
}

function renderRules(scope: IConstruct, field: string, rules: HpaScalingRules): HpaScalingRulesJson {
  checkFactoryValues(scope, `${field}.policies`, rules.policies, HpaScalingPolicy);
  checkFactoryValue(scope, `${field}.selectPolicy`, rules.selectPolicy, HpaSelectPolicy);
  let stabilizationWindowSeconds: number | undefined;
  if (rules.stabilizationWindow !== undefined) {
    stabilizationWindowSeconds = toWholeSeconds(scope, `${field}.stabilizationWindow`, rules.stabilizationWindow);
    checkInteger(scope, KEDA_RULES['K8-04'], `${field}.stabilizationWindow (seconds)`, stabilizationWindowSeconds, 0, 3600);
  }
  if (rules.policies !== undefined && rules.policies.length === 0) {
    throw invalidInput(scope, KEDA_RULES['K8-04'], `${field}.policies`, [], 'must hold at least one policy; omit it for the Kubernetes defaults');
  }
  checkNumber(scope, KEDA_RULES['K8-04'], `${field}.tolerance`, rules.tolerance, { min: 0 });
  return {
    stabilizationWindowSeconds,
    selectPolicy: rules.selectPolicy?.value,
    policies: rules.policies?.map((p, i) => p._render(scope, `${field}.policies[${i}]`)),
    // a quantity: written as a string
    tolerance: rules.tolerance === undefined ? undefined : String(rules.tolerance),
  };
}
