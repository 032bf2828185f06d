import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { NodeClassReference, NodePool } from '../../src';

/**
 * A valid NodePool, and a label cdk8s-plus passes through, which the constructs never see: the final validation
 * pass (on in every app that uses the library's constructs) fails synth on it.
 */
export function buildBadLabelApp(): App {
  const app = new App();
  const chart = new Chart(app, 'platform');
  new NodePool(chart, 'General', { metadata: { name: 'general' }, nodeClass: NodeClassReference.eksAutoMode() });
  new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'settings', labels: { 'team name': 'platform' } } });
  return app;
}

/** A valid NodePool and a JSON patch that breaks it: the pool's own document check fails synth as it is rendered. */
export function buildPatchedPoolApp(): App {
  const app = new App();
  const chart = new Chart(app, 'platform');
  const pool = new NodePool(chart, 'General', { metadata: { name: 'general' }, nodeClass: NodeClassReference.eksAutoMode() });
  ApiObject.of(pool).addJsonPatch(JsonPatch.add('/spec/weight', 0));
  return app;
}
