import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Lazy, Testing } from 'cdk8s';
import { addSynthValidation, keepDuringSynth } from '../../src/core/validation';

function appWithCharts(count: number) {
  const app = new App({ outdir: path.join(os.tmpdir(), 'synth-validation-test') });
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
