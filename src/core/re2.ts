import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { GENERAL_RULES } from './rules';

/**
 * Checks a regular expression that a Go component (Prometheus relabeling, Istio, Envoy) compiles
 * with RE2. JavaScript accepts a superset of RE2, so constructs RE2 rejects (lookaround, backreferences)
 * are refused first; RE2-only syntax (`(?P<name>`, leading inline flags) is translated before
 * JavaScript compiles the rest.
 */
export function checkRe2(scope: IConstruct, field: string, regex: string | undefined): void {
  if (regex === undefined) return;
  const allowed = 'must be an RE2 regular expression (no lookahead/lookbehind or backreferences)';
  if (/\(\?<?[=!]/.test(regex) || /(^|[^\\])\\[1-9]/.test(regex)) {
    throw invalidInput(scope, GENERAL_RULES['GEN-13'], field, regex, allowed);
  }
  const translated = regex
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU]+\)/g, '')
    .replace(/\(\?[imsU]+:/g, '(?:');
  try {
    new RegExp(translated);
  } catch (e) {
    throw invalidInput(scope, GENERAL_RULES['GEN-13'], field, regex, `${allowed}; ${(e as Error).message}`);
  }
}
