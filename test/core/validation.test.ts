import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Lazy, Testing } from 'cdk8s';
import { addSynthValidation, keepDuringSynth, REVALIDATE_EACH_CHART } from '../../src/core/validation';

function appWithCharts(count: number, context: Record<string, unknown> = {}) {
  const app = new App({ outdir: path.join(os.tmpdir(), 'synth-validation-test') });
  Object.entries(context).forEach(([k, v]) => app.node.setContext(k, v));
  const charts = Array.from({ length: count }, (_, i) => new Chart(app, `chart${i}`));
  let runs = 0;
  let errors: string[] = [];
  addSynthValidation(charts[0], () => {
    runs++;
    return errors;
  });
  return { app, charts, runs: () => runs, fail: (e: string[]) => { errors = e; } };
}

describe('addSynthValidation', () => {
  test('runs a validation once per app.synth, however many charts cdk8s validates the app for', () => {
    const t = appWithCharts(5);
    t.app.synth();
    expect(t.runs()).toBe(1);
    t.app.synth();
    expect(t.runs()).toBe(2);
  });

  test('sees changes made between two synths', () => {
    const t = appWithCharts(3);
    t.app.synth();
    t.fail(['broken']);
    expect(() => t.app.synth()).toThrow(/\[chart0\] broken/);
  });

  test('runs every time outside an app synth', () => {
    const t = appWithCharts(2);
    Testing.synth(t.charts[1]);
    t.charts[0].node.validate();
    expect(t.runs()).toBe(2);
  });
});

describe('keepDuringSynth', () => {
  /** A chart whose validation and rendering both read one computed value. */
  function appReadingTwice() {
    const t = appWithCharts(3);
    const key = {};
    let computed = 0;
    const read = () => keepDuringSynth(t.charts[0], key, () => ++computed);
    addSynthValidation(t.charts[0], () => (read() > 0 ? [] : ['unreachable']));
    new ApiObject(t.charts[0], 'Reader', { apiVersion: 'v1', kind: 'ConfigMap', data: Lazy.any({ produce: () => ({ value: String(read()) }) }) });
    return { ...t, computed: () => computed };
  }

  test('computes a value once per app.synth and shares it between validation and rendering', () => {
    const t = appReadingTwice();
    t.app.synth();
    expect(t.computed()).toBe(1);
    t.app.synth();
    expect(t.computed()).toBe(2);
  });

  test('computes every time outside an app synth', () => {
    const t = appReadingTwice();
    expect(Testing.synth(t.charts[0])).toEqual([expect.objectContaining({ data: { value: '2' } })]);
    expect(t.computed()).toBe(2);
  });
});

describe('app.synth of an app with library constructs', () => {
  /** An app of `count` charts with a library validation (which instruments synth) and a plain cdk8s one. */
  function instrumentedApp(count: number, context: Record<string, unknown> = {}) {
    const t = appWithCharts(count, context);
    let plainRuns = 0;
    let plainErrors: string[] = [];
    t.charts[count - 1].node.addValidation({ validate: () => { plainRuns++; return plainErrors; } });
    return { ...t, plainRuns: () => plainRuns, failPlain: (e: string[]) => { plainErrors = e; } };
  }

  test('validates the app once, where cdk8s validates it again before each chart', () => {
    const plain = new App({ outdir: path.join(os.tmpdir(), 'synth-plain-test') });
    let cdk8sRuns = 0;
    Array.from({ length: 3 }, (_, i) => new Chart(plain, `chart${i}`))[0].node.addValidation({ validate: () => { cdk8sRuns++; return []; } });
    plain.synth();
    expect(cdk8sRuns).toBe(4);

    const t = instrumentedApp(3);
    t.app.synth();
    expect(t.plainRuns()).toBe(1);
    t.app.synthYaml();
    expect(t.plainRuns()).toBe(2);
  });

  test('keeps cdk8s chart synthesis when the app sets revalidateEachChart', () => {
    const t = instrumentedApp(3, { [REVALIDATE_EACH_CHART]: true });
    t.app.synth();
    expect(t.plainRuns()).toBe(4);
    expect(t.runs()).toBe(1);
  });

  test('fails synth on an error of a plain cdk8s validation', () => {
    const t = instrumentedApp(2);
    t.failPlain(['plain error']);
    expect(() => t.app.synth()).toThrow(/\[chart1\] plain error/);
  });

  test('restores cdk8s chart synthesis after synth', () => {
    const t = instrumentedApp(2);
    t.app.synth();
    Testing.synth(t.charts[1]);
    expect(t.plainRuns()).toBe(2);
  });

  test('writes the same files, in the same order, as cdk8s chart synthesis', () => {
    function build(context: Record<string, unknown>) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-same-'));
      const app = new App({ outdir });
      Object.entries(context).forEach(([k, v]) => app.node.setContext(k, v));
      const base = new Chart(app, 'base');
      const apps = new Chart(app, 'apps');
      const nested = new Chart(apps, 'nested');
      const config = new ApiObject(base, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
      const late = new ApiObject(apps, 'Late', { apiVersion: 'v1', kind: 'ConfigMap' });
      const early = new ApiObject(apps, 'Early', { apiVersion: 'v1', kind: 'ConfigMap', data: Lazy.any({ produce: () => ({ b: '2' }) }) });
      late.addDependency(early, config);
      new ApiObject(nested, 'Inner', { apiVersion: 'v1', kind: 'Secret' });
      addSynthValidation(apps, () => []);
      app.synth();
      return Object.fromEntries(fs.readdirSync(outdir).sort().map(f => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
    }
    const ours = build({});
    expect(Object.keys(ours)).toEqual(['0000-apps-nested-c885be8e.k8s.yaml', '0001-base.k8s.yaml', '0002-apps.k8s.yaml']);
    expect(ours).toEqual(build({ [REVALIDATE_EACH_CHART]: true }));
  });

  test('leaves charts of other apps to cdk8s', () => {
    const other = appWithCharts(2);
    let otherRuns = 0;
    other.charts[1].node.addValidation({ validate: () => { otherRuns++; return []; } });
    const t = instrumentedApp(2);
    new ApiObject(t.charts[0], 'Reader', { apiVersion: 'v1', kind: 'ConfigMap', data: Lazy.any({ produce: () => ({ n: String(Testing.synth(other.charts[1]).length) }) }) });
    t.app.synth();
    expect(otherRuns).toBe(1);
  });
});

describe('app.synth on a cdk8s whose chart synthesis differs', () => {
  const appInternals = App as unknown as { _synthChart: (chart: Chart) => unknown[] };
  const known = appInternals._synthChart;
  afterEach(() => { appInternals._synthChart = known; });

  test('keeps cdk8s chart synthesis when it does more than the library knows', () => {
    let extraSteps = 0;
    appInternals._synthChart = function (chart: Chart) {
      extraSteps++;
      return known.call(this, chart);
    };
    const t = appWithCharts(3);
    let plainRuns = 0;
    t.charts[2].node.addValidation({ validate: () => { plainRuns++; return []; } });
    t.app.synth();
    expect(extraSteps).toBe(3);
    expect(plainRuns).toBe(4);
  });
});
