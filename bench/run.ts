/**
 * `npm run bench`: what the library's constructs cost at synth against raw cdk8s ApiObjects
 * writing the same documents, and how that scales. Each variant and size runs in its own
 * process, several times; the table reports medians.
 *
 * Variants: `raw` (ApiObjects only), `plus` (cdk8s-plus for the Deployment and Service, ApiObjects for the
 * rest: what cdk8s-plus alone costs) and `library` (this package's constructs on top of cdk8s-plus).
 * Goals on the 2-core reference machine: overhead ratio library/raw <= 1.3 at N=1000 and N=5000,
 * linear scaling (time(10000)/time(1000) close to 10), validation <= 10% of the library's synth time.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

interface Sample {
  readonly variant: string;
  readonly count: number;
  readonly totalMs: number;
  readonly synthMs: number;
  readonly validationMs: number;
  readonly peakRssMb: number;
  readonly documents: number;
}

const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const variants = ['raw', 'plus', 'library'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(variant: string, count: number): Sample {
  const out = execFileSync(process.execPath, [
    '--max-old-space-size=8192',
    '-r', 'ts-node/register/transpile-only',
    path.join(__dirname, 'measure.ts'), variant, String(count),
  ], { encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.dev.json') } });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const results = new Map<string, { totalMs: number; validationMs: number; synthMs: number; peakRssMb: number; documents: number }>();
for (const count of sizes) {
  for (const variant of variants) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(measure(variant, count));
    results.set(`${variant}:${count}`, {
      totalMs: median(samples.map(s => s.totalMs)),
      synthMs: median(samples.map(s => s.synthMs)),
      validationMs: median(samples.map(s => s.validationMs)),
      peakRssMb: median(samples.map(s => s.peakRssMb)),
      documents: samples[0].documents,
    });
    process.stderr.write(`measured ${variant} N=${count} (${runs} runs)\n`);
  }
}

const pad = (s: string, n: number) => s.padStart(n);
console.log(`${pad('N', 6)} ${pad('docs', 7)} ${pad('raw ms', 9)} ${pad('plus ms', 9)} ${pad('lib ms', 9)} ${pad('lib/raw', 8)} ${pad('lib/plus', 9)} ${pad('raw MB', 7)} ${pad('lib MB', 7)} ${pad('valid.%', 8)}`);
for (const count of sizes) {
  const raw = results.get(`raw:${count}`)!;
  const plus = results.get(`plus:${count}`)!;
  const lib = results.get(`library:${count}`)!;
  const validationShare = (100 * lib.validationMs) / lib.totalMs;
  console.log(`${pad(String(count), 6)} ${pad(String(lib.documents), 7)} ${pad(raw.totalMs.toFixed(0), 9)} ${pad(plus.totalMs.toFixed(0), 9)} ${pad(lib.totalMs.toFixed(0), 9)} `
    + `${pad((lib.totalMs / raw.totalMs).toFixed(2), 8)} ${pad((lib.totalMs / plus.totalMs).toFixed(2), 9)} `
    + `${pad(raw.peakRssMb.toFixed(0), 7)} ${pad(lib.peakRssMb.toFixed(0), 7)} ${pad(validationShare.toFixed(1), 8)}`);
}
const scaling = (variant: string) => {
  const at1000 = results.get(`${variant}:1000`);
  const at10000 = results.get(`${variant}:10000`);
  return at1000 && at10000 ? (at10000.totalMs / at1000.totalMs).toFixed(2) : 'n/a';
};
console.log(`scaling time(10000)/time(1000): raw ${scaling('raw')}, plus ${scaling('plus')}, library ${scaling('library')} (linear = 10)`);
const at5000 = results.get('library:5000') && results.get('raw:5000')
  ? (results.get('library:5000')!.totalMs / results.get('raw:5000')!.totalMs).toFixed(2)
  : 'n/a';
console.log(`ratio at N=5000: ${at5000}`);
