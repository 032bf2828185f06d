/**
 * `npm run bench`: what this library's constructs cost at synth, against the same documents written
 * as plain cdk8s ApiObjects, and how that scales.
 *
 * Variants (bench/variants.ts), each writing the same documents for N autoscaled services:
 * - `library`: this package's constructs over cdk8s-plus Deployments and Services;
 * - `baseline`: the same cdk8s-plus workloads, every document the library writes as a plain ApiObject;
 * - `all-raw`: plain ApiObjects only;
 * - `library-no-final-pass`: the library with its final validation pass (SynthValidation) off.
 * Each runs in two layouts: all services in ONE chart, and spread over TEN charts (cdk8s validates
 * and resolves the whole app once in app.synth() and again before each chart, so the layout matters).
 *
 * Each measurement is a fresh process (bench/measure.ts) that builds the app and synthesizes it right away with
 * app.synth() to a scratch directory, as `cdk8s synth` does (every first-use cost inside), reports its peak RSS at that
 * point, then times validation passes apart. Before measuring, the bench transpiles bench/, src/ and imports/ once to .bench/js/ (what ts-node's
 * transpile-only mode does in every process, and would otherwise cost seconds per measurement and
 * its memory in every peak RSS). Within a run the variants measure back to back, in alternating order,
 * so drift on the machine hits them alike. Reported per N and layout:
 * - medians of wall time (construction + synth), and of peak RSS;
 * - library/baseline (the library's layer) and baseline/all-raw (cdk8s-plus), as medians of the per-run
 *   ratios; library/baseline of peak RSS, likewise; library-no-final-pass/baseline, and what the final pass adds
 *   to synth (library synth / library-no-final-pass synth - 1);
 * - the library's validation: a pass over the app after synth (in a new job) in ms, and that pass plus a repeat per
 *   chart (synth runs 1 + charts passes in one job), less the baseline's, as a share of synth time (an estimate:
 *   synth's own passes are not timed);
 * - scaling time(10000)/time(1000) per variant, where both sizes ran (linear = 10).
 * And once: the time to require the compiled package (lib/src/index.js, from `npx projen compile`) and
 * cdk8s-plus-31, each in a fresh process, median of 5.
 *
 * Goals on the 2-core reference machine, printed next to the figures, not asserted: library (final pass off)
 * /baseline <= 1.10 at N=1000 and N=5000; the final pass adds <= 10% of synth at N=5000, and so do the library's
 * other checks; peak RSS library/baseline <= 1.3; linear scaling to N=10000; require
 * time <= cdk8s-plus-31's + 50 ms. The last line is the headline: library/baseline at N=5000, one chart.
 *
 * Defaults: N=1000 and N=5000 with 3 runs, N=10000 with 1 run, both layouts, four variants: 56 measurements,
 * about 7 minutes on the idle reference machine. BENCH_SIZES (e.g. 1000,5000), BENCH_RUNS (runs for every size) and BENCH_LAYOUTS
 * (chart counts, e.g. 1 or 1,10) override them.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

interface Sample {
  readonly charts: number;
  readonly totalMs: number;
  readonly synthMs: number;
  readonly warmValidationMs: number;
  readonly repeatValidationMs: number;
  readonly loadedRssMb: number;
  readonly peakRssMb: number;
  readonly documents: number;
}

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, '.bench', 'js');
const VARIANTS = ['all-raw', 'baseline', 'library', 'library-no-final-pass'];
const NO_PASS = 'library-no-final-pass';
const GOAL_PASS_SHARE = 0.10;
const GOAL_RATIO = 1.10;
const GOAL_RSS_RATIO = 1.3;
const GOAL_REQUIRE_MS = 50;

function positiveIntegers(name: string, fallback: string): number[] {
  const values = (process.env[name] || fallback).split(',').map(v => Number(v.trim()));
  if (values.some(v => !Number.isInteger(v) || v <= 0)) {
    console.error(`${name} must be a comma-separated list of positive integers, got "${process.env[name]}"`);
    process.exit(2);
  }
  return values;
}

const sizes = positiveIntegers('BENCH_SIZES', '1000,5000,10000');
const layouts = positiveIntegers('BENCH_LAYOUTS', '1,10');
const runsOverride = process.env.BENCH_RUNS ? positiveIntegers('BENCH_RUNS', '')[0] : undefined;
/** 3 runs per size by default; N=10000 and above once, for the scaling figure. */
const runsFor = (count: number) => runsOverride ?? (count >= 10000 ? 1 : 3);
const layoutName = (charts: number) => (charts === 1 ? 'one chart' : charts === 10 ? 'ten charts' : `${charts} charts`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Transpiles bench/, src/ and imports/ to .bench/js/ with the dev tsconfig's options, as ts-node's transpile-only mode would. */
function transpile(): string {
  // typescript is a dev dependency; loaded here only, so the measured processes never load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof import('typescript') = require('typescript');
  const configFile = path.join(ROOT, 'tsconfig.dev.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configFile);
  const compilerOptions = { ...options, noEmit: false, declaration: false, sourceMap: false, inlineSourceMap: false, inlineSources: false };
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const dir of ['bench', 'src', 'imports']) {
    for (const file of filesUnder(path.join(ROOT, dir))) {
      const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
      const target = path.join(OUT, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, outputText);
    }
  }
  return path.join(OUT, 'bench', 'measure.js');
}

function measure(script: string, variant: string, count: number, charts: number): Sample {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', script, variant, String(count), String(charts)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/**
 * ms to require `module` in a fresh process (after node's own startup), median of `times`; with `readAll`, the
 * time to require it and read every export (the library loads each folder on first read).
 */
function requireMs(modules: string[], times: number, readAll = false): number[] {
  const read = readAll ? ' for (const k of Object.keys(m)) m[k];' : '';
  const code = `const { performance } = require('perf_hooks'); const t = performance.now(); const m = require(process.argv[1]);${read} console.log(performance.now() - t);`;
  const samples = modules.map(() => [] as number[]);
  for (let i = 0; i < times; i++) {
    modules.forEach((module, m) => {
      samples[m].push(Number(execFileSync(process.execPath, ['-e', code, module], { cwd: ROOT, encoding: 'utf8' }).trim()));
    });
  }
  return samples.map(median);
}

function newestMtime(dir: string): number {
  return Math.max(...filesUnder(dir).map(file => fs.statSync(file).mtimeMs));
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

// Require time first: it is short, and lib/ is whatever `npx projen compile` last wrote.
const libEntry = path.join(ROOT, 'lib', 'src', 'index.js');
let requireLines: string[];
let requireGoal: string;
if (fs.existsSync(libEntry)) {
  const plusEntry = require.resolve('cdk8s-plus-31', { paths: [ROOT] });
  const [libMs, plusMs] = requireMs([libEntry, plusEntry], 5);
  const [libAllMs, plusAllMs] = requireMs([libEntry, plusEntry], 5, true);
  const stale = newestMtime(path.join(ROOT, 'src')) > fs.statSync(libEntry).mtimeMs ? ' (lib/ is older than src/: run npx projen compile)' : '';
  const signed = (ms: number) => `${ms >= 0 ? '+' : ''}${ms.toFixed(0)}`;
  requireLines = [
    `require time (fresh process each, median of 5): lib/src/index.js ${libMs.toFixed(0)} ms, cdk8s-plus-31 ${plusMs.toFixed(0)} ms, ` +
    `difference ${signed(libMs - plusMs)} ms${stale}`,
    `require and read every export (every folder loaded): lib/src/index.js ${libAllMs.toFixed(0)} ms, cdk8s-plus-31 ${plusAllMs.toFixed(0)} ms, ` +
    `difference ${signed(libAllMs - plusAllMs)} ms`,
  ];
  requireGoal = `${(libMs - plusMs >= 0 ? '+' : '')}${(libMs - plusMs).toFixed(0)} ms (${libMs - plusMs <= GOAL_REQUIRE_MS ? 'met' : 'missed'})`;
} else {
  requireLines = ['run npx projen compile first for the require-time row'];
  requireGoal = 'n/a (no lib/)';
}
process.stderr.write(`require time measured (${elapsed()})\n`);

const script = transpile();
process.stderr.write(`transpiled bench/, src/ and imports/ to ${path.relative(ROOT, OUT)}/ (${elapsed()})\n`);

const samplesOf = new Map<string, Sample[]>();
const keyOf = (variant: string, count: number, charts: number) => `${variant}:${count}:${charts}`;
for (const count of sizes) {
  const runs = runsFor(count);
  for (let run = 0; run < runs; run++) {
    // Alternate the order, keeping library and baseline next to each other.
    const order = run % 2 ? [...VARIANTS].reverse() : VARIANTS;
    for (const charts of layouts) {
      const line: string[] = [];
      for (const variant of order) {
        const sample = measure(script, variant, count, charts);
        const key = keyOf(variant, count, charts);
        samplesOf.set(key, [...(samplesOf.get(key) ?? []), sample]);
        line.push(`${variant} ${(sample.totalMs / 1000).toFixed(1)} s`);
      }
      process.stderr.write(`N=${count} ${layoutName(charts)} run ${run + 1}/${runs}: ${line.join(', ')} (${elapsed()})\n`);
    }
  }
}

const samples = (variant: string, count: number, charts: number) => samplesOf.get(keyOf(variant, count, charts));
const med = (variant: string, count: number, charts: number, field: keyof Sample) => median(samples(variant, count, charts)!.map(s => s[field]));
/**
 * The median of the per-run ratios: within a run the variants measure back to back, so a slow spell
 * of the machine hits both sides of a ratio instead of one variant's median.
 */
function pairedRatio(a: string, b: string, count: number, charts: number, field: keyof Sample = 'totalMs'): number | undefined {
  const as = samples(a, count, charts);
  const bs = samples(b, count, charts);
  return as && bs ? median(as.map((s, i) => s[field] / bs[i][field])) : undefined;
}
const fmt = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));
const percent = (value: number | undefined) => (value === undefined ? 'n/a' : (100 * value).toFixed(1));
/** What the final validation pass adds to synth: library synth over library-no-final-pass synth, minus one. */
const passShare = (count: number, charts: number) => {
  const ratio = pairedRatio('library', NO_PASS, count, charts, 'synthMs');
  return ratio === undefined ? undefined : ratio - 1;
};

/**
 * The library's synth-time checks as a share of synth (an estimate; synth's own passes are not timed): a warm
 * validation pass plus one repeat per chart (app.synth() runs 1 + charts passes in one job), library (final pass off)
 * minus baseline, so that cdk8s's own work in each pass (walking the tree, cdk8s-plus's validations) is left out.
 */
const validationShare = (count: number, charts: number): number | undefined => {
  if (!samples(NO_PASS, count, charts) || !samples('baseline', count, charts)) return undefined;
  const perSynth = (variant: string) => {
    const repeats = samples(variant, count, charts)![0].charts;
    return med(variant, count, charts, 'warmValidationMs') + repeats * med(variant, count, charts, 'repeatValidationMs');
  };
  return (perSynth(NO_PASS) - perSynth('baseline')) / med(NO_PASS, count, charts, 'synthMs');
};

const columns: Array<[string, number, (count: number, charts: number) => string]> = [
  ['N', 6, count => String(count)],
  ['charts', 6, (count, charts) => String(samples('library', count, charts)![0].charts)],
  ['docs', 6, (count, charts) => {
    const documents = new Set(VARIANTS.map(v => samples(v, count, charts)![0].documents));
    return documents.size === 1 ? String([...documents][0]) : 'DIFFER';
  }],
  ['runs', 4, (count, charts) => String(samples('library', count, charts)!.length)],
  ['all-raw ms', 10, (count, charts) => med('all-raw', count, charts, 'totalMs').toFixed(0)],
  ['base ms', 8, (count, charts) => med('baseline', count, charts, 'totalMs').toFixed(0)],
  ['lib ms', 8, (count, charts) => med('library', count, charts, 'totalMs').toFixed(0)],
  ['nopass ms', 9, (count, charts) => med(NO_PASS, count, charts, 'totalMs').toFixed(0)],
  ['lib/base', 8, (count, charts) => fmt(pairedRatio('library', 'baseline', count, charts))],
  ['nopass/base', 11, (count, charts) => fmt(pairedRatio(NO_PASS, 'baseline', count, charts))],
  ['pass %', 6, (count, charts) => percent(passShare(count, charts))],
  ['base/all-raw', 12, (count, charts) => fmt(pairedRatio('baseline', 'all-raw', count, charts))],
  ['all-raw MB', 10, (count, charts) => med('all-raw', count, charts, 'peakRssMb').toFixed(0)],
  ['base MB', 7, (count, charts) => med('baseline', count, charts, 'peakRssMb').toFixed(0)],
  ['lib MB', 7, (count, charts) => med('library', count, charts, 'peakRssMb').toFixed(0)],
  ['lib/base MB', 11, (count, charts) => fmt(pairedRatio('library', 'baseline', count, charts, 'peakRssMb'))],
  ['nopass/base MB', 14, (count, charts) => fmt(pairedRatio(NO_PASS, 'baseline', count, charts, 'peakRssMb'))],
  ['val ms', 7, (count, charts) => med(NO_PASS, count, charts, 'warmValidationMs').toFixed(0)],
  ['val %', 6, (count, charts) => percent(validationShare(count, charts))],
];

for (const charts of layouts) {
  console.log(`${layoutName(charts)} (BENCH_LAYOUTS=${charts}):`);
  console.log(columns.map(([title, width]) => title.padStart(width)).join(' '));
  for (const count of sizes) console.log(columns.map(([, width, cell]) => cell(count, charts).padStart(width)).join(' '));
}
const loaded = median([...samplesOf.values()].flat().map(s => s.loadedRssMb));
console.log([
  'ms: construction + app.synth(), median; lib/base: what this library adds; base/all-raw: what cdk8s-plus adds for the Deployment and Service',
  '(ratios are medians of per-run ratios); MB: peak RSS of the measuring process, median, of which ' +
  `~${loaded.toFixed(0)} MB is node with the modules loaded;`,
  'nopass: the library with its final validation pass off (nopass/base is the like-for-like goal); pass %: what the final pass',
  'adds to synth (library synth / nopass synth - 1, median of per-run ratios);',
  'val ms: a node.validate() pass over the nopass app after synth, in a new job (the library\'s synth-time checks: its',
  'constructs\', capacity, one autoscaler per workload; cdk8s-plus\'s); val %: the library\'s checks per synth (that pass plus charts repeats in its job, as',
  'app.synth() runs 1 + charts passes), nopass minus baseline, as a share of nopass synth time (an estimate); the final pass is',
  'in pass %, as is the check of the library\'s own documents as cdk8s renders them;',
  'charts: charts in use (pool p goes to chart p % layout, 100 services a pool)',
].join('\n'));

const scaling = (variant: string, charts: number) => {
  const small = samples(variant, 1000, charts);
  const large = samples(variant, 10000, charts);
  return small && large ? med(variant, 10000, charts, 'totalMs') / med(variant, 1000, charts, 'totalMs') : undefined;
};
for (const charts of layouts) {
  if (scaling('library', charts) === undefined) {
    console.log(`scaling time(10000)/time(1000), ${layoutName(charts)}: n/a (needs N=1000 and N=10000 in BENCH_SIZES)`);
  } else {
    console.log(`scaling time(10000)/time(1000), ${layoutName(charts)}: ` +
      `${VARIANTS.map(v => `${v} ${fmt(scaling(v, charts))}`).join(', ')} (linear = 10)`);
  }
}
for (const line of requireLines) console.log(line);

const verdict = (value: number | undefined, goal: number) => (value === undefined ? 'n/a' : `${value.toFixed(2)} (${value <= goal ? 'met' : 'missed'})`);
const perLayout = (describe: (charts: number) => string) => layouts.map(charts => `${layoutName(charts)} ${describe(charts)}`).join('; ');
console.log('goals (targets on the 2-core reference machine, not asserted):');
for (const count of [1000, 5000]) {
  console.log(`  library (final pass off)/baseline <= ${GOAL_RATIO.toFixed(2)} at N=${count}: ${perLayout(charts => verdict(pairedRatio(NO_PASS, 'baseline', count, charts), GOAL_RATIO))}`);
}
console.log(`  final pass adds <= ${percent(GOAL_PASS_SHARE)}% of synth at N=5000: ${perLayout(charts => {
  const share = passShare(5000, charts);
  return share === undefined ? 'n/a' : `${percent(share)}% (${share <= GOAL_PASS_SHARE ? 'met' : 'missed'})`;
})}`);
console.log(`  the library's checks (final pass off) <= ${percent(GOAL_PASS_SHARE)}% of synth at N=5000: ${perLayout(charts => {
  const share = validationShare(5000, charts);
  return share === undefined ? 'n/a' : `${percent(share)}% (${share <= GOAL_PASS_SHARE ? 'met' : 'missed'})`;
})}`);
const rssRatios = (variant: string) => (charts: number) => sizes
  .map(count => `N=${count} ${verdict(pairedRatio(variant, 'baseline', count, charts, 'peakRssMb'), GOAL_RSS_RATIO)}`).join(', ');
console.log(`  peak RSS library (final pass off)/baseline <= ${GOAL_RSS_RATIO}: ${perLayout(rssRatios(NO_PASS))}`);
console.log(`  peak RSS library/baseline <= ${GOAL_RSS_RATIO}: ${perLayout(rssRatios('library'))}`);
console.log(`  linear scaling to N=10000 (library time(10000)/time(1000) ~ 10): ${perLayout(charts => fmt(scaling('library', charts)))}`);
console.log(`  require time <= cdk8s-plus-31's + ${GOAL_REQUIRE_MS} ms: ${requireGoal}`);
process.stderr.write(`bench took ${elapsed()}\n`);
console.log(`library (final pass off)/baseline at N=5000: ${fmt(pairedRatio(NO_PASS, 'baseline', 5000, 1))}`);
console.log(`library/baseline at N=5000, ten charts: ${fmt(pairedRatio('library', 'baseline', 5000, 10))}`);
console.log(`library/baseline at N=5000: ${fmt(pairedRatio('library', 'baseline', 5000, 1))}`);
