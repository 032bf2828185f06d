/**
 * One measurement in its own process: builds N autoscaled services with one variant over a number of
 * charts, synthesizes them to a scratch directory with cdk8s's App.synth(), and prints a JSON line:
 *
 * - constructMs: building the constructs; synthMs: app.synth() (validation, resolution, YAML files);
 *   totalMs: the two together, what the bench compares.
 * - validationMs, warmValidationMs, repeatValidationMs: node.validate() passes over every construct of the app
 *   (the library's checks, its final validation pass, cdk8s-plus's), timed apart between construction and synth
 *   and left out of totalMs: a first, a warm one in a new job, and a repeat in that job. app.synth() runs one
 *   pass, and one more before each chart, in one job; the library's checks render the app once per job.
 * - loadedRssMb: resident memory once the modules are loaded (node, ts-node, cdk8s, cdk8s-plus, the library);
 *   peakRssMb: the process's peak resident memory (process.resourceUsage().maxRSS) at the end.
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

  // Validation passes timed apart, each in its own job as a synth would run them: a first (cold) pass; a second,
  // warm one; and a third in the second's job, as synth's later passes are (1 + charts passes per synth).
  // synth runs its own passes as it would without these.
  const validationPass = () => {
    const passStart = performance.now();
    for (const construct of app.node.findAll() as IConstruct[]) construct.node.validate();
    return performance.now() - passStart;
  };
  await nextJob();
  const validationMs = validationPass();
  await nextJob();
  const warmValidationMs = validationPass();
  const repeatValidationMs = validationPass();
  await nextJob();

  const synthStart = performance.now();
  app.synth();
  const end = performance.now();

  console.log(JSON.stringify({
    variant: variantName,
    count,
    charts: app.node.children.filter(child => child instanceof Chart).length,
    constructMs: built - start,
    synthMs: end - synthStart,
    totalMs: (built - start) + (end - synthStart),
    validationMs,
    warmValidationMs,
    repeatValidationMs,
    loadedRssMb,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    documents: fs.readdirSync(outdir).reduce((n, f) => n + fs.readFileSync(path.join(outdir, f), 'utf8').split('\n---\n').length, 0),
  }));
}

main().finally(() => fs.rmSync(outdir, { recursive: true, force: true })).catch(e => {
  console.error(e);
  process.exit(1);
});
