import { Duration, Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { GENERAL_RULES } from './rules';

/**
 * Go-style duration with hours, minutes and seconds only ("336h", "1h30m", "45s"),
 * the form Karpenter's `([0-9]+(s|m|h))+` fields and most operators accept.
 * Fails on sub-second precision, which these fields cannot express.
 */
export function toHoursMinutesSeconds(scope: IConstruct, field: string, duration: Duration): string {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms / 1000) || ms < 0) {
    throw invalidInput(scope, GENERAL_RULES['GEN-10'], field, duration.toHumanString(), 'must be a whole number of seconds (no sub-second precision)');
  }
  const total = ms / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return out === '' ? '0s' : out;
}

/** Whole seconds, for fields typed as integer seconds (KEDA, HPA behavior). */
export function toWholeSeconds(scope: IConstruct, field: string, duration: Duration): number {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms / 1000) || ms < 0) {
    throw invalidInput(scope, GENERAL_RULES['GEN-10'], field, duration.toHumanString(), 'must be a whole number of seconds');
  }
  return ms / 1000;
}

/**
 * Go duration with millisecond precision ("1.5s" is written "1s500ms"), the form
 * Istio and Prometheus accept.
 */
export function toMillisecondDuration(scope: IConstruct, field: string, duration: Duration): string {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms < 0) {
    throw invalidInput(scope, GENERAL_RULES['GEN-11'], field, duration.toHumanString(), 'must be a whole number of milliseconds');
  }
  const whole = Math.floor(ms / 1000) * 1000;
  const rest = ms - whole;
  if (whole === 0) return `${rest}ms`;
  const base = toHoursMinutesSeconds(scope, field, Duration.millis(whole));
  return rest ? `${base}${rest}ms` : base;
}

const BINARY_UNITS: Array<[string, (s: Size) => number]> = [
  ['Ti', s => s.toTebibytes()],
  ['Gi', s => s.toGibibytes()],
  ['Mi', s => s.toMebibytes()],
  ['Ki', s => s.toKibibytes()],
];

/**
 * A Kubernetes quantity for a size, in the largest binary unit that keeps it whole ("80Gi", "512Mi").
 */
export function toQuantity(size: Size): string {
  for (const [suffix, convert] of BINARY_UNITS) {
    try {
      const n = convert(size);
      if (Number.isInteger(n) && n > 0) return `${n}${suffix}`;
    } catch {
      // not a whole number in this unit; try a smaller one
    }
  }
  return `${size.toKibibytes()}Ki`;
}

/**
 * A duration in whole milliseconds, failing with the library's error shape (instead of cdk8s's bare
 * conversion error) when it is fractional or negative.
 */
export function wholeMilliseconds(scope: IConstruct, field: string, duration: Duration): number {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms < 0) {
    throw invalidInput(scope, GENERAL_RULES['GEN-11'], field, duration.toHumanString(), 'must be a whole, non-negative number of milliseconds');
  }
  return ms;
}
