import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addAppCheck, addDocumentCheck, addSynthValidation, APP_CHECKS_ID, RenderedObject } from '../../src/core/validation';

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

  test('runs once per job in an app with charts inside charts and constructs inside constructs, and again when a nested chart gains a child', () => {
    const { app, charts } = appWithCharts(2);
    const inner = new Chart(charts[0], 'inner');
    const deep = new Chart(inner, 'deep');
    new Construct(new Construct(charts[1], 'group'), 'member');
    let runs = 0;
    addAppCheck(charts[0], 'count', () => { runs++; return []; });
    app.synthYaml();
    app.synthYaml();
    expect(runs).toBe(1);
    new Construct(deep, 'added');
    app.synthYaml();
    expect(runs).toBe(2);
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

describe('addDocumentCheck', () => {
  function configMaps(chart: Chart, count: number): ApiObject[] {
    return Array.from({ length: count }, (_, i) => new ApiObject(chart, `cm${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm${i}` } }));
  }

  test('renders an object once per synth however many document checks read it', () => {
    const { app, charts } = appWithCharts(1);
    const [object] = configMaps(charts[0], 1);
    const render = jest.spyOn(object, 'toJson');
    const seen: string[] = [];
    for (const key of ['first', 'second']) {
      addDocumentCheck(charts[0], key, () => ({ selects: () => true, check: batch => { seen.push(`${key}:${batch[0].document.metadata.name}`); return []; } }));
    }
    app.synthYaml();
    expect(seen).toEqual(['first:cm0', 'second:cm0']);
    // once for both checks, once for the YAML
    expect(render).toHaveBeenCalledTimes(2);
  });

  test('hands documents over in batches of at most 500, and only those the check selects', () => {
    const { app, charts } = appWithCharts(1);
    configMaps(charts[0], 1201);
    const batches: number[] = [];
    addDocumentCheck(charts[0], 'count', () => ({
      selects: object => object.name !== 'cm0',
      check: (batch: readonly RenderedObject[]) => { batches.push(batch.length); return []; },
    }));
    app.synthYaml();
    expect(batches).toEqual([500, 500, 200]);
  });

  test('reads nothing when the check has nothing to read this synth', () => {
    const { app, charts } = appWithCharts(1);
    const [object] = configMaps(charts[0], 1);
    const render = jest.spyOn(object, 'toJson');
    addDocumentCheck(charts[0], 'off', () => undefined);
    app.synthYaml();
    expect(render).toHaveBeenCalledTimes(1);
  });

  test('fails synth with the errors of its batches', () => {
    const { app, charts } = appWithCharts(1);
    configMaps(charts[0], 2);
    addDocumentCheck(charts[0], 'fail', () => ({ selects: () => true, check: batch => batch.map(e => `[${e.object.node.path}] bad (GEN-04)`) }));
    expect(() => app.synthYaml()).toThrow(/\[chart0\/cm0\] bad \(GEN-04\)\n\s+\[cdk8s-eks-autoscaling\] \[chart0\/cm1\] bad/);
  });
});
