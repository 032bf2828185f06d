/**
 * One measurement in its own process: builds N autoscaled services with one variant over a number of
 * charts, synthesizes them to a scratch directory with cdk8s's App.synth() right away, as `cdk8s synth` does, and
 * prints a JSON line:
 *
 * - constructMs: building the constructs; synthMs: app.synth() (validation, resolution, YAML files), with every
 *   first-use cost (loading the validator's modules, compiling schemas, warming up) where a user's synth pays it;
 *   totalMs: the two together, what the bench compares.
 * - loadedRssMb: resident memory once the modules are loaded (node, cdk8s, cdk8s-plus, the library);
 *   peakRssMb: the process's peak resident memory (process.resourceUsage().maxRSS) once synth returns.
 * - warmValidationMs, repeatValidationMs: node.validate() passes over every construct of the app (the library's
 *   checks, its final validation pass, cdk8s-plus's), timed after synth and outside the figures above: one in a
 *   new job, then a repeat in that job. app.synth() runs one pass, and one more before each chart, in one job; the
 *   library's checks run once per job.
 * - charts: the charts the variant created (at most the layout's); documents: the YAML documents written.
 *
 *   node -r ts-node/register/transpile-only bench/measure.ts <library|baseline|all-raw> <N> <charts>
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Chart, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { VARIANTS } from './variants';

const loadedRssMb = process.memoryUsage().rss / (1024 * 1024);
const [variantName, countArg, chartsArg] = process.argv.slice(2);
const variant = VARIANTS[variantName];
const count = Number(countArg);
const charts = Number(chartsArg);
if (!variant || !Number.isInteger(count) || count <= 0 || !Number.isInteger(charts) || charts <= 0) {
  console.error(`usage: measure.ts <${Object.keys(VARIANTS).join('|')}> <N> <charts>`);
  process.exit(2);
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
/** Ends the current synchronous job: the library keeps renders for its checks only within one job. */
const nextJob = () => new Promise(resolve => setImmediate(resolve));

async function main(): Promise<void> {
  const start = performance.now();
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  variant.build(app, count, charts);
  const built = performance.now();
  app.synth();
  const end = performance.now();
  // maxRSS is in kilobytes; read before the passes below, which a synth does not run.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  // Validation passes timed apart, as synth runs them: a first in a new job, then a repeat in that job
  // (1 + charts passes per synth).
  const validationPass = () => {
    const passStart = performance.now();
    for (const construct of app.node.findAll() as IConstruct[]) construct.node.validate();
    return performance.now() - passStart;
  };
  await nextJob();
  const warmValidationMs = validationPass();
  const repeatValidationMs = validationPass();

  console.log(JSON.stringify({
    variant: variantName,
    count,
    charts: app.node.children.filter(child => child instanceof Chart).length,
    constructMs: built - start,
    synthMs: end - built,
    totalMs: end - start,
    warmValidationMs,
    repeatValidationMs,
    loadedRssMb,
    peakRssMb,
    documents: fs.readdirSync(outdir).reduce((n, f) => n + fs.readFileSync(path.join(outdir, f), 'utf8').split('\n---\n').length, 0),
  }));
}

main().finally(() => fs.rmSync(outdir, { recursive: true, force: true })).catch(e => {
  console.error(e);
  process.exit(1);
});
