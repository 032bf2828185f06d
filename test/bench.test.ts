import { App, Chart } from 'cdk8s';
import { VARIANTS } from '../bench/variants';
import { expectValidManifests } from './support/manifest-validator';

const LAYOUTS = [1, 10];
// Two node pools of 100 services: in the ten-chart layout they land in two charts.
const COUNT = 101;

function build(variant: string, count: number, charts: number): App {
  const app = new App({ outdir: '/tmp/unused' });
  VARIANTS[variant].build(app, count, charts);
  return app;
}

function documentsOf(variant: string, count: number, charts: number): any[] {
  return build(variant, count, charts).charts.flatMap(chart => chart.toJson());
}

describe('bench variants', () => {
  test('the variants are library, library-no-final-pass, baseline and all-raw', () => {
    expect(Object.keys(VARIANTS).sort()).toEqual(['all-raw', 'baseline', 'library', 'library-no-final-pass']);
  });

  // The overhead ratios only mean something if every variant writes the same YAML, in each layout.
  describe.each(LAYOUTS)('with %i chart(s)', charts => {
    const library = documentsOf('library', COUNT, charts);

    test('the library variant writes 2 pools and 6 documents per service', () => {
      // per service: Deployment, Service, ServiceMonitor, TriggerAuthentication, ScaledObject and its PodDisruptionBudget
      expect(library).toHaveLength(2 * 2 + COUNT * 6);
    });

    test.each(['library-no-final-pass', 'baseline', 'all-raw'])('the %s variant writes exactly the documents the library writes', variant => {
      expect(documentsOf(variant, COUNT, charts)).toEqual(library);
    });

    test.each(Object.keys(VARIANTS))('the %s variant uses min(pools, charts) charts', variant => {
      const app = build(variant, COUNT, charts);
      expect(app.node.children.filter(child => child instanceof Chart)).toHaveLength(Math.min(2, charts));
    });
  });

  test('both layouts write the same documents, but for the construct address cdk8s-plus puts on pod templates', () => {
    const withoutAddress = (documents: any[]) => JSON.parse(JSON.stringify(documents).replace(/"cdk8s\.io\/metadata\.addr":"[^"]*"/g, '"addr":""'));
    expect(withoutAddress(documentsOf('library', COUNT, 10))).toEqual(withoutAddress(documentsOf('library', COUNT, 1)));
  });

  test('the library variant writes valid documents', () => {
    expectValidManifests(documentsOf('library', 2, 1));
  });
});
