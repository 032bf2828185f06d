// Internal: the NodePool spec fields that need checking or converting, as the CRD's plain JSON.
import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DisruptableNodes, DisruptionBudget, DisruptionReason, DurationOrNever } from './disruption';
import { NodePoolLimits, NodeTaint } from './node-pool-options';
import { checkFactoryValue, checkFactoryValues, checkInteger, checkUnique, INT32_MAX } from '../core/checks';
import { checkCron } from '../core/cron';
import { invalidInput } from '../core/errors';
import { KARPENTER_RULES, Rule } from '../core/rules';
import { durationText, toHoursMinutesSeconds, toQuantity } from '../core/units';

/** `spec.disruption.budgets[]` of the NodePool CRD. */
export interface BudgetJson {
  readonly nodes: string;
  /** @default - not written (all voluntary disruptions) */
  readonly reasons?: string[];
  /** @default - not written (always active) */
  readonly schedule?: string;
  /** @default - not written (always active) */
  readonly duration?: string;
}

/** `spec.template.spec.taints[]` and `startupTaints[]` of the NodePool CRD. */
export interface TaintJson {
  readonly key: string;
  /** @default - not written (an empty value) */
  readonly value?: string;
  readonly effect: string;
}

const DURATION_OR_NEVER = 'a whole number of seconds, or DurationOrNever.never()';

/** The longest Go `time.Duration` (2^63 - 1 ns) in whole seconds: Karpenter parses these fields into one. */
const MAX_GO_DURATION_SECONDS = 9_223_372_036;
const MAX_GO_DURATION_TEXT = '2562047h47m16s (about 292 years), the longest Go duration';

/** `336h`, `1h30m`, `30s` or `Never`; fails on sub-second, non-finite and overlong durations with `rule`. */
export function renderDurationOrNever(scope: IConstruct, value: DurationOrNever | undefined, rule: Rule, field: string): string | undefined {
  if (!value) return undefined;
  checkFactoryValue(scope, field, value, DurationOrNever);
  if (!value.duration) return 'Never';
  const seconds = value.duration.toMilliseconds({ integral: false }) / 1000;
  if (!Number.isInteger(seconds) || seconds < 0) throw invalidInput(scope, rule, field, durationText(value.duration), `must be ${DURATION_OR_NEVER}`);
  if (seconds > MAX_GO_DURATION_SECONDS) throw invalidInput(scope, rule, field, durationText(value.duration), `must be at most ${MAX_GO_DURATION_TEXT}, or DurationOrNever.never()`);
  return toHoursMinutesSeconds(scope, field, value.duration);
}

/** Checks a disruption budget and renders it. */
export function renderBudget(scope: IConstruct, budget: DisruptionBudget, field: string): BudgetJson {
  checkFactoryValue(scope, `${field}.nodes`, budget.nodes, DisruptableNodes);
  checkFactoryValues(scope, `${field}.reasons`, budget.reasons, DisruptionReason);
  const { amount, isPercent } = budget.nodes;
  // Karpenter reads the count as an intstr.IntOrString, whose integer is an int32.
  if (isPercent) checkInteger(scope, KARPENTER_RULES['NP-07'], `${field}.nodes`, amount, 0, 100);
  else checkInteger(scope, KARPENTER_RULES['NP-07'], `${field}.nodes`, amount, 0, INT32_MAX);
  const reasons = budget.reasons?.map(r => r.value);
  if (reasons) checkUnique(scope, KARPENTER_RULES['NP-11'], `${field}.reasons`, reasons);
  if ((budget.schedule === undefined) !== (budget.duration === undefined)) {
    throw invalidInput(scope, KARPENTER_RULES['NP-57'], budget.schedule ? `${field}.duration` : `${field}.schedule`, undefined,
      'schedule and duration must be set together (a schedule says when the budget starts, the duration how long it lasts)');
  }
  if (budget.schedule) checkCron(scope, `${field}.schedule`, budget.schedule.expressionString);
  return {
    nodes: isPercent ? `${amount}%` : `${amount}`,
    reasons,
    schedule: budget.schedule?.expressionString,
    duration: budget.duration ? renderBudgetDuration(scope, budget.duration, `${field}.duration`) : undefined,
  };
}

function renderBudgetDuration(scope: IConstruct, duration: Duration, field: string): string {
  const minutes = duration.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw invalidInput(scope, KARPENTER_RULES['NP-09'], field, durationText(duration), 'must be a whole number of minutes, at least 1 (budgets accept hours and minutes only)');
  }
  if (minutes * 60 > MAX_GO_DURATION_SECONDS) {
    throw invalidInput(scope, KARPENTER_RULES['NP-09'], field, durationText(duration), `must be at most ${MAX_GO_DURATION_TEXT}`);
  }
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}`;
}

/** `spec.limits`: resource name to quantity. */
export function renderLimits(limits: NodePoolLimits | undefined): { [resource: string]: string } | undefined {
  if (!limits) return undefined;
  return {
    ...(limits.cpu ? { cpu: limits.cpu.amount } : {}),
    ...(limits.memory ? { memory: toQuantity(limits.memory) } : {}),
    ...(limits.nvidiaGpus !== undefined ? { 'nvidia.com/gpu': `${limits.nvidiaGpus}` } : {}),
    ...(limits.nodes !== undefined ? { nodes: `${limits.nodes}` } : {}),
    ...limits.resources,
  };
}

export function renderTaints(taints: NodeTaint[]): TaintJson[] | undefined {
  if (taints.length === 0) return undefined;
  return taints.map(t => ({ key: t.key, value: t.value, effect: t.effect }));
}
