import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { NodeClassReference, NodePool } from '../../src';

/**
 * A valid NodePool, then two edits the constructs never see: a JSON patch on the pool and a label cdk8s-plus
 * passes through. The final validation pass fails synth on both.
 */
export function buildPatchedApp(): App {
  const app = new App();
  const chart = new Chart(app, 'platform');
  const pool = new NodePool(chart, 'General', { metadata: { name: 'general' }, nodeClass: NodeClassReference.eksAutoMode() });
  ApiObject.of(pool).addJsonPatch(JsonPatch.add('/spec/weight', 0));
  new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'settings', labels: { 'team name': 'platform' } } });
  return app;
}
