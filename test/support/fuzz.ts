/**
 * Seeded fuzzing of construct props: the shared harness of `test/fuzz/*.fuzz.test.ts`.
 *
 * The contract it checks: whatever TYPE-CORRECT props a construct is given, it either fails with a library error
 * (`invalidInput(...)`: `[<construct path>] <field>: got <value>; <what is allowed> (<rule id>)`), at construction
 * or in cdk8s validation at synth, or it synthesizes manifests the project's validator (`validateManifests` of
 * src/validation, through test/support/manifest-validator.ts) accepts. A TypeError, a RangeError, cdk8s's own
 * conversion messages, an error without the construct path, or output the API server would reject all break it.
 *
 * How to use it (one `fuzz(...)` per construct, each with its own seed):
 *
 * ```ts
 * const report = fuzz({
 *   name: 'NodePool on an EC2NodeClass',
 *   seed: 1001,
 *   runs: 60,
 *   baseProps: chart => ({ metadata: { name: 'pool' }, nodeClass: ..., limits: { cpu: kplus.Cpu.units(10) } }),
 *   build: (chart, props) => { new NodePool(chart, 'Pool', props); },
 * });
 * expectNoFuzzFailures(report);
 * ```
 *
 * - `baseProps(chart)` returns VALID props; the unmutated props are checked first and must give valid output.
 *   Set every optional field worth fuzzing: only values that are present are mutated. Props that need a construct
 *   (a node class in the chart) are built from the chart, and constructs themselves are never mutated; to fuzz a
 *   name passed by reference (`Ec2NodeClass.fromEc2NodeClassName(scope, id, name)`), put the name in the props
 *   and call the factory in `build`.
 * - Each run seeds `mulberry32(seed + run)`, so every run is reproducible on its own. Failure messages name the
 *   seed, the run and every mutation (path within props, old → new value). `FUZZ_SEED=<seed> FUZZ_RUN=<run>`
 *   replays one run of the construct of that seed; `FUZZ_RUNS=<n>` changes the number of runs, `FUZZ_MUTATIONS=1`
 *   applies exactly one mutation per run (no mutation masks another), and `FUZZ_VERBOSE=1` prints every run.
 * - `mutations(baseProps, rng)` replaces one to three leaves with hostile values of the same type:
 *   strings, numbers, booleans and arrays (see HOSTILE_STRINGS and HOSTILE_NUMBERS); cdk8s `Size` and `Duration`
 *   and cdk8s-plus `Cpu` with hostile ones of the same class (fractional, NaN, infinite, overflowing; the ones
 *   cdk8s refuses to create, such as `Size.mebibytes(-1)`, are skipped); enum-like class instances (a class with
 *   static members of its own type, e.g. `CapacityType.SPOT`) with another static member or a FORGED copy, a plain
 *   object with the same fields cast to the class, the way a JavaScript or jsii caller could pass one. Other class
 *   instances (value objects such as `Requirement` or `DurationOrNever`) are walked into and copied with their
 *   prototype; constructs and functions are left alone. Map keys are not mutated, only values.
 * - `expectLibraryErrorOrValidOutput(build, label)` runs one build in a fresh `Testing.app()` and chart
 *   `FuzzChart`, and returns a verdict instead of throwing, so a fuzz run reports every failure together.
 */
