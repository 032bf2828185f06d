/**
 * A failure a matcher records: where it happened, relative to the value the matcher tested,
 * and what was wrong there.
 */
export interface MatchFailure {
  /**
   * Path from the tested value to the place of the failure, one key or array index per segment.
   * An empty path is the tested value itself.
   */
  readonly path: string[];

  /** What was wrong, e.g. `expected "x", got "y"`. */
  readonly message: string;
}

/**
 * How a failure reads: `at <path>: <message>`, `missing key <path>`, `unexpected key <path> ...`
 * or `<path> should be absent, ...`.
 */
type FailureKind = 'mismatch' | 'missing' | 'unexpected' | 'absent';

interface RecordedFailure {
  readonly kind: FailureKind;
  readonly path: string[];
  readonly message: string;
}

interface RecordedCapture {
  readonly capture: CaptureSink;
  readonly value: any;
}

/** What a `Capture` offers a result: a place to commit the values it saw once the whole match succeeded. */
interface CaptureSink {
  _captureValue(value: any): void;
}

/**
 * The outcome of testing one value against a matcher: every place it differs and how many leaf values
 * matched (the score that picks the closest candidate when nothing matches).
 */
export class MatchResult {
  /** The value that was tested. */
  public readonly target: any;
  private readonly failures: RecordedFailure[] = [];
  private readonly captures: RecordedCapture[] = [];
  private matches = 0;

  constructor(target: any) {
    this.target = target;
  }

  /** Number of places the target differs from the pattern. */
  public get failCount(): number {
    return this.failures.length;
  }

  /** Number of leaf values (strings, numbers, booleans, present or absent keys) that matched. */
  public get matchCount(): number {
    return this.matches;
  }

  /** Whether the target matched: no failure was recorded. */
  public get isSuccess(): boolean {
    return this.failures.length === 0;
  }

  /** Whether a failure was recorded. */
  public hasFailed(): boolean {
    return this.failures.length > 0;
  }

  /**
   * Records a difference; it reads `at <path>: <message>`.
   */
  public recordFailure(failure: MatchFailure): void {
    this.failures.push({ kind: 'mismatch', path: [...failure.path], message: failure.message });
  }

  /** Records a leaf value that matched, which makes this target a closer candidate. */
  public recordMatch(): void {
    this.matches += 1;
  }

  /**
   * Adds the failures, matches and captures of a nested result, found under `id`
   * (an object key or an array index) of this target.
   */
  public compose(id: string, inner: MatchResult): void {
    for (const failure of inner.failures) this.failures.push({ ...failure, path: [id, ...failure.path] });
    this.captures.push(...inner.captures);
    this.matches += inner.matches;
  }

  /**
   * Commits the captured values to their `Capture`s when the match succeeded; a failed match captures nothing.
   */
  public finished(): void {
    if (this.hasFailed()) return;
    for (const { capture, value } of this.captures) capture._captureValue(value);
  }

  /** One line per failure, e.g. `at /spec/replicas: expected 3, got 2` or `missing key /spec/replicas`. */
  public toHumanStrings(): string[] {
    return this.failures.map(failure => {
      const pointer = jsonPointer(failure.path);
      switch (failure.kind) {
        case 'missing': return `missing key ${pointer}`;
        case 'unexpected': return `unexpected key ${pointer} ${failure.message}`;
        case 'absent': return `${pointer} should be absent, ${failure.message}`;
        default: return `at ${pointer}: ${failure.message}`;
      }
    });
  }

  /** @internal a required value is missing here; reads `missing key <path>` */
  public _recordMissing(): void {
    this.failures.push({ kind: 'missing', path: [], message: 'missing key' });
  }

  /** @internal a value is present that should not be; reads `<path> should be absent, but is <value>` */
  public _recordPresent(actual: any): void {
    this.failures.push({ kind: 'absent', path: [], message: `but is ${describe(actual)}` });
  }

  /** @internal a key the pattern does not allow; reads `unexpected key <path>/<key> with value <value>` */
  public _recordUnexpectedKey(key: string, actual: any): void {
    this.failures.push({ kind: 'unexpected', path: [key], message: `with value ${describe(actual)}` });
  }

  /** @internal a value a `Capture` saw; committed by `finished()` if the whole match succeeds */
  public _recordCapture(capture: CaptureSink, value: any): void {
    this.captures.push({ capture, value });
  }
}

const MATCHER_SYMBOL = Symbol.for('cdk8s-eks-autoscaling.assertions.Matcher');

/**
 * Tests a value against a pattern. Obtain the built-in ones from `Match`, or extend this class for a
 * custom check: `test` returns a `MatchResult` with a failure for every difference.
 */
export abstract class Matcher {
  /** Whether `x` is a matcher (works across copies of this library). */
  public static isMatcher(x: any): x is Matcher {
    return x !== null && typeof x === 'object' && MATCHER_SYMBOL in x;
  }

  /** A name for the matcher, used in messages. */
  public abstract readonly name: string;

  constructor() {
    Object.defineProperty(this, MATCHER_SYMBOL, { value: true });
  }

  /** Tests `actual` (undefined when the key is missing) and returns every difference. */
  public abstract test(actual: any): MatchResult;
}

/** A JSON pointer (RFC 6901) for a path: `/spec/template/spec/containers/0/image`; `~` and `/` in keys escaped. */
export function jsonPointer(path: string[]): string {
  if (path.length === 0) return '(root)';
  return path.map(segment => '/' + segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

const MAX_DESCRIBED = 80;

/** A value as it reads in a message: compact JSON, shortened when long. */
export function describe(value: any): string {
  if (value === undefined) return 'nothing';
  if (Matcher.isMatcher(value)) return `<${value.name}>`;
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v) => Matcher.isMatcher(v) ? `<${v.name}>` : v) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_DESCRIBED ? `${text.slice(0, MAX_DESCRIBED - 3)}...` : text;
}
