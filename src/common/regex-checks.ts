import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { GENERAL_RULES } from '../core/rules';
import { re2SyntaxProblem } from '../validation/re2';

// Kept out of the public files: the check every construct makes of a regular expression it passes to a Go or C++
// component (Prometheus relabeling, istiod, Envoy).

/** Checks a regular expression that Prometheus, istiod or Envoy compiles with RE2 (GEN-13). */
export function checkRe2(scope: IConstruct, field: string, regex: string | undefined): void {
  if (regex === undefined) return;
  const problem = re2SyntaxProblem(regex);
  if (problem) throw invalidInput(scope, GENERAL_RULES['GEN-13'], field, regex, problem);
}
