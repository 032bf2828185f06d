/**
 * Regular expressions as the API server runs them: Go's RE2 syntax (`(?i)` flags, no lookaround), with
 * @bufbuild/re2, the engine @bufbuild/cel's `matches()` uses, so schema patterns and CEL rules share one engine.
 * Loaded on first use.
 */
import type { RE2JS } from '@bufbuild/re2';

let re2: typeof RE2JS | undefined;

/**
 * Compiled patterns, or the parser's message for one that is not RE2. Patterns come from CRD schemas and rules
 * and from construct props (cleared past 4,096), and compiling one costs far more than matching it (CEL's own
 * `matches()` compiles at every call).
 */
const compiled = new Map<string, RE2JS | string>();
const MAX_COMPILED = 4096;

function compiledOrProblem(pattern: string): RE2JS | string {
  let entry = compiled.get(pattern);
  if (entry === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    re2 ??= (require('@bufbuild/re2') as typeof import('@bufbuild/re2')).RE2JS;
    try {
      entry = re2.compile(pattern);
    } catch (e) {
      entry = String((e as Error)?.message ?? e);
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, entry);
  }
  return entry;
}

function compile(pattern: string): RE2JS {
  const entry = compiledOrProblem(pattern);
  if (typeof entry === 'string') throw new Error(`not a valid RE2 pattern: ${JSON.stringify(pattern)}: ${entry}`);
  return entry;
}

/**
 * Why a regular expression that Prometheus, istiod or Envoy compiles is not RE2 syntax (GEN-13), as "must be ..."
 * with the parser's message; undefined when it is. JavaScript accepts much RE2 refuses (`\Z`, `\k<name>`,
 * lookaround, `x{1001}`).
 */
export function re2SyntaxProblem(regex: string): string | undefined {
  const entry = compiledOrProblem(regex);
  return typeof entry === 'string'
    ? `must be an RE2 regular expression (no lookahead/lookbehind or backreferences); ${entry}`
    : undefined;
}

/** Throws unless `pattern` is valid RE2, which is what the API server accepts in a CRD or rule. */
export function assertRe2(pattern: string): void {
  compile(pattern);
}

/** Whether `text` matches the RE2 `pattern` (unanchored, like Go's `regexp.MatchString`). */
export function re2Test(pattern: string, text: string): boolean {
  return compile(pattern).test(text);
}

/** The engine CEL's `matches()` runs on (`celEnv({ re2 })`): the same compiled patterns. */
export const re2Engine = { compile };

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
