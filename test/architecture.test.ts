import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Dependencies flow one way: generated imports/ → src/core (internal helpers) → src/validation (the manifest
 * validator) → src/common (public shared building blocks) → one folder per operator → src/patterns →
 * src/index.ts (and src/l1.ts); examples use the package entry point only. No import cycles.
 */
const ROOT = path.join(__dirname, '..');
const OPERATORS = ['karpenter', 'keda', 'prometheus', 'istio', 'k6', 'alb', 'aws', 'grafana', 'hardening', 'gitops'];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' ? [] : tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports and re-exports of a file, resolved to files. */
function localImports(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\s+'(\.[^']+)'/g)].map(m => m[1] ?? m[2]);
  return specifiers.flatMap(spec => {
    const target = path.resolve(path.dirname(file), spec);
    return [`${target}.ts`, path.join(target, 'index.ts')].filter(candidate => fs.existsSync(candidate)).slice(0, 1);
  });
}

/** The layer a file belongs to: `imports`, `core`, an operator folder, `patterns`, `entry` or `examples`. */
function layerOf(file: string): string {
  const [top, second] = path.relative(ROOT, file).split(path.sep);
  if (top !== 'src') return top;
  return second.endsWith('.ts') ? 'entry' : second;
}

const ALLOWED: Record<string, (target: string) => boolean> = {
  imports: t => t === 'imports',
  core: t => t === 'core' || t === 'imports',
  validation: t => ['validation', 'core', 'imports'].includes(t),
  common: t => ['common', 'validation', 'core', 'imports'].includes(t),
  patterns: t => ['patterns', 'common', 'core', 'imports', ...OPERATORS].includes(t),
  assertions: t => ['assertions', 'core'].includes(t),
  entry: t => t !== 'examples',
  examples: t => t === 'examples' || t === 'entry',
};
const allowedFrom = (layer: string) => ALLOWED[layer] ?? ((t: string) => [layer, 'common', 'validation', 'core', 'imports'].includes(t));

const sources = [...tsFiles(path.join(ROOT, 'src')), ...tsFiles(path.join(ROOT, 'imports')), ...tsFiles(path.join(ROOT, 'examples'))];
const graph = new Map(sources.map(f => [f, localImports(f)]));

describe('architecture', () => {
  test('every src folder is a known layer', () => {
    const folders = fs.readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name);
    expect(folders.filter(f => !['core', 'validation', 'common', 'patterns', 'assertions', ...OPERATORS].includes(f))).toEqual([]);
  });

  test('dependencies only point down the layers', () => {
    const violations = [...graph].flatMap(([file, targets]) => targets
      .filter(target => !allowedFrom(layerOf(file))(layerOf(target)))
      .map(target => `${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`));
    expect(violations).toEqual([]);
  });

  test('there are no import cycles', () => {
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map(f => path.relative(ROOT, f)));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  test('the checks see the import graph', () => {
    // guards against a regex that silently matches nothing
    expect(graph.get(path.join(ROOT, 'src', 'index.ts'))).toContain(path.join(ROOT, 'src', 'keda', 'index.ts'));
    expect(graph.get(path.join(ROOT, 'src', 'keda', 'scaled-object.ts'))).toContain(path.join(ROOT, 'src', 'core', 'errors.ts'));
  });
});

describe('self-containment', () => {
  test('no tracked file reads the seed folder that sits beside the repository', () => {
    // Inputs from upstream are vendored under vendor/ with their provenance; a clone alone must build and test.
    const grep = spawnSync('git', ['grep', '-n', '-E', '-e', '\\.\\./shared', '-e', "'shared', '(crds|data|reference|seeds|upstream-examples)'", '--', '.', ':!API.md', ':!docs/api', ':!test/architecture.test.ts'],
      { cwd: ROOT, encoding: 'utf8' });
    expect(grep.status).toBe(1); // git grep: 1 = no match, 0 = matches, anything else = it did not run
    expect(grep.stdout).toEqual('');
  });
});

describe('public API of dependencies only', () => {
  // Members cdk8s and cdk8s-plus mark @internal (jsii leaves `_`-prefixed members out of their public API) may change
  // in any release: the library reads what it needs through their public API, rendering included.
  const internalMembers = (pkg: string): string[] => {
    const files = tsFiles(path.join(ROOT, 'node_modules', pkg, 'lib')).filter(f => f.endsWith('.d.ts'));
    const names = files.flatMap(f => [...fs.readFileSync(f, 'utf8').matchAll(/@internal\s*\*\/\s*(?:(?:static|readonly|get|protected)\s+)*(_\w+)/g)].map(m => m[1]));
    return [...new Set(names)].sort();
  };
  const dependencyInternals = ['cdk8s', 'cdk8s-plus-31'].flatMap(internalMembers);
  const library = tsFiles(path.join(ROOT, 'src')).map(f => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));

  test('finds the internal members cdk8s and cdk8s-plus declare', () => {
    expect(dependencyInternals).toEqual(expect.arrayContaining(['_synthChart', '_toKube', '_toPodSpec']));
  });

  test('no source file calls or reads an internal member of cdk8s or cdk8s-plus', () => {
    const uses = library.flatMap(({ file, text }) => dependencyInternals
      .filter(name => new RegExp(`\\.${name}\\b|\\[['"]${name}['"]\\]`).test(text))
      .map(name => `${file}: ${name}`));
    expect(uses).toEqual([]);
  });

  test('no source file imports from inside cdk8s, cdk8s-plus or constructs', () => {
    const deep = library.filter(({ text }) => /(?:from\s+|require\()\s*'(?:cdk8s|cdk8s-plus-31|constructs)\/[^']*'/.test(text)).map(({ file }) => file);
    expect(deep).toEqual([]);
  });
});
