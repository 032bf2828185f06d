/**
 * Regular expressions as the API server runs them: Go's RE2 syntax (`(?i)` flags, no lookaround),
 * through @bufbuild/cel's own `matches()` so schema patterns and CEL rules share one engine.
 */
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';

const matches = plan(celEnv(), parse('text.matches(pattern)'));

/** Throws unless `pattern` is valid RE2, which is what the API server accepts in a CRD or rule. */
export function assertRe2(pattern: string): void {
  const probe = matches({ text: '', pattern });
  if (isCelError(probe)) throw new Error(`not a valid RE2 pattern: ${JSON.stringify(pattern)}: ${probe.message}`);
}

/**
 * An ajv `code.regExp` engine. `code` lets ajv's standalone validators (cached on disk by
 * crd-schemas.ts) load this same engine; they run under jest, which resolves the `.ts` file.
 */
export const re2PatternEngine = Object.assign((pattern: string) => {
  assertRe2(pattern);
  return {
    test: (text: string) => matches({ text, pattern }) === true,
    // ajv caches compiled patterns by toString()
    toString: () => pattern,
  };
}, { code: `require(${JSON.stringify(__filename.replace(/\.ts$/, ''))}).re2PatternEngine` });
