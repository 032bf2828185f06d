// The variables a scalingModifiers formula (expr-lang) reads: identifiers that are neither
// keywords, function calls nor member accesses. KEDA compiles the formula against the
// ScaledObject's named non-cpu/memory triggers, so every variable must be one of them.

const KEYWORDS = new Set([
  'true', 'false', 'nil', 'and', 'or', 'not', 'in', 'matches', 'contains', 'startsWith', 'endsWith',
  'let', 'if', 'else', 'then', 'len', 'abs', 'ceil', 'floor', 'round', 'min', 'max', 'float', 'int',
]);

/** Variable names used by an expr-lang formula, in order of first use. */
export function formulaVariables(formula: string): string[] {
  const withoutStrings = formula.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'|`[^`]*`/g, ' ');
  const found: string[] = [];
  const identifier = /(?<![.\w$])([A-Za-z_$][\w$]*)(?![\w$])(?!\s*\()/g;
  let m: RegExpExecArray | null;
  while ((m = identifier.exec(withoutStrings)) !== null) {
    const name = m[1];
    if (!KEYWORDS.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}
