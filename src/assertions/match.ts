import { describe, jsonPointer, Matcher, MatchResult } from './matcher';

/**
 * The built-in matchers, for the `props` of `Manifests.hasResource` and friends or nested anywhere in them.
 *
 * A plain value in a pattern matches like this: objects object-like (the keys listed must match, other
 * keys are allowed, deep), arrays exactly (same length and order, their objects again object-like),
 * strings, numbers, booleans and `null` by equality. Inside `Match.exact` and `Match.objectEquals`
 * objects must have exactly the keys listed.
 */
export abstract class Match {
  /**
   * An object with at least the given keys, each matching its pattern; other keys are allowed.
   * Nested plain objects are object-like too.
   */
  public static objectLike(pattern: { [key: string]: any }): Matcher {
    return new ObjectMatch('objectLike', pattern, true, []);
  }

  /** An object with exactly the given keys, each matching its pattern exactly (deep). */
  public static objectEquals(pattern: { [key: string]: any }): Matcher {
    return new ObjectMatch('objectEquals', pattern, false, []);
  }

  /**
   * An array containing items that match the given patterns, in this order, with any other items
   * before, between or after them. Plain objects in the pattern match object-like.
   */
  public static arrayWith(pattern: any[]): Matcher {
    return new ArrayWithMatch(pattern);
  }

  /**
   * A value equal to the pattern, deep: objects must have exactly the keys listed, arrays the same items
   * in the same order. Matchers nested in the pattern still apply.
   */
  public static exact(pattern: any): Matcher {
    return toMatcher(pattern, false, []);
  }

  /** The key must be missing. */
  public static absent(): Matcher {
    return new AbsentMatch();
  }

  /** The key must be present, with any value other than `null`. */
  public static anyValue(): Matcher {
    return new AnyValueMatch();
  }

  /**
   * A string matching the regular expression (JavaScript syntax, unanchored: add `^` and `$` to match
   * the whole string).
   */
  public static stringLikeRegexp(pattern: string): Matcher {
    return new StringLikeRegexpMatch(pattern);
  }

  /**
   * Anything that does not match the pattern, including a missing key. Plain objects in the pattern
   * match object-like.
   */
  public static not(pattern: any): Matcher {
    return new NotMatch(pattern);
  }

  private constructor() {}
}

/**
 * A matcher for a pattern: matchers as they are, plain objects object-like (`partial`) or exactly,
 * arrays item by item, anything else by equality. Throws for `undefined` in a pattern, which
 * would otherwise silently mean "absent".
 */
export function toMatcher(pattern: any, partial: boolean, path: string[]): Matcher {
  if (Matcher.isMatcher(pattern)) return pattern;
  if (pattern === undefined) {
    throw new Error(`the pattern is undefined at ${jsonPointer(path)}; use Match.absent() for a key that must be missing`);
  }
  if (Array.isArray(pattern)) return new ArrayEqualsMatch(pattern, partial, path);
  if (typeof pattern === 'object' && pattern !== null) return new ObjectMatch(partial ? 'objectLike' : 'objectEquals', pattern, partial, path);
  return new LiteralMatch(pattern);
}

function isObject(value: any): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: any): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

class LiteralMatch extends Matcher {
  public readonly name = 'literal';

  constructor(private readonly pattern: string | number | boolean | null) {
    super();
  }

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual === undefined) {
      result._recordMissing();
    } else if (actual !== this.pattern) {
      result.recordFailure({ path: [], message: `expected ${describe(this.pattern)}, got ${describe(actual)}` });
    } else {
      result.recordMatch();
    }
    return result;
  }
}

class ObjectMatch extends Matcher {
  private readonly matchers: Array<[string, Matcher]>;

  constructor(public readonly name: string, pattern: { [key: string]: any }, private readonly partial: boolean, path: string[]) {
    super();
    if (!isObject(pattern)) throw new Error(`Match.${name} needs an object, got ${describe(pattern)}`);
    this.matchers = Object.entries(pattern).map(([key, value]) => [key, toMatcher(value, partial, [...path, key])]);
  }

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual === undefined) {
      result._recordMissing();
      return result;
    }
    if (!isObject(actual)) {
      result.recordFailure({ path: [], message: `expected an object, got ${typeOf(actual)} ${describe(actual)}` });
      return result;
    }
    for (const [key, matcher] of this.matchers) {
      result.compose(key, matcher.test(Object.prototype.hasOwnProperty.call(actual, key) ? actual[key] : undefined));
    }
    if (!this.partial) {
      const expected = new Set(this.matchers.map(([key]) => key));
      for (const [key, value] of Object.entries(actual)) {
        if (!expected.has(key)) result._recordUnexpectedKey(key, value);
      }
    }
    return result;
  }
}

