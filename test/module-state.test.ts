import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * State lives on the construct tree: no source file keeps a mutable table at module level. A top-level `let`, or
 * a top-level Map or Set not typed read-only, is a finding, except the validator's memo caches below: pure
 * functions of a schema or pattern (compiled once, the same result for every app), which the CLI and the cdk8s
 * plugin also use, where there is no construct tree to hold them.
 */
const ROOT = path.join(__dirname, '..', 'src');
const PURE_CACHES: Record<string, string> = {
  'core/prop-checks.ts': 'the prop types of the jsii assembly, compiled on first use',
  'validation/builtins.ts': 'the generated built-in schema, parsed on first use',
  'validation/crd-schemas.ts': 'compiled CRD schema validators and their defaulting plans',
  'validation/cel.ts': 'the CEL environment and compiled rules',
  'validation/re2.ts': 'the RE2 engine and compiled patterns',
  'validation/synth-validation.ts': 'the validator module, required on first use',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.generated.ts') ? [full] : [];
  });
}

const MUTABLE_COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

function moduleStateOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const findings: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isConst = statement.declarationList.getText(source).startsWith('const ');
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(source);
      const init = declaration.initializer;
      const type = declaration.type?.getText(source) ?? '';
      if (!isConst) {findings.push(`let ${name}`);} else if (init && ts.isNewExpression(init) && MUTABLE_COLLECTIONS.has(init.expression.getText(source)) && !/^Readonly/.test(type)) {
        findings.push(`const ${name} = new ${init.expression.getText(source)}(...)`);
      }
    }
  }
  return findings;
}

describe('module state', () => {
  test('no source file keeps a mutable table at module level, but the validator\'s pure caches', () => {
    const findings = sourceFiles(ROOT)
      .filter(file => !(path.relative(ROOT, file).split(path.sep).join('/') in PURE_CACHES))
      .flatMap(file => moduleStateOf(file).map(finding => `${path.relative(ROOT, file)}: ${finding}`));
    expect(findings).toEqual([]);
  });

  test('finds a top-level let and a top-level Set that is not typed read-only', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'module-state-')), 'sample.ts');
    fs.writeFileSync(file, 'let count = 0;\nconst seen = new Set<string>();\nconst known: ReadonlySet<string> = new Set([\'a\']);\nfunction f() { let local = 1; return local; }\n');
    expect(moduleStateOf(file)).toEqual(['let count', 'const seen = new Set(...)']);
  });
});
