import * as os from 'os';
import * as path from 'path';
import { App, Yaml } from 'cdk8s';
import { EXAMPLES } from '../examples/registry';
import { expectValidManifests } from './support/manifest-validator';

function chartsOf(app: App) {
  return app.charts.map(chart => ({ id: chart.node.id, manifests: chart.toJson() }));
}

describe.each(EXAMPLES.map(e => [e.name, e] as const))('example %s', (_name, example) => {
  const app = example.buildApp(path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-examples', example.name));
  const charts = chartsOf(app);

  test('has at least one chart, each with manifests', () => {
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(chart.manifests.length).toBeGreaterThan(0);
  });

  test('synthesizes only documents that are valid against their schemas', () => {
    expectValidManifests(charts.flatMap(c => c.manifests));
  });

  test('writes the same YAML through app.synth as cdk8s writes chart by chart', () => {
    // inside app.synth the library skips cdk8s's per-chart revalidation (src/core/validation.ts)
    expect(app.synthYaml()).toEqual(Yaml.stringify(...charts.flatMap(c => c.manifests)));
  });

  test('matches the snapshot of every chart', () => {
    for (const chart of charts) {
      expect(chart.manifests).toMatchSnapshot(chart.id);
    }
  });
});
