import { App } from 'cdk8s';
import { VARIANTS } from '../bench/variants';
import { expectValidManifests } from './support/manifest-validator';

function documentsOf(variant: string, count: number): any[] {
  const app = new App({ outdir: '/tmp/unused' });
  VARIANTS[variant].build(app, count);
  return app.charts.flatMap(chart => chart.toJson());
}

describe('bench variants', () => {
  // The overhead ratios only mean something if every variant writes the same YAML.
  test('the raw variant writes exactly the documents the library writes', () => {
    const library = documentsOf('library', 101);
    // per service: Deployment, Service, ServiceMonitor, TriggerAuthentication, ScaledObject and its PodDisruptionBudget
    expect(library).toHaveLength(2 * 2 + 101 * 6);
    expect(documentsOf('raw', 101)).toEqual(library);
  });

  test('the all-raw variant writes exactly the documents the library writes', () => {
    expect(documentsOf('all-raw', 101)).toEqual(documentsOf('library', 101));
  });

  test('the library-revalidating variant writes exactly the documents the library writes', () => {
    expect(documentsOf('library-revalidating', 101)).toEqual(documentsOf('library', 101));
  });

  test('the library variant writes valid documents', () => {
    expectValidManifests(documentsOf('library', 2));
  });
});