import { Chart, Duration, Size, SizeRoundingBehavior, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { validateManifests } from './manifest-validator';

/** A pseudo-random number generator: each call returns a number in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast, seeded PRNG; the same seed always gives the same sequence. */
/* eslint-disable no-bitwise -- the generator is 32-bit integer arithmetic */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

/** An integer in [0, n). */
export function pick(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Strings that break names, labels, ids, patterns and length limits. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', 'a b', 'UPPER_case', '${env}', 'x'.repeat(300), '-lead', 'trail-', 'foo.123', 'é',
];

/** Numbers that break integer, range, int32 and finiteness checks. */
export const HOSTILE_NUMBERS: readonly number[] = [0, -1, 1.5, NaN, Infinity, 2 ** 31, 2 ** 53];

/** A value to put in place of another, with how a failure message shows it. */
interface Hostile {
  readonly value: unknown;
  readonly label: string;
}

/** Hostile values of a class, created lazily: those cdk8s refuses to create are skipped. */
function tryMake(make: Array<[string, () => unknown]>): Hostile[] {
  const out: Hostile[] = [];
  for (const [label, fn] of make) {
    try {
      out.push({ value: fn(), label });
    } catch {
      // cdk8s refuses this value itself (e.g. a negative Size), so no construct can be given it
    }
  }
  return out;
}

const HOSTILE_SIZES = (): Hostile[] => tryMake([
  ['Size.gibibytes(0.1)', () => Size.gibibytes(0.1)],
  ['Size.mebibytes(-1)', () => Size.mebibytes(-1)],
  ['Size.kibibytes(0.5)', () => Size.kibibytes(0.5)],
  ['Size.kibibytes(0)', () => Size.kibibytes(0)],
  ['Size.gibibytes(NaN)', () => Size.gibibytes(NaN)],
  ['Size.gibibytes(Infinity)', () => Size.gibibytes(Infinity)],
  ['Size.tebibytes(2 ** 53)', () => Size.tebibytes(2 ** 53)],
  ['Size.gibibytes(1.5)', () => Size.gibibytes(1.5)],
]);

const HOSTILE_DURATIONS = (): Hostile[] => tryMake([
  ['Duration.millis(1.5)', () => Duration.millis(1.5)],
  ['Duration.millis(999)', () => Duration.millis(999)],
  ['Duration.seconds(NaN)', () => Duration.seconds(NaN)],
  ['Duration.seconds(Infinity)', () => Duration.seconds(Infinity)],
  ['Duration.seconds(-1)', () => Duration.seconds(-1)],
  ['Duration.millis(0)', () => Duration.millis(0)],
  ['Duration.days(2 ** 31)', () => Duration.days(2 ** 31)],
  ['Duration.seconds(2 ** 53)', () => Duration.seconds(2 ** 53)],
]);

const HOSTILE_CPUS = (): Hostile[] => tryMake([
  ['Cpu.millis(-5)', () => kplus.Cpu.millis(-5)],
  ['Cpu.units(-1)', () => kplus.Cpu.units(-1)],
  ['Cpu.millis(1.5)', () => kplus.Cpu.millis(1.5)],
  ['Cpu.units(NaN)', () => kplus.Cpu.units(NaN)],
  ['Cpu.units(Infinity)', () => kplus.Cpu.units(Infinity)],
  ['Cpu.millis(0)', () => kplus.Cpu.millis(0)],
  ['Cpu.units(2 ** 53)', () => kplus.Cpu.units(2 ** 53)],
]);

/** A mutation applied to the props, for the failure message. */
export interface AppliedMutation {
  /** Where, within the props: `props.limits.memory`, `props.requirements[1].values[0]`. */
  readonly path: string;
  /** The old value, described. */
  readonly before: string;
  /** The new value, described. */
  readonly after: string;
}

/** Mutated props and the mutations applied to them. */
export interface Mutated<P> {
  readonly props: P;
  readonly applied: AppliedMutation[];
}

/** Tuning of `mutations`. */
export interface MutationOptions {
  /** Fewest mutations per run. @default 1 */
  readonly min?: number;
  /** Most mutations per run. @default 3 */
  readonly max?: number;
  /** Paths (as shown in failure messages, e.g. `props.metadata.name`) never mutated. @default none */
  readonly skip?: (path: string) => boolean;
}

type Key = string | number;

function isSize(v: unknown): v is Size {
  return v instanceof Size;
}

function isDuration(v: unknown): v is Duration {
  return v instanceof Duration;
}

function isCpu(v: unknown): v is kplus.Cpu {
  return v instanceof kplus.Cpu;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The static members of `v`'s class that are instances of it, when there are any (an enum-like class). */
function enumMembersOf(v: unknown): Array<[string, object]> | undefined {
  if (typeof v !== 'object' || v === null || isPlainObject(v) || Array.isArray(v)) return undefined;
  const ctor = (v as object).constructor as any;
  if (typeof ctor !== 'function') return undefined;
  const members: Array<[string, object]> = [];
  for (const name of Object.getOwnPropertyNames(ctor)) {
    const descriptor = Object.getOwnPropertyDescriptor(ctor, name);
    const member = descriptor && 'value' in descriptor ? descriptor.value : undefined;
    if (typeof member === 'object' && member !== null && Object.getPrototypeOf(member) === ctor.prototype) members.push([name, member]);
  }
  return members.length > 0 ? members : undefined;
}

function isConstructLike(v: unknown): boolean {
  return Construct.isConstruct(v);
}

/** A short description of a value for failure messages: Size, Duration and Cpu by amount, enum-likes by member name. */
export function describeFuzzValue(v: unknown, depth: number = 0): string {
  const text = describeValueAt(v, depth);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function describeValueAt(v: unknown, depth: number): string {
  if (typeof v === 'string') return v.length > 40 ? `${JSON.stringify(v.slice(0, 12))}… (${v.length} chars)` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  if (typeof v === 'function') return '<function>';
  if (isSize(v)) return `Size(${v.toKibibytes({ rounding: SizeRoundingBehavior.NONE })} KiB)`;
  if (isDuration(v)) return `Duration(${v.toMilliseconds({ integral: false })} ms)`;
  if (isCpu(v)) return `Cpu(${JSON.stringify(v.amount)})`;
  if (isConstructLike(v)) return `<construct ${(v as Construct).node.path}>`;
  const members = enumMembersOf(v);
  if (members) {
    const name = members.find(([, m]) => m === v)?.[0];
    return `${(v as object).constructor.name}.${name ?? '<not a static member>'}`;
  }
  if (depth > 3) return Array.isArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v)) return `[${v.map(e => describeValueAt(e, depth + 1)).join(', ')}]`;
  const ctorName = isPlainObject(v) ? '' : `${(v as object).constructor?.name ?? ''} `;
  const fields = Object.entries(v as object).filter(([, f]) => f !== undefined).map(([k, f]) => `${k}: ${describeValueAt(f, depth + 1)}`);
  return `${ctorName}{ ${fields.join(', ')} }`;
}

function pathText(path: readonly Key[]): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `${out}.${k}` : `${out}[${JSON.stringify(k)}]`), 'props');
}

