import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { NodePool as L1NodePool } from '../../imports/karpenter-nodepools-karpenter.sh';
import { NodeClassReference, NodePool, SynthValidation, SynthWarnings } from '../../src';
import { testCrd } from '../support/crds';

/** A chart with one valid NodePool, so the library (and its final pass) is in the app. */
function chartWithPool(app: App = Testing.app(), id: string = 'chart'): { app: App; chart: Chart; pool: NodePool } {
  const chart = new Chart(app, id);
  const pool = new NodePool(chart, 'Pool', { metadata: { name: `${id}-pool` }, nodeClass: NodeClassReference.eksAutoMode() });
  return { app, chart, pool };
}

const WIDGET_CRD = testCrd({
  group: 'example.com',
  kind: 'Widget',
  plural: 'widgets',
  specSchema: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } },
});

describe('the final validation pass at synth', () => {
  test('is on for an app that uses a library construct and off for one that uses none', () => {
    const { app } = chartWithPool();
    expect(SynthValidation.isEnabled(app)).toBe(true);
    expect(SynthValidation.isEnabled(Testing.app())).toBe(false);
  });

  test('fails synth for a cdk8s-plus object the API server would refuse, naming its construct path, field, value and rule', () => {
    const { chart } = chartWithPool();
    new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'settings', labels: { 'team name': 'a' } } });
    expect(() => Testing.synth(chart)).toThrow(
      /\[chart\/Settings\/Resource\] metadata\.labels: got "team name"; .*name part must consist of alphanumeric characters.* \[metadata\] \(GEN-60\)/);
  });

  test('fails synth when a JSON patch makes a library object invalid', () => {
    const { chart, pool } = chartWithPool();
    ApiObject.of(pool).addJsonPatch(JsonPatch.add('/spec/weight', 0));
    expect(() => Testing.synth(chart)).toThrow(/\[chart\/Pool\] spec\.weight: got 0; .*greater than or equal to 1 \[schema: minimum\] \(GEN-60\)/);
  });

  test('fails synth for a generated L1 object used directly', () => {
    const { chart } = chartWithPool();
    new L1NodePool(chart, 'Raw', {
      metadata: { name: 'raw' },
      spec: { weight: 101, template: { spec: { nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'default' }, requirements: [] } } },
    });
    expect(() => Testing.synth(chart)).toThrow(/\[chart\/Raw\] spec\.weight: got 101; .*\(GEN-60\)/);
  });

  test('fails synth for a cdk8s-plus L1 object used directly', () => {
    const { chart } = chartWithPool();
    new kplus.k8s.KubeConfigMap(chart, 'Raw', { metadata: { name: 'Not_A_Name' }, data: { a: 'b' } });
    expect(() => Testing.synth(chart)).toThrow(/\[chart\/Raw\] metadata\.name: got "Not_A_Name"; .*\(GEN-60\)/);
  });

  test('fails synth for an included YAML document', () => {
    const { chart } = chartWithPool();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'include-'));
    const file = path.join(dir, 'service.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 70000\n');
    try {
      new Include(chart, 'Upstream', { url: file });
      expect(() => Testing.synth(chart)).toThrow(/\[chart\/Upstream\/web-service\] spec\.ports\[0\]\.port: got 70000; .*\(GEN-60\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails synth for a document istiod\'s webhook would refuse, whoever wrote it', () => {
    const { chart } = chartWithPool();
    new ApiObject(chart, 'Routes', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'web' },
      spec: { hosts: ['foo.123'], http: [{ route: [{ destination: { host: 'web' } }] }] },
    });
    expect(() => Testing.synth(chart)).toThrow(/\[chart\/Routes\] spec\.hosts\[0\]: got "foo\.123"; .*top-level domain "123" is all digits.* \[webhook: istiod VS-14\] \(GEN-60\)/);
  });

  test('accepts every valid document, whoever wrote it', () => {
    const { chart } = chartWithPool();
    new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'settings' }, data: { level: 'info' } });
    new kplus.k8s.KubeConfigMap(chart, 'Raw', { metadata: { name: 'raw' }, data: { a: 'b' } });
    expect(Testing.synth(chart).map(d => d.kind)).toEqual(['NodePool', 'ConfigMap', 'ConfigMap']);
  });

  test('leaves unresolved AWS CDK tokens to whoever resolves them later', () => {
    const { chart } = chartWithPool();
    new ApiObject(chart, 'FromStack', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${Token[TOKEN.42]}' } });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('keeps format checks on placeholders that are not AWS CDK tokens', () => {
    const { chart } = chartWithPool();
    new ApiObject(chart, 'Templated', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orders-${env}' } });
    expect(() => Testing.synth(chart)).toThrow(/\[chart\/Templated\] metadata\.name: got "orders-\$\{env\}"; .*\(GEN-60\)/);
  });

  test('warns about a kind it has no schema for, and validates it once its CRD is added', () => {
    const { app, chart } = chartWithPool();
    const widget = new ApiObject(chart, 'Widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 0 } });
    Testing.synth(chart);
    expect(SynthWarnings.of(widget)).toEqual([expect.stringMatching(/^\[chart\/Widget\] example\.com\/v1\/Widget is not validated: .*\(GEN-61\)$/)]);

    SynthValidation.addCustomResourceDefinitions(app, [WIDGET_CRD]);
    const again = chartWithPool(app, 'other');
    new ApiObject(again.chart, 'Widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w2' }, spec: { size: 0 } });
    expect(() => Testing.synth(again.chart)).toThrow(/\[other\/Widget\] spec\.size: got 0; .*\[schema: minimum\] \(GEN-60\)/);
  });

  test('is off for an app that disables it, with a reason', () => {
    const { app, chart } = chartWithPool();
    new kplus.k8s.KubeConfigMap(chart, 'Raw', { metadata: { name: 'Not_A_Name' } });
    SynthValidation.disable(app, 'kubeconform runs on the output in CI');
    expect(SynthValidation.isEnabled(chart)).toBe(false);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('throws when it is disabled without a reason', () => {
    const { app } = chartWithPool();
    expect(() => SynthValidation.disable(app, ' ')).toThrow(/reason: got " "; must say why the final validation pass is off \(GEN-62\)/);
  });

  test('can be turned on for an app without library constructs', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plain');
    new kplus.k8s.KubeConfigMap(chart, 'Raw', { metadata: { name: 'Not_A_Name' } });
    SynthValidation.enable(app);
    expect(() => Testing.synth(chart)).toThrow(/\(GEN-60\)/);
  });

  test('renders each object once per synth, however many charts cdk8s validates the app for', () => {
    const app = Testing.app();
    let renders = 0;
    class Counted extends ApiObject {
      public toJson(): any {
        renders++;
        return super.toJson();
      }
    }
    for (const id of ['a', 'b', 'c']) chartWithPool(app, id);
    new Counted(app.node.findChild('a') as Construct, 'Counted', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'counted' } });
    app.synthYaml();
    // once for the pass (cdk8s validates four times: once for the app and once per chart), once for the YAML
    expect(renders).toBe(2);
  });

  test('leaves the library\'s custom resources to their own check, so cdk8s renders them once per synth', () => {
    const app = Testing.app();
    for (const id of ['a', 'b', 'c']) chartWithPool(app, id);
    const pool = app.node.findChild('a').node.findChild('Pool') as NodePool;
    const render = jest.spyOn(pool, 'toJson');
    app.synthYaml();
    expect(render).toHaveBeenCalledTimes(1);
  });

  test('leaves a library custom resource\'s rendered document unchecked when the app disables the pass', () => {
    const { app, chart, pool } = chartWithPool();
    ApiObject.of(pool).addJsonPatch(JsonPatch.add('/spec/weight', 0));
    SynthValidation.disable(app, 'kubeconform runs on the output in CI');
    expect(Testing.synth(chart)[0].spec.weight).toBe(0);
  });

  test('validates afresh when constructs were added since the last synth of the same job', () => {
    const { chart } = chartWithPool();
    Testing.synth(chart);
    new kplus.k8s.KubeConfigMap(chart, 'Raw', { metadata: { name: 'Not_A_Name' } });
    expect(() => Testing.synth(chart)).toThrow(/\[chart\/Raw\] metadata\.name/);
  });
});
