import { ApiObject, Chart, Testing } from 'cdk8s';
import { SyncWaves } from '../../src';

function chartWith(kinds: string[]): Chart {
  const chart = Testing.chart();
  kinds.forEach((kind, i) => new ApiObject(chart, `obj${i}`, { apiVersion: 'v1', kind, metadata: { name: `o${i}` } }));
  return chart;
}

describe('SyncWaves', () => {
  test('annotates objects with their wave and orders the chart by it', () => {
    const chart = chartWith(['TestRun', 'ScaledObject', 'Deployment', 'ConfigMap', 'NodePool', 'EC2NodeClass', 'Namespace']);
    SyncWaves.apply(chart);
    const docs = Testing.synth(chart);
    expect(docs.map(d => d.kind)).toEqual(['Namespace', 'ConfigMap', 'EC2NodeClass', 'NodePool', 'Deployment', 'ScaledObject', 'TestRun']);
    expect(docs.map(d => d.metadata.annotations?.[SyncWaves.ANNOTATION])).toEqual(['-3', '-2', '-2', '-1', undefined, '1', '2']);
  });

  test('keeps a wave set by hand and applies overrides', () => {
    const chart = chartWith(['Deployment', 'Job']);
    ApiObject.of(chart.node.findChild('obj0')).metadata.addAnnotation(SyncWaves.ANNOTATION, '5');
    SyncWaves.apply(chart, { waves: { Job: 3 }, orderDocuments: false });
    expect(Testing.synth(chart).map(d => d.metadata.annotations[SyncWaves.ANNOTATION])).toEqual(['5', '3']);
  });

  test('throws for a wave that is not an integer', () => {
    const chart = chartWith(['Job']);
    expect(() => SyncWaves.apply(chart, { waves: { Job: 1.5 } })).toThrow(/\[test\] waves\[Job\]: got 1.5; a sync wave must be an integer/);
  });

  test.each([[NaN, 'NaN'], [Infinity, 'Infinity'], [1e21, '1e\\+21']])('throws for the wave %s, which would not be written as an integer', (wave, shown) => {
    const chart = chartWith(['Job']);
    expect(() => SyncWaves.apply(chart, { waves: { Job: wave } })).toThrow(new RegExp(`\\[test\\] waves\\[Job\\]: got ${shown}; a sync wave must be an integer within ±2\\^53 \\(GEN-36\\)`));
  });

  test('throws for a wave annotation set by hand that is not an integer, which Argo CD would read as 0', () => {
    const chart = chartWith(['Deployment']);
    ApiObject.of(chart.node.findChild('obj0')).metadata.addAnnotation(SyncWaves.ANNOTATION, 'early');
    expect(() => SyncWaves.apply(chart)).toThrow('[test/obj0] metadata.annotations["argocd.argoproj.io/sync-wave"]: got "early"; a sync wave must be an integer');
  });
});