/** A copy of an object or array with the same prototype and fields. */
function shallowCopy(v: object): any {
  if (Array.isArray(v)) return [...v];
  return Object.create(Object.getPrototypeOf(v), Object.getOwnPropertyDescriptors(v));
}

/** `root` with the value at `path` replaced, copying the objects on the way (the original is never changed). */
function replaceAt(root: unknown, path: readonly Key[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = shallowCopy(root as object);
  const [head, ...rest] = path;
  const descriptor = Object.getOwnPropertyDescriptor(copy, head);
  const next = replaceAt((root as any)[head], rest, value);
  if (descriptor && !Array.isArray(copy)) Object.defineProperty(copy, head, { ...descriptor, value: next, writable: true });
  else copy[head] = next;
  return copy;
}

/** A candidate for mutation and the hostile values it can take. */
interface Candidate {
  readonly path: Key[];
  readonly value: unknown;
  readonly options: () => Hostile[];
}

function hostileFor(value: unknown): (() => Hostile[]) | undefined {
  if (typeof value === 'string') return () => HOSTILE_STRINGS.filter(s => s !== value).map(s => ({ value: s, label: describeFuzzValue(s) }));
  if (typeof value === 'number') return () => HOSTILE_NUMBERS.filter(n => !Object.is(n, value)).map(n => ({ value: n, label: String(n) }));
  if (typeof value === 'boolean') return () => [{ value: !value, label: String(!value) }];
  if (isSize(value)) return HOSTILE_SIZES;
  if (isDuration(value)) return HOSTILE_DURATIONS;
  if (isCpu(value)) return HOSTILE_CPUS;
  if (Array.isArray(value)) {
    return () => [
      ...(value.length > 0 ? [{ value: [], label: '[]' }] : []),
      ...(value.length > 0 ? [{ value: [value[0], ...value], label: `the first entry duplicated (${value.length + 1} entries)` }] : []),
    ];
  }
  const members = enumMembersOf(value);
  if (members) {
    return () => {
      const ctorName = (value as object).constructor.name;
      const others = members.filter(([, m]) => m !== value).map(([name, m]) => ({ value: m, label: `${ctorName}.${name}` }));
      // A plain object with the member's fields, its strings made hostile: what `{ value: 'x' } as CapacityType` passes.
      const fields = Object.entries(value as object).filter(([, v]) => typeof v !== 'function');
      const forged = fields.some(([, v]) => typeof v === 'string')
        ? [{
          value: Object.fromEntries(fields.map(([k, v]) => [k, typeof v === 'string' ? 'UPPER_case' : v])),
          label: `forged ${ctorName} ${JSON.stringify(Object.fromEntries(fields.map(([k, v]) => [k, typeof v === 'string' ? 'UPPER_case' : v])))}`,
        }]
        : [];
      return [...others, ...forged];
    };
  }
  return undefined;
}

/** Every mutable position of `props`: leaves, arrays (and their entries), Size/Duration/Cpu and enum-like values. */
function candidatesOf(props: unknown, skip: (path: string) => boolean): Candidate[] {
  const out: Candidate[] = [];
  const seen = new WeakSet<object>();
  const visit = (value: unknown, path: Key[], depth: number) => {
    if (value === undefined || value === null || typeof value === 'function' || depth > 12) return;
    if (path.length > 0 && skip(pathText(path))) return;
    if (typeof value === 'object') {
      if (isConstructLike(value)) return;
      if (seen.has(value as object)) return;
      seen.add(value as object);
    }
    const options = path.length > 0 ? hostileFor(value) : undefined;
    if (options) out.push({ path, value, options });
    if (typeof value !== 'object' || isSize(value) || isDuration(value) || isCpu(value) || enumMembersOf(value)) return;
    if (Array.isArray(value)) {
      value.forEach((entry, i) => visit(entry, [...path, i], depth + 1));
      return;
    }
    // plain objects and value objects (class instances that are neither constructs nor enum-like)
    for (const key of Object.keys(value as object)) visit((value as any)[key], [...path, key], depth + 1);
  };
  visit(props, [], 0);
  return out;
}

/**
 * Replaces one to three leaves of `baseProps` with type-correct but hostile values. `baseProps` is not changed:
 * the objects on the path to each mutation are copied (class instances keep their prototype).
 */
export function mutations<P>(baseProps: P, rng: Rng, options: MutationOptions = {}): Mutated<P> {
  const min = options.min ?? 1;
  const max = options.max ?? 3;
  const skip = options.skip ?? (() => false);
  const count = min + pick(rng, max - min + 1);
  let props: unknown = baseProps;
  const applied: AppliedMutation[] = [];
  for (let i = 0; i < count; i++) {
    // Collected again after each mutation, so a path never points into a replaced array or object.
    const candidates = candidatesOf(props, skip);
    if (candidates.length === 0) break;
    const candidate = candidates[pick(rng, candidates.length)];
    const hostile = candidate.options();
    if (hostile.length === 0) continue;
    const chosen = hostile[pick(rng, hostile.length)];
    props = replaceAt(props, candidate.path, chosen.value);
    applied.push({ path: pathText(candidate.path), before: describeFuzzValue(candidate.value), after: chosen.label });
  }
  return { props: props as P, applied };
}

/** The id of the chart every build runs in; library errors name it as the start of the construct path. */
export const FUZZ_CHART_ID = 'FuzzChart';

const RULE_ID = /\([A-Z][A-Z0-9]{1,5}-[0-9]{2,3}\)/;
const VALIDATION_FAILED = 'Validation failed with the following errors:';

/** What one build came to. */
export interface Verdict {
  /** Whether the outcome keeps the contract. */
  readonly ok: boolean;
  /**
   * `library-error` and `valid-output` keep it; `crash` (TypeError, RangeError, a non-Error, or an object the final
   * validation pass could not render), `unnamed-error` (no construct path or no rule id) and `invalid-output` (the
   * validator rejects the manifests) break it. `output-rejected` is a library error of the final validation pass at
   * synth (GEN-60: the construct's own checks let the value through, the schema check caught it); it keeps the contract
   * unless `VerdictOptions.finalPassIsFailure` is set.
   */
  readonly outcome: 'library-error' | 'output-rejected' | 'valid-output' | 'crash' | 'unnamed-error' | 'invalid-output';
  /** The error message or the validator's findings. */
  readonly detail: string;
}

/** Options of `expectLibraryErrorOrValidOutput`. */
export interface VerdictOptions {
  /** Require a rule id `(XX-NN)` in every library error, as `invalidInput` writes. @default true */
  readonly requireRuleId?: boolean;
  /**
   * Count errors of the final validation pass (GEN-60, the synthesized documents checked against their schemas) as
   * failures: the construct should have refused the value itself, with the field it was given in.
   * @default false
   */
  readonly finalPassIsFailure?: boolean;
}

/** The rule of the library's final validation pass over the synthesized documents (src/validation/synth-validation.ts). */
const FINAL_PASS_RULE = '(GEN-60)';
/** How the final validation pass reports an object whose rendering threw: a crash, wrapped. */
const NOT_RENDERED = 'could not be rendered';

function classifyError(e: unknown, options: VerdictOptions): Verdict {
  if (!(e instanceof Error)) return { ok: false, outcome: 'crash', detail: `threw a non-Error: ${describeFuzzValue(e)}` };
  const message = e.message;
  if (e.constructor !== Error) return { ok: false, outcome: 'crash', detail: `${e.constructor.name}: ${message}\n${(e.stack ?? '').split('\n').slice(1, 4).join('\n')}` };
  const lines = message.startsWith(VALIDATION_FAILED)
    ? message.slice(VALIDATION_FAILED.length).split('\n').map(l => l.trim()).filter(l => l)
    : [message];
  const requireRuleId = options.requireRuleId ?? true;
  const unnamed = lines.filter(l => !l.includes(`[${FUZZ_CHART_ID}`) || (requireRuleId && !RULE_ID.test(l)));
  if (unnamed.length > 0) return { ok: false, outcome: 'unnamed-error', detail: unnamed.join('\n') };
  const notRendered = lines.filter(l => l.includes(NOT_RENDERED));
  if (notRendered.length > 0) return { ok: false, outcome: 'crash', detail: notRendered.join('\n') };
  if (lines.every(l => l.trimEnd().endsWith(FINAL_PASS_RULE))) {
    return { ok: !options.finalPassIsFailure, outcome: 'output-rejected', detail: message };
  }
  return { ok: true, outcome: 'library-error', detail: message };
}

/** Paths of numbers JSON and YAML cannot carry (NaN, ±Infinity) in the manifests. */
function nonFiniteNumbers(value: unknown, path: string = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path || '<root>'}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumbers(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * Runs `build(chart)` in a fresh app and chart (`FuzzChart`) and says whether the outcome keeps the contract:
 * an Error (not a TypeError or RangeError) whose message names the construct path and a rule id, at construction
 * or in cdk8s validation at synth (every line of "Validation failed with the following errors"); or manifests
 * the validator accepts, with only finite numbers.
 */
export function expectLibraryErrorOrValidOutput(build: (chart: Chart) => void, label: string, options: VerdictOptions = {}): Verdict {
  const chart = new Chart(Testing.app(), FUZZ_CHART_ID);
  let docs: any[];
  try {
    build(chart);
    docs = Testing.synth(chart);
  } catch (e) {
    const verdict = classifyError(e, options);
    return verdict.ok ? verdict : { ...verdict, detail: `${label}: ${verdict.detail}` };
  }
  const problems = [...nonFiniteNumbers(docs).map(p => `not a finite number: ${p}`), ...validateManifests(docs)];
  if (problems.length > 0) return { ok: false, outcome: 'invalid-output', detail: `${label}: ${problems.join('\n')}` };
  return { ok: true, outcome: 'valid-output', detail: `${docs.length} valid document(s)` };
}

/** What to fuzz: valid base props, how to build the construct, and the seed and number of runs. */
export interface FuzzSpec<P> {
  /** What is fuzzed, for messages (`NodePool on EKS Auto Mode`). */
  readonly name: string;
  /** The seed of run 0; run `i` uses `seed + i`. Give each construct its own. */
  readonly seed: number;
  /** The number of runs (`FUZZ_RUNS` overrides it). */
  readonly runs: number;
  /** Valid props, built in the run's chart. */
  readonly baseProps: (chart: Chart) => P;
  /** Creates the construct(s) from the (mutated) props. */
  readonly build: (chart: Chart, props: P) => void;
  /** Tuning of the mutations. */
  readonly mutation?: MutationOptions;
  /** Tuning of the verdict. */
  readonly verdict?: VerdictOptions;
}

/** A run that broke the contract, with what is needed to reproduce it. */
export interface FuzzFailure {
  readonly name: string;
  readonly seed: number;
  readonly run: number;
  readonly applied: AppliedMutation[];
  readonly verdict: Verdict;
}

/** The outcome of `fuzz`. */
export interface FuzzReport {
  readonly name: string;
  readonly seed: number;
  readonly runs: number;
  /** Runs per outcome. */
  readonly outcomes: { [outcome: string]: number };
  readonly failures: FuzzFailure[];
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? undefined : Number(raw);
}

/**
 * Checks the unmutated props, then runs `runs` seeded mutations of them. Never throws for a run: the failures
 * are collected in the report (see `expectNoFuzzFailures`).
 */
export function fuzz<P>(spec: FuzzSpec<P>): FuzzReport {
  const outcomes: { [outcome: string]: number } = {};
  const failures: FuzzFailure[] = [];
  const replaySeed = envNumber('FUZZ_SEED');
  const replayRun = envNumber('FUZZ_RUN');
  const replaying = replaySeed !== undefined && replaySeed !== spec.seed;
  const runs = replaying ? 0 : envNumber('FUZZ_RUNS') ?? spec.runs;
  // FUZZ_MUTATIONS=1 applies exactly one mutation per run: slower to find combinations, but no mutation masks another.
  const fixedCount = envNumber('FUZZ_MUTATIONS');
  const mutationOptions = fixedCount === undefined ? spec.mutation : { ...spec.mutation, min: fixedCount, max: fixedCount };

  const base = expectLibraryErrorOrValidOutput(chart => spec.build(chart, spec.baseProps(chart)), `${spec.name} (base props)`, spec.verdict);
  if (base.outcome !== 'valid-output') {
    failures.push({ name: spec.name, seed: spec.seed, run: -1, applied: [], verdict: { ...base, ok: false, detail: `the base props must give valid output: ${base.detail}` } });
  }
  for (let run = 0; run < runs; run++) {
    if (replayRun !== undefined && run !== replayRun) continue;
    const rng = mulberry32(spec.seed + run);
    let applied: AppliedMutation[] = [];
    const verdict = expectLibraryErrorOrValidOutput(chart => {
      const mutated = mutations(spec.baseProps(chart), rng, mutationOptions);
      applied = mutated.applied;
      spec.build(chart, mutated.props);
    }, `${spec.name} seed ${spec.seed} run ${run}`, spec.verdict);
    outcomes[verdict.outcome] = (outcomes[verdict.outcome] ?? 0) + 1;
    if (!verdict.ok) failures.push({ name: spec.name, seed: spec.seed, run, applied, verdict });
    if (process.env.FUZZ_VERBOSE) {
      const detail = verdict.detail.split('\n').filter(l => !l.startsWith(VALIDATION_FAILED)).slice(0, 4).map(l => `  ${l.trim().slice(0, 400)}\n`).join('');
      process.stdout.write(`${spec.name} seed ${spec.seed} run ${run}: ${verdict.outcome}\n${applied.map(m => `  ${m.path}: ${m.before} → ${m.after}\n`).join('')}${detail}`);
    }
  }
  if (process.env.FUZZ_VERBOSE) process.stdout.write(`${spec.name}: ${JSON.stringify(outcomes)}\n`);
  return { name: spec.name, seed: spec.seed, runs, outcomes, failures };
}

/** One failure, readable and reproducible. */
export function formatFuzzFailure(f: FuzzFailure): string {
  const mutationsText = f.applied.length ? f.applied.map(m => `    ${m.path}: ${m.before} → ${m.after}`).join('\n') : '    (none)';
  const where = f.run < 0 ? `seed ${f.seed}, base props` : `seed ${f.seed} run ${f.run} (replay: FUZZ_SEED=${f.seed} FUZZ_RUN=${f.run})`;
  return `${f.name}, ${where}: ${f.verdict.outcome}\n  mutations:\n${mutationsText}\n  ${f.verdict.detail.split('\n').join('\n  ')}`;
}

/** Throws with every failure of the reports, each with its seed, run and mutations; passes when there are none. */
export function expectNoFuzzFailures(...reports: FuzzReport[]): void {
  const failures = reports.flatMap(r => r.failures);
  if (failures.length === 0) return;
  throw new Error(`${failures.length} fuzz run(s) broke the contract (a library error naming the path, or valid output):\n\n${failures.map(formatFuzzFailure).join('\n\n')}`);
}
