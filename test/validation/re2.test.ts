import { assertRe2, re2Engine, re2Test } from '../../src/validation/re2';

describe('RE2 patterns of the validator', () => {
  test('match unanchored, as Go\'s regexp.MatchString does', () => {
    expect(re2Test('b+', 'abbc')).toBe(true);
    expect(re2Test('^b+$', 'abbc')).toBe(false);
  });

  test('accept RE2-only syntax such as leading inline flags', () => {
    expect(re2Test('(?i)^ABC$', 'abc')).toBe(true);
  });

  test.each([
    ['a lookahead', 'a(?=b)'],
    ['a lookbehind', '(?<=a)b'],
    ['a backreference', '(a)\\1'],
    ['an unclosed group', '([a-'],
  ])('throws for %s, which the API server refuses', (_what, pattern) => {
    expect(() => assertRe2(pattern)).toThrow(`not a valid RE2 pattern: ${JSON.stringify(pattern)}`);
    // the refusal is remembered, not forgotten after the first call
    expect(() => re2Test(pattern, 'ab')).toThrow(/not a valid RE2 pattern/);
  });

  test('gives CEL the same compiled pattern for the same text', () => {
    expect(re2Engine.compile('^x[0-9]+$')).toBe(re2Engine.compile('^x[0-9]+$'));
  });
});
