import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { NodeClassReference, NodePool, SynthWarnings } from '../../src';

describe('SynthWarnings', () => {
  test('lists the warnings recorded below a scope with their construct paths', () => {
    const app = Testing.app();
    const chart = Testing.chart();
    new NodePool(chart, 'Pool', { nodeClass: NodeClassReference.eksAutoMode() });
    new kplus.ConfigMap(chart, 'Quiet');
    expect(SynthWarnings.of(chart)).toEqual([expect.stringMatching(/^\[test\/Pool\] has no limits/)]);
    expect(SynthWarnings.of(app)).toEqual([]);
  });
});
