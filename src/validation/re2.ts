/**
 * Regular expressions as the API server runs them: Go's RE2 syntax (`(?i)` flags, no lookaround), through
 * @bufbuild/cel's own `matches()` so schema patterns and CEL rules share one engine. @bufbuild/cel is loaded on
 * first use.
 */
import type { CelError } from '@bufbuild/cel';

type Matcher = (bindings: { text: string; pattern: string }) => unknown;

let matcher: { run: Matcher; isCelError: (v: unknown) => v is CelError } | undefined;

function matches(): NonNullable<typeof matcher> {
  if (!matcher) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cel: typeof import('@bufbuild/cel') = require('@bufbuild/cel');
    matcher = { run: cel.plan(cel.celEnv(), cel.parse('text.matches(pattern)')) as Matcher, isCelError: cel.isCelError };
  }
  return matcher;
}

/** Throws unless `pattern` is valid RE2, which is what the API server accepts in a CRD or rule. */
export function assertRe2(pattern: string): void {
  const m = matches();
  const probe = m.run({ text: '', pattern });
  if (m.isCelError(probe)) throw new Error(`not a valid RE2 pattern: ${JSON.stringify(pattern)}: ${probe.message}`);
}

/** Whether `text` matches the RE2 `pattern` (unanchored, like Go's `regexp.MatchString`). */
export function re2Test(pattern: string, text: string): boolean {
  return matches().run({ text, pattern }) === true;
}

/**
 * An ajv `code.regExp` engine. `code` lets ajv's standalone validators (cached on disk, see crd-schemas.ts) load
 * this same module: from lib/ when installed, from src/ under ts-jest.
 */
export const re2PatternEngine = Object.assign((pattern: string) => {
  assertRe2(pattern);
  return {
    test: (text: string) => re2Test(pattern, text),
    // ajv caches compiled patterns by toString()
    toString: () => pattern,
  };
}, { code: `require(${JSON.stringify(__filename.replace(/\.(ts|js)$/, ''))}).re2PatternEngine` });
