/**
 * `npm run bench`: what the library's constructs cost at synth against raw cdk8s ApiObjects
 * writing the same documents, and how that scales. Each measurement runs in its own process; the
 * variants take turns within each run so that drift on the machine hits them alike. Times are medians
 * over the runs; ratios are medians of the per-run ratios.
 *
 * Variants (bench/variants.ts): `library` (this package's constructs on cdk8s-plus workloads), `raw`
 * (the same workloads, the library's documents as ApiObjects), `all-raw` (ApiObjects only) and
 * `library-revalidating` (`library` with cdk8s's per-chart revalidation, which the library skips).
 * Goals on the 2-core reference machine: library/raw <= 1.3 at N=1000 and N=5000, linear scaling
 * (time(10000)/time(1000) close to 10), validation <= 10% of the library's synth time.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

interface Sample {
  readonly totalMs: number;
  readonly validationMs: number;
  readonly peakRssMb: number;
  readonly documents: number;
}

const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const variants = ['all-raw', 'raw', 'library', 'library-revalidating'];

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

const results = new Map<string, Sample>();
const samplesOf = new Map<string, Sample[]>();
for (const count of sizes) {
  for (let i = 0; i < runs; i++) {
    for (const variant of variants) {
      const key = `${variant}:${count}`;
      samplesOf.set(key, [...(samplesOf.get(key) ?? []), measure(variant, count)]);
    }
  }
  for (const variant of variants) {
    const list = samplesOf.get(`${variant}:${count}`)!;
    results.set(`${variant}:${count}`, {
      totalMs: median(list.map(s => s.totalMs)),
      validationMs: median(list.map(s => s.validationMs)),
      peakRssMb: median(list.map(s => s.peakRssMb)),
      documents: list[0].documents,
    });
  }
  process.stderr.write(`measured N=${count} (${runs} runs of ${variants.join(', ')})\n`);
}

const get = (variant: string, count: number) => results.get(`${variant}:${count}`);
/**
 * The median of the per-run ratios: within a run the variants measure back to back, so a slow spell
 * of the machine hits both sides of a ratio instead of one variant's median.
 */
function pairedRatio(a: string, b: string, count: number): string {
  const as = samplesOf.get(`${a}:${count}`);
  const bs = samplesOf.get(`${b}:${count}`);
  return as && bs ? median(as.map((s, i) => s.totalMs / bs[i].totalMs)).toFixed(2) : 'n/a';
}
const ratio = (a: Sample | undefined, b: Sample | undefined) => (a && b ? (a.totalMs / b.totalMs).toFixed(2) : 'n/a');
const columns: Array<[string, number, (count: number) => string]> = [
  ['N', 6, count => String(count)],
  ['docs', 7, count => String(get('library', count)!.documents)],
  ['all-raw ms', 11, count => get('all-raw', count)!.totalMs.toFixed(0)],
  ['raw ms', 9, count => get('raw', count)!.totalMs.toFixed(0)],
  ['lib ms', 9, count => get('library', count)!.totalMs.toFixed(0)],
  ['lib/raw', 8, count => pairedRatio('library', 'raw', count)],
  ['reval/raw', 10, count => pairedRatio('library-revalidating', 'raw', count)],
  ['raw/all-raw', 12, count => pairedRatio('raw', 'all-raw', count)],
  ['raw MB', 7, count => get('raw', count)!.peakRssMb.toFixed(0)],
  ['lib MB', 7, count => get('library', count)!.peakRssMb.toFixed(0)],
  ['valid.%', 8, count => (100 * get('library', count)!.validationMs / get('library', count)!.totalMs).toFixed(1)],
];
console.log(columns.map(([title, width]) => title.padStart(width)).join(' '));
for (const count of sizes) console.log(columns.map(([, width, cell]) => cell(count).padStart(width)).join(' '));
console.log('lib/raw: what this library adds; reval/raw: the same with cdk8s revalidating the app before each chart, as raw does; raw/all-raw: what cdk8s-plus adds for the Deployment and Service');
const scaling = (variant: string) => ratio(get(variant, 10000), get(variant, 1000));
console.log(`scaling time(10000)/time(1000): all-raw ${scaling('all-raw')}, raw ${scaling('raw')}, library ${scaling('library')} (linear = 10)`);
console.log(`ratio at N=5000: ${pairedRatio('library', 'raw', 5000)}`);