/** An array with exactly these items, in this order. */
class ArrayEqualsMatch extends Matcher {
  public readonly name = 'arrayEquals';
  private readonly matchers: Matcher[];

  constructor(pattern: any[], partial: boolean, path: string[]) {
    super();
    this.matchers = pattern.map((item, index) => toArrayItemMatcher(item, partial, [...path, String(index)]));
  }

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (!isArrayOrRecorded(actual, result)) return result;
    if (actual.length !== this.matchers.length) {
      result.recordFailure({
        path: [],
        message: `expected ${items(this.matchers.length)}, got ${actual.length}: ${describe(actual)} (use Match.arrayWith to match some items)`,
      });
      return result;
    }
    this.matchers.forEach((matcher, index) => result.compose(String(index), matcher.test(actual[index])));
    return result;
  }
}

/** A subsequence: each pattern item matches an item after the one the previous pattern item matched. */
class ArrayWithMatch extends Matcher {
  public readonly name = 'arrayWith';
  private readonly matchers: Matcher[];

  constructor(private readonly pattern: any[]) {
    super();
    if (!Array.isArray(pattern)) throw new Error(`Match.arrayWith needs an array, got ${describe(pattern)}`);
    this.matchers = pattern.map((item, index) => toArrayItemMatcher(item, true, [String(index)]));
  }

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (!isArrayOrRecorded(actual, result)) return result;
    let start = 0;
    this.matchers.forEach((matcher, patternIndex) => {
      let closest: { index: number; result: MatchResult } | undefined;
      for (let index = start; index < actual.length; index++) {
        const candidate = matcher.test(actual[index]);
        if (candidate.isSuccess) {
          result.compose(String(index), candidate);
          start = index + 1;
          return;
        }
        if (!closest || isCloser(candidate, closest.result)) closest = { index, result: candidate };
      }
      const where = start === 0 ? 'no item' : `no item after index ${start - 1}`;
      const wanted = describe(this.pattern[patternIndex]);
      if (!closest) {
        const why = start === 0 ? 'the array is empty' : 'Match.arrayWith matches items in order';
        result.recordFailure({ path: [], message: `${where} matches ${wanted} (${why})` });
        return;
      }
      result.recordFailure({ path: [], message: `${where} matches ${wanted}; closest is item ${closest.index}:` });
      result.compose(String(closest.index), closest.result);
    });
    return result;
  }
}

function items(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}

function toArrayItemMatcher(item: any, partial: boolean, path: string[]): Matcher {
  if (item instanceof AbsentMatch) throw new Error(`Match.absent() cannot be an array item (at ${jsonPointer(path)})`);
  return toMatcher(item, partial, path);
}

/** Whether `a` is a closer miss than `b`: more matching leaves, then fewer differences. */
export function isCloser(a: MatchResult, b: MatchResult): boolean {
  if (a.matchCount !== b.matchCount) return a.matchCount > b.matchCount;
  return a.failCount < b.failCount;
}

class AbsentMatch extends Matcher {
  public readonly name = 'absent';

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual === undefined) result.recordMatch();
    else result._recordPresent(actual);
    return result;
  }
}

class AnyValueMatch extends Matcher {
  public readonly name = 'anyValue';

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual === undefined) result._recordMissing();
    else if (actual === null) result.recordFailure({ path: [], message: 'expected any value, got null' });
    else result.recordMatch();
    return result;
  }
}

class StringLikeRegexpMatch extends Matcher {
  public readonly name = 'stringLikeRegexp';
  private readonly regexp: RegExp;

  constructor(pattern: string) {
    super();
    this.regexp = new RegExp(pattern);
  }

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual === undefined) {
      result._recordMissing();
    } else if (typeof actual !== 'string' || !this.regexp.test(actual)) {
      result.recordFailure({ path: [], message: `expected a string matching ${this.regexp}, got ${describe(actual)}` });
    } else {
      result.recordMatch();
    }
    return result;
  }
}

class NotMatch extends Matcher {
  public readonly name = 'not';
  private readonly inner: Matcher;

  constructor(private readonly pattern: any) {
    super();
    this.inner = toMatcher(pattern, true, []);
  }

  public test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (this.inner.test(actual).isSuccess) {
      result.recordFailure({ path: [], message: `expected anything but ${describe(this.pattern)}, got ${describe(actual)}` });
    } else {
      result.recordMatch();
    }
    return result;
  }
}

/** Whether `actual` is an array; otherwise records why not (missing, or another type) on `result`. */
function isArrayOrRecorded(actual: any, result: MatchResult): actual is any[] {
  if (actual === undefined) {
    result._recordMissing();
    return false;
  }
  if (!Array.isArray(actual)) {
    result.recordFailure({ path: [], message: `expected an array, got ${typeOf(actual)} ${describe(actual)}` });
    return false;
  }
  return true;
}
