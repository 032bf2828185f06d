import { App, Chart } from 'cdk8s';
import { NodeClassReference, NodePool, SynthWarnings } from '../../src';

/** A batch pool that is meant to grow without a cap, with its NP-41 warning acknowledged. */
export function buildAcknowledgedApp(): App {
  const app = new App();
  const chart = new Chart(app, 'batch');
  new NodePool(chart, 'Burst', {
    metadata: { name: 'burst' },
    nodeClass: NodeClassReference.eksAutoMode(),
    // no limits: NP-41 warns that the pool can launch capacity without bound
  });
  SynthWarnings.acknowledge(chart, 'NP-41', 'burst capacity is capped by the AWS account quota and a billing alarm');
  return app;
}
