import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addAppCheck, addSynthValidation, APP_CHECKS_ID } from '../../src/core/validation';

function appWithCharts(count: number) {
  const app = Testing.app();
  const charts = Array.from({ length: count }, (_, i) => new Chart(app, `chart${i}`));
  return { app, charts };
}

describe('addSynthValidation', () => {
  test('reports errors under the construct path, like any cdk8s validation', () => {
    const { app, charts } = appWithCharts(1);
    addSynthValidation(charts[0], () => ['broken']);
    expect(() => app.synthYaml()).toThrow(/\[chart0\] broken/);
  });

  test('stops checking a construct once it is removed from the tree', () => {
    const { app, charts } = appWithCharts(1);
    const parent = new Construct(charts[0], 'parent');
    addSynthValidation(new Construct(parent, 'child'), () => ['broken']);
    charts[0].node.tryRemoveChild('parent');
    expect(app.synthYaml()).toBe('');
  });
});

describe('addAppCheck', () => {
  test('runs a check once per synthesis however many constructs register it', () => {
    const { app, charts } = appWithCharts(1);
    let runs = 0;
    for (const chart of charts) for (let i = 0; i < 3; i++) addAppCheck(new Construct(chart, `c${i}`), 'count', () => { runs++; return []; });
    Testing.synth(charts[0]);
    expect(runs).toBe(1);
    expect(app.node.findAll().filter(c => c.node.id === APP_CHECKS_ID)).toHaveLength(1);
  });

  test('runs once per app.synth() with ten charts, though cdk8s validates the app eleven times', () => {
    const { app, charts } = appWithCharts(10);
    let runs = 0;
    addAppCheck(charts[0], 'count', () => { runs++; return []; });
    app.synthYaml();
    expect(runs).toBe(1);
  });

  test('runs again in the same job when a chart gained a child, and in the next job', async () => {
    const { charts } = appWithCharts(1);
    let runs = 0;
    addAppCheck(charts[0], 'count', () => { runs++; return []; });
    Testing.synth(charts[0]);
    Testing.synth(charts[0]);
    expect(runs).toBe(1);
    new Construct(charts[0], 'added');
    Testing.synth(charts[0]);
    expect(runs).toBe(2);
    await Promise.resolve();
    Testing.synth(charts[0]);
    expect(runs).toBe(3);
  });

  test('sees the whole app, whichever construct registered it', () => {
    const { app, charts } = appWithCharts(2);
    let seen: string[] = [];
    addAppCheck(charts[1], 'paths', root => { seen = root.node.children.map(c => c.node.id); return []; });
    app.synthYaml();
    expect(seen).toEqual(['chart0', 'chart1', APP_CHECKS_ID]);
  });

  test('gives every check of a pass the same list of the app\'s constructs, walked once', () => {
    const { app, charts } = appWithCharts(2);
    const seen: Array<readonly unknown[]> = [];
    addAppCheck(charts[0], 'first', (_root, constructs) => { seen.push(constructs); return []; });
    addAppCheck(charts[1], 'second', (_root, constructs) => { seen.push(constructs); return []; });
    Testing.synth(charts[0]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).toEqual(app.node.findAll());
  });

  test('fails synth with the errors it returns', () => {
    const { app, charts } = appWithCharts(1);
    addAppCheck(charts[0], 'fail', () => ['[chart0/x] field: got 1; must be 2 (GEN-04)']);
    expect(() => app.synthYaml()).toThrow(`[${APP_CHECKS_ID}] [chart0/x] field: got 1; must be 2 (GEN-04)`);
  });

  test('adds nothing to the manifests', () => {
    const app = new App();
    const chart = new Chart(app, 'chart');
    addAppCheck(chart, 'noop', () => []);
    expect(app.synthYaml()).toBe('');
  });
});
