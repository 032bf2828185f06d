import { toMatcher } from './match';
import { describe, Matcher, MatchResult } from './matcher';

/**
 * A matcher that records the values it matches, to assert on them afterwards.
 *
 * Values are captured only from documents that matched as a whole, in document order; read the
 * first with `asString()` (or `asNumber()`, ...) and move to the next with `next()`.
 *
 * @example
 * const image = new Capture();
 * manifests.hasResource('Deployment', { spec: { template: { spec: { containers: [{ image }] } } } });
 * expect(image.asString()).toMatch(/^public\.ecr\.aws\//);
 */
export class Capture extends Matcher {
  public readonly name = 'Capture';
  private readonly matcher: Matcher | undefined;
  private readonly values: any[] = [];
  private index = 0;

  /**
   * @param pattern what a value must match to be captured; plain objects match object-like.
   * @default - any value that is present
   */
  constructor(pattern?: any) {
    super();
    this.matcher = pattern === undefined ? undefined : toMatcher(pattern, true, []);
  }

  public test(actual: any): MatchResult {
    let result: MatchResult;
    if (this.matcher) {
      result = this.matcher.test(actual);
    } else {
      result = new MatchResult(actual);
      if (actual === undefined) result._recordMissing();
      else result.recordMatch();
    }
    if (result.isSuccess) result._recordCapture(this, actual);
    return result;
  }

  /**
   * Moves to the next captured value.
   *
   * @returns whether there is one
   */
  public next(): boolean {
    if (this.index + 1 >= this.values.length) return false;
    this.index += 1;
    return true;
  }

  /** The current captured value, which must be a string. */
  public asString(): string {
    return this.current('string', v => typeof v === 'string');
  }

  /** The current captured value, which must be a number. */
  public asNumber(): number {
    return this.current('number', v => typeof v === 'number');
  }

  /** The current captured value, which must be a boolean. */
  public asBoolean(): boolean {
    return this.current('boolean', v => typeof v === 'boolean');
  }

  /** The current captured value, which must be an object (not an array). */
  public asObject(): { [key: string]: any } {
    return this.current('object', v => typeof v === 'object' && v !== null && !Array.isArray(v));
  }

  /** The current captured value, which must be an array. */
  public asArray(): any[] {
    return this.current('array', v => Array.isArray(v));
  }

  /** @internal called by `MatchResult.finished()` of a successful match */
  public _captureValue(value: any): void {
    this.values.push(value);
  }

  private current(type: string, isType: (value: any) => boolean): any {
    if (this.values.length === 0) throw new Error('Capture: no value was captured (no document matched)');
    const value = this.values[this.index];
    if (!isType(value)) throw new Error(`Capture: expected the captured value to be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}, got ${describe(value)}`);
    return value;
  }
}
