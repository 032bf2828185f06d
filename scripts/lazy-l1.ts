import * as fs from 'fs';
import * as path from 'path';

/**
 * Post-compile step: the generated L1 namespaces (`l1NodePools`, …) are loaded when first read, not when the
 * package is required. tsc compiles `export * as ns from '…'` to an eager `require`; this rewrites each of
 * those assignments in lib/src/l1.js into a getter that requires the module on first access (Node caches it).
 * The declarations and the jsii assembly are unchanged; `__exportStar` in index.js copies the getters as
 * getters, so `require('cdk8s-eks-autoscaling').l1NodePools` stays lazy too.
 */
const file = path.join(__dirname, '..', 'lib', 'src', 'l1.js');
const source = fs.readFileSync(file, 'utf8');
const eager = /^exports\.(l1\w+) = __importStar\(require\("([^"]+)"\)\);$/gm;
let count = 0;
const lazy = source.replace(eager, (_line, name: string, module: string) => {
  count++;
  return `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: () => __importStar(require("${module}")) });`;
});
// the `exports.a = exports.b = void 0;` preamble would shadow nothing once the getters exist, but drop the names
const withoutPreamble = lazy.replace(/^exports\.l1\w+ = (exports\.l1\w+ = )*void 0;$/m, '');
if (count === 0 && !source.includes('get: () => __importStar(require(')) {
  throw new Error(`lazy-l1: found no eager L1 export in ${file}; did tsc change how it compiles export * as?`);
}
fs.writeFileSync(file, withoutPreamble);
console.log(`lazy-l1: ${count} L1 namespaces load on first use`);
