/**
 * One measurement in its own process: builds N autoscaled services with one variant,
 * synthesizes them to a scratch directory, and prints a JSON line with the timings.
 *
 *   ts-node --transpile-only bench/measure.ts <library|raw|all-raw> <N>
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { VARIANTS } from './variants';

const [variantName, countArg] = process.argv.slice(2);
const variant = VARIANTS[variantName];
const count = Number(countArg);
if (!variant || !Number.isInteger(count) || count <= 0) {
  console.error(`usage: measure.ts <${Object.keys(VARIANTS).join('|')}> <N>`);
  process.exit(2);
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
try {
  const start = performance.now();
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  variant.build(app, count);
  const built = performance.now();

  // The library's own validations, timed in a separate pass; synth runs them once more.
  let validationMs = 0;
  const validationStart = performance.now();
  for (const construct of app.node.findAll() as IConstruct[]) construct.node.validate();
  validationMs = performance.now() - validationStart;

  const synthStart = performance.now();
  app.synth();
  const end = performance.now();

  console.log(JSON.stringify({
    variant: variantName,
    count,
    constructMs: built - start,
    synthMs: end - synthStart,
    totalMs: end - start - validationMs,
    validationMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    documents: fs.readdirSync(outdir).reduce((n, f) => n + fs.readFileSync(path.join(outdir, f), 'utf8').split('\n---\n').length, 0),
  }));
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
