import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { GENERAL_RULES, Rule } from './rules';

/** A duration for messages: cdk8s's human form, or its milliseconds when that form is empty (NaN, infinite). */
export function durationText(duration: Duration): string {
  const ms = duration.toMilliseconds({ integral: false });
  return Number.isFinite(ms) ? duration.toHumanString() : `${ms} ms`;
}

/** The longest Go `time.Duration` (2^63 - 1 ns), in whole milliseconds: operators parse these fields into one. */
const MAX_GO_DURATION_MS = 9_223_372_036_854;

function checkGoDurationRange(scope: IConstruct, rule: Rule, field: string, duration: Duration, ms: number): void {
  if (ms > MAX_GO_DURATION_MS) {
    throw invalidInput(scope, rule, field, durationText(duration), 'must be at most 2562047h47m16s (about 292 years), the longest Go duration');
  }
}

/**
 * Go-style duration with hours, minutes and seconds only ("336h", "1h30m", "45s"),
 * the form Karpenter's `([0-9]+(s|m|h))+` fields and most operators accept.
 * Fails on sub-second precision, which these fields cannot express.
 */
export function toHoursMinutesSeconds(scope: IConstruct, field: string, duration: Duration): string {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms / 1000) || ms < 0) {
    throw invalidInput(scope, GENERAL_RULES['GEN-10'], field, durationText(duration), 'must be a whole number of seconds (no sub-second precision)');
  }
  checkGoDurationRange(scope, GENERAL_RULES['GEN-10'], field, duration, ms);
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
    throw invalidInput(scope, GENERAL_RULES['GEN-10'], field, durationText(duration), 'must be a whole number of seconds');
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
    throw invalidInput(scope, GENERAL_RULES['GEN-11'], field, durationText(duration), 'must be a whole number of milliseconds');
  }
  checkGoDurationRange(scope, GENERAL_RULES['GEN-11'], field, duration, ms);
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

/** The largest quantity Kubernetes stores as an int64: 2^63 - 1 bytes (about 8 EiB). */
const MAX_QUANTITY_BYTES = 2 ** 63;

/**
 * Fails unless `size` can be written as a Kubernetes quantity: a finite, whole number of bytes within int64,
 * at least `min` bytes (GEN-71, or `rule`). Call it before `toQuantity`, which cdk8s makes throw a bare error otherwise.
 */
export function checkSize(scope: IConstruct, field: string, size: Size | undefined, min: number = 0, rule: Rule = GENERAL_RULES['GEN-71']): void {
  if (size === undefined) return;
  const bytes = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024;
  if (!Number.isInteger(bytes) || bytes < min || bytes >= MAX_QUANTITY_BYTES) {
    const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
    throw invalidInput(scope, rule, field, `${kib} KiB`, `must be a whole number of bytes from ${min} to 2^63 - 1 (about 8 EiB)`);
  }
}

/** A Kubernetes quantity as `resource.ParseQuantity` reads it: a decimal number and an optional suffix. */
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/;

/** Fails unless `cpu` is a finite, non-negative quantity, above zero when `positive` (GEN-71, or `rule`). */
export function checkCpu(scope: IConstruct, field: string, cpu: { readonly amount: string } | undefined, positive: boolean = false,
  rule: Rule = GENERAL_RULES['GEN-71']): void {
  if (cpu === undefined) return;
  const amount = cpu.amount;
  const zero = /^[+]?0*(\.0*)?[a-zA-Z]*$/.test(amount);
  if (typeof amount !== 'string' || !QUANTITY.test(amount) || (positive && zero)) {
    throw invalidInput(scope, rule, field, amount, `must be a finite, ${positive ? 'positive' : 'non-negative'} CPU quantity such as Cpu.millis(250) or Cpu.units(2)`);
  }
}

/**
 * A duration in whole milliseconds, failing with the library's error shape (instead of cdk8s's bare
 * conversion error) when it is fractional or negative.
 */
export function wholeMilliseconds(scope: IConstruct, field: string, duration: Duration): number {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms < 0) {
    throw invalidInput(scope, GENERAL_RULES['GEN-11'], field, durationText(duration), 'must be a whole, non-negative number of milliseconds');
  }
  return ms;
}
