import * as fs from 'fs';
import * as path from 'path';

/**
 * Post-compile step: `require('cdk8s-eks-autoscaling')` loads no operator folder; each export is a getter that
 * requires its module on first read (Node caches it). tsc compiles src/index.ts's `export *` and `export { X }`
 * to eager requires of every folder, which costs require time in every app, whichever constructs it uses.
 *
 * The names each module exports are read here, by loading the compiled modules, in the order tsc's
 * `__exportStar` would bind them (the first module to export a name wins). The rewritten lib/src/index.js assigns
 * every name to `void 0` first, as tsc itself does, so Node's ES module loader (cjs-module-lexer) still sees them.
 * The declarations and the jsii assembly are unchanged.
 */
const LIB_SRC = path.join(__dirname, '..', 'lib', 'src');
const file = path.join(LIB_SRC, 'index.js');
const MARKER = '// lazy-index: every export loads its module on first read';
const source = fs.readFileSync(file, 'utf8');
if (source.includes(MARKER)) {
  console.log('lazy-index: lib/src/index.js is already lazy');
  process.exit(0);
}

interface Binding {
  readonly name: string;
  readonly module: string;
  readonly member: string;
}

const STAR = /^__exportStar\(require\("([^"]+)"\), exports\);$/;
const VAR = /^var (\w+) = require\("([^"]+)"\);$/;
const NAMED = /^Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);$/;
const IGNORED = [/^"use strict";$/, /^var __\w+ = /, /^Object\.defineProperty\(exports, "__esModule"/, /^exports\.\w+ = (exports\.\w+ = )*void 0;$/, /^\/\//, /^\s*$/];

const bindings: Binding[] = [];
const taken = new Set<string>();
const varModules = new Map<string, string>();
const bind = (name: string, module: string, member: string) => {
  if (name === 'default' || taken.has(name)) return;
  taken.add(name);
  bindings.push({ name, module, member });
};

// tsc's helpers span several lines; only the top-level statements after them matter.
const statements = source.slice(source.indexOf('Object.defineProperty(exports, "__esModule"')).split('\n');
for (const line of statements) {
  let match: RegExpMatchArray | null;
  if ((match = line.match(STAR))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const name of Object.keys(require(path.join(LIB_SRC, match[1])))) bind(name, match[1], name);
  } else if ((match = line.match(VAR))) {
    varModules.set(match[1], match[2]);
  } else if ((match = line.match(NAMED))) {
    const module = varModules.get(match[2]);
    if (!module) throw new Error(`lazy-index: ${match[1]} is read from ${match[2]}, which no require defines`);
    bind(match[1], module, match[3]);
  } else if (!IGNORED.some(pattern => pattern.test(line)) && !/^\s/.test(line) && !/^[})]/.test(line)) {
    throw new Error(`lazy-index: unexpected statement in ${file}: ${line}; did tsc change how it compiles exports?`);
  }
}
if (bindings.length < 10) throw new Error(`lazy-index: found only ${bindings.length} exports in ${file}`);

const names = bindings.map(b => b.name);
const preamble: string[] = [];
for (let i = 0; i < names.length; i += 8) preamble.push(`${names.slice(i, i + 8).map(n => `exports.${n}`).join(' = ')} = void 0;`);
const byModule = new Map<string, Binding[]>();
for (const b of bindings) byModule.set(b.module, [...(byModule.get(b.module) ?? []), b]);

const out = [
  '"use strict";',
  MARKER + ' (scripts/lazy-index.ts)',
  'Object.defineProperty(exports, "__esModule", { value: true });',
  ...preamble,
  'function lazy(module, members) {',
  '    for (const [name, member] of members) {',
  '        Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => module()[member] });',
  '    }',
  '}',
  ...[...byModule].map(([module, list]) =>
    `lazy(() => require(${JSON.stringify(module)}), ${JSON.stringify(list.map(b => [b.name, b.member]))});`),
  '',
].join('\n');
fs.writeFileSync(file, out);
console.log(`lazy-index: ${bindings.length} exports of ${byModule.size} modules load on first read`);
