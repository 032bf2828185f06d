import { ALB_RULES } from './alb';
import { GENERAL_RULES } from './general';
import { ISTIO_RULES } from './istio';
import { K6_RULES } from './k6';
import { KARPENTER_RULES } from './karpenter';
import { KEDA_RULES } from './keda';
import { PATTERNS_RULES } from './patterns';
import { PROMETHEUS_RULES } from './prometheus';
import { Rule } from './rule';

export * from './rule';
export { ALB_RULES, GENERAL_RULES, ISTIO_RULES, K6_RULES, KARPENTER_RULES, KEDA_RULES, PATTERNS_RULES, PROMETHEUS_RULES };

/** Every rule of the library, by area, in the order of docs/rules.md. */
export const RULE_CATALOG: ReadonlyArray<{ readonly area: string; readonly rules: readonly Rule[] }> = [
  { area: 'General (metadata, units, placement, pod security, GitOps, AWS CDK outputs)', rules: Object.values(GENERAL_RULES) },
  { area: 'Karpenter', rules: Object.values(KARPENTER_RULES) },
  { area: 'KEDA', rules: Object.values(KEDA_RULES) },
  { area: 'prometheus-operator and Grafana', rules: Object.values(PROMETHEUS_RULES) },
  { area: 'Istio', rules: Object.values(ISTIO_RULES) },
  { area: 'k6-operator', rules: Object.values(K6_RULES) },
  { area: 'AWS Load Balancer Controller', rules: Object.values(ALB_RULES) },
  { area: 'Patterns', rules: Object.values(PATTERNS_RULES) },
];

const byId: ReadonlyMap<string, Rule> = new Map<string, Rule>(RULE_CATALOG.flatMap(a => a.rules.map(r => [r.id, r] as [string, Rule])));

/** The rule with this id, or undefined. */
export function findRule(id: string): Rule | undefined {
  return byId.get(id);
}

/** The rule with this id, for ids the library's own code names (an unknown one is a bug in the library). */
export function ruleById(id: string): Rule {
  const rule = byId.get(id);
  if (!rule) throw new Error(`cdk8s-eks-autoscaling: no rule ${id} in the catalog`);
  return rule;
}
