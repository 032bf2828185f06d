import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { GENERAL_RULES } from './rules';

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /**
   * Names accepted for values (jan, mon, ...).
   * @default - numbers only
   */
  readonly names?: readonly string[];
}

// The standard five fields, with the bounds and names of Go's robfig/cron ParseStandard
// (what Karpenter budgets and Kubernetes CronJobs are parsed with).
const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function parseValue(field: CronField, text: string): number | string {
  const lower = text.toLowerCase();
  const named = field.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) return `"${text}" is not a number${field.names ? ' or a name' : ''}`;
  const n = Number(text);
  if (n < field.min || n > field.max) return `${n} is outside ${field.min}-${field.max}`;
  return n;
}

function checkRange(field: CronField, part: string): string | undefined {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined) return `"${part}" has more than one "/"`;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) return `step "${step}" must be a positive integer`;
  if (range === '*' || range === '?') return undefined;
  const [lowText, highText, more] = range.split('-');
  if (more !== undefined) return `"${range}" has more than one "-"`;
  const low = parseValue(field, lowText);
  if (typeof low === 'string') return low;
  if (highText === undefined) return undefined;
  const high = parseValue(field, highText);
  if (typeof high === 'string') return high;
  if (low > high) return `range ${range} starts after it ends`;
  return undefined;
}

/**
 * Why a schedule is not a standard 5-field cron expression or an @-macro, or `undefined`
 * when it is one. Time-zone prefixes, seconds fields and `@every` are rejected: Karpenter's
 * budget schedules are UTC-only and its CRD pattern refuses `@every`.
 */
export function cronProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) {
    return MACROS.includes(trimmed.toLowerCase()) ? undefined : `unknown macro "${trimmed}"`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) return `has ${parts.length} fields, expected 5 (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < FIELDS.length; i++) {
    for (const item of parts[i].split(',')) {
      const problem = checkRange(FIELDS[i], item);
      if (problem) return `${FIELDS[i].name}: ${problem}`;
    }
  }
  return undefined;
}

/** Throws unless `expression` is a standard 5-field cron expression or an @-macro. */
export function checkCron(scope: IConstruct, field: string, expression: string): void {
  const problem = cronProblem(expression);
  if (problem) {
    throw invalidInput(scope, GENERAL_RULES['GEN-12'], field, expression, `must be a 5-field cron expression (UTC, no time zone or seconds) or one of ${MACROS.join(', ')}: ${problem}`);
  }
}
