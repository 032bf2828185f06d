import * as fs from 'fs';
import * as path from 'path';
import * as builtinGenerator from '../../scripts/generate-builtin-schemas';
import * as crdGenerator from '../../scripts/generate-crd-schemas';
import { parseCode } from '../../src/validation/builtin-schema';
import { BUILTIN_SCHEMAS } from '../../src/validation/builtin-schemas.generated';
import { CHECKED_DEFINITIONS } from '../../src/validation/builtin-semantics';
import { expandSchema, SHARED_KEY } from '../../src/validation/crd-data';
import { CRD_SCHEMAS } from '../../src/validation/crd-schemas.generated';

const VALIDATION_DIR = path.join(__dirname, '..', '..', 'src', 'validation');
const BUILTIN_FILE = path.join(VALIDATION_DIR, 'builtin-schemas.generated.ts');
const BUILTIN_ENUMS_FILE = path.join(VALIDATION_DIR, 'builtin-enums.generated.ts');
const CRD_FILE = path.join(VALIDATION_DIR, 'crd-schemas.generated.ts');

describe('builtin-schemas.generated.ts', () => {
  test('matches what the generator writes from kubernetes-models (regenerate with npx projen generate:builtin-schemas)', () => {
    const files = builtinGenerator.generate();
    expect(Object.keys(files)).toEqual([BUILTIN_FILE, BUILTIN_ENUMS_FILE]);
    expect(builtinGenerator.OUTPUT).toBe(BUILTIN_FILE);
    for (const file of [BUILTIN_FILE, BUILTIN_ENUMS_FILE]) expect(fs.readFileSync(file, 'utf8')).toBe(files[file]);
  });

  test('stays small, in files of at most 600 lines', () => {
    const texts = [BUILTIN_FILE, BUILTIN_ENUMS_FILE].map(file => fs.readFileSync(file, 'utf8'));
    expect(texts.reduce((n, text) => n + text.length, 0)).toBeLessThan(150 * 1024);
    for (const text of texts) expect(text.split('\n').length).toBeLessThanOrEqual(600);
  });

  test('has the kinds the library and its users generate, and only versions Kubernetes 1.31 serves', () => {
    const kinds = Object.keys(BUILTIN_SCHEMAS.kinds);
    expect(kinds).toEqual(expect.arrayContaining([
      'v1|ConfigMap', 'v1|Secret', 'v1|Service', 'v1|ServiceAccount', 'v1|Namespace', 'apps/v1|Deployment', 'apps/v1|StatefulSet',
      'apps/v1|DaemonSet', 'batch/v1|Job', 'batch/v1|CronJob', 'autoscaling/v2|HorizontalPodAutoscaler', 'policy/v1|PodDisruptionBudget',
      'rbac.authorization.k8s.io/v1|ClusterRole', 'rbac.authorization.k8s.io/v1|RoleBinding', 'networking.k8s.io/v1|NetworkPolicy',
      'networking.k8s.io/v1|Ingress', 'apiextensions.k8s.io/v1|CustomResourceDefinition', 'storage.k8s.io/v1|StorageClass',
    ]));
    expect(kinds.filter(k => /^(extensions|policy\/v1beta1|batch\/v1beta1|autoscaling\/v2beta)/.test(k))).toEqual([]);
    expect(kinds).not.toContain('networking.k8s.io/v1|IPAddress');
  });

  test('every code parses, every reference resolves, and the semantic checks find their definitions', () => {
    const defs = BUILTIN_SCHEMAS.definitions;
    const refs = new Set<string>(Object.values(BUILTIN_SCHEMAS.kinds));
    for (const text of Object.values(defs)) {
      for (const code of Object.values<string>(JSON.parse(text).p)) {
        parseCode(code, BUILTIN_SCHEMAS.enums);
        const ref = /@(\w+)$/.exec(code);
        if (ref) refs.add(ref[1]);
      }
    }
    for (const ref of refs) expect(defs).toHaveProperty([ref]);
    for (const name of CHECKED_DEFINITIONS) expect(defs).toHaveProperty([name]);
  });
});

describe('crd-schemas.generated.ts', () => {
  const generated = crdGenerator.generate();

  test('matches what the generator writes from vendor/crds (regenerate with npx projen generate:crd-schemas)', () => {
    expect(crdGenerator.OUTPUT).toBe(CRD_FILE);
    expect(fs.readFileSync(CRD_FILE, 'utf8')).toBe(generated.text);
  });

  test('stays small', () => {
    expect(fs.statSync(CRD_FILE).size).toBeLessThan(200 * 1024);
  });

  test('has every pinned CRD, served versions only', () => {
    expect(CRD_SCHEMAS.crds.map(c => `${c.group}|${c.kind}|${Object.keys(c.versions).join(',')}`).sort()).toEqual([
      'elbv2.k8s.aws|TargetGroupBinding|v1alpha1,v1beta1',
      'k6.io|PrivateLoadZone|v1alpha1',
      'k6.io|TestRun|v1alpha1',
      'karpenter.k8s.aws|EC2NodeClass|v1',
      'karpenter.sh|NodeClaim|v1',
      'karpenter.sh|NodePool|v1',
      'keda.sh|ClusterTriggerAuthentication|v1alpha1',
      'keda.sh|ScaledJob|v1alpha1',
      'keda.sh|ScaledObject|v1alpha1',
      'keda.sh|TriggerAuthentication|v1alpha1',
      'monitoring.coreos.com|PodMonitor|v1',
      'monitoring.coreos.com|PrometheusRule|v1',
      'monitoring.coreos.com|ServiceMonitor|v1',
      'networking.istio.io|DestinationRule|v1,v1alpha3,v1beta1',
      'networking.istio.io|Gateway|v1,v1alpha3,v1beta1',
      'networking.istio.io|VirtualService|v1,v1alpha3,v1beta1',
    ]);
  });

  test('gives back every schema exactly once its shared sub-schemas are expanded', () => {
    expect(generated.unshared).toHaveLength(CRD_SCHEMAS.schemas.length);
    generated.unshared.forEach((schema, i) => {
      const expanded = expandSchema(CRD_SCHEMAS, i);
      expect(JSON.stringify(expanded)).not.toContain(SHARED_KEY);
      expect(expanded).toEqual(schema);
    });
  });

  test('keeps the CEL rules', () => {
    const rules = CRD_SCHEMAS.schemas.concat(CRD_SCHEMAS.shared).join('').match(/x-kubernetes-validations/g) ?? [];
    expect(rules.length).toBeGreaterThan(50);
  });
});
