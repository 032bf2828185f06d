import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Validation, ValidationContext } from 'cdk8s-cli/plugins';
import { IManifestValidationContext, ManifestValidation, ManifestViolation } from '../../src/validation';
import { VALIDATOR_CACHE_DIR } from '../support/manifest-validator';
import { vendorPath } from '../support/vendor';

const INVALID = vendorPath('manifests', 'upstream-examples', 'invalid-upstream');

let tmp: string;
let previousCacheDir: string | undefined;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-plugin-'));
  previousCacheDir = process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR;
  process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR = VALIDATOR_CACHE_DIR;
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (previousCacheDir === undefined) delete process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR;
  else process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR = previousCacheDir;
});

/** A context shaped like cdk8s-cli's, recording what the plugin reports. */
function fakeContext(manifests: string[]) {
  const violations: ManifestViolation[] = [];
  const submitted: Array<{ status: string; metadata?: Record<string, string> }> = [];
  const logged: string[] = [];
  const context: IManifestValidationContext = {
    manifests,
    report: {
      addViolation: v => violations.push(v),
      submit: (status, metadata) => submitted.push({ status, metadata }),
    },
    logger: { log: m => logged.push(m) },
  };
  return { context, violations, submitted, logged };
}

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

const VALID_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: apps }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;

describe('ManifestValidation (cdk8s CLI validation plugin)', () => {
  test('is exported from the package entry point, where cdk8s-cli looks it up by class name', () => {
    // (the entry point is read rather than loaded: it loads every construct of the library)
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'index.ts'), 'utf8')).toContain("export * from './validation';");
    // cdk8s-cli instantiates it with the `properties` of its cdk8s.yaml entry, and checks for `validate`
    expect(typeof new ManifestValidation({}).validate).toBe('function');
  });

  test('submits success and reports nothing for valid manifests', async () => {
    const fake = fakeContext([write('valid.k8s.yaml', VALID_DEPLOYMENT)]);
    await new ManifestValidation().validate(fake.context);
    expect(fake.violations).toEqual([]);
    expect(fake.submitted).toEqual([{ status: 'success', metadata: { documents: '1', errors: '0' } }]);
    expect(fake.logged).toEqual(['cdk8s-eks-autoscaling: 1 document(s) in 1 manifest(s), 0 error(s)']);
  });

  test('reports every error of every manifest file as a violation, grouped by rule and message', async () => {
    const manifests = fs.readdirSync(INVALID).map(f => path.join(INVALID, f));
    const fake = fakeContext(manifests);
    await new ManifestValidation().validate(fake.context);
    expect(fake.submitted).toEqual([{ status: 'failure', metadata: expect.objectContaining({ errors: expect.stringMatching(/^[1-9]\d*$/) }) }]);
    const locations = fake.violations.flatMap(v => v.violatingResources.flatMap(r => r.locations));
    expect(locations.length).toBe(Number(fake.submitted[0].metadata!.errors));
    // every file is reported
    expect(new Set(fake.violations.flatMap(v => v.violatingResources.map(r => r.manifestPath)))).toEqual(new Set(manifests));
    expect(fake.violations).toContainEqual({
      ruleName: 'schema: required',
      recommendation: 'spec.jobTargetRef.template: Required value',
      fix: 'Change the field at each location: the API server would reject the manifest as it is',
      violatingResources: expect.arrayContaining([{
        resourceName: 'scaledjob-sample',
        locations: ['spec.jobTargetRef.template'],
        manifestPath: path.join(INVALID, 'keda--keda_v1alpha1_scaledjob.yaml'),
      }]),
    });
    // the same unknown field in four Deployments is one violation with four resources
    const privileged = fake.violations.filter(v => v.ruleName === 'schema: unknown field'
      && v.violatingResources.some(r => r.locations.includes('spec.template.spec.containers[0].securityContext.allowPrivilegedEscalation')));
    expect(privileged).toHaveLength(1);
    expect(privileged[0].violatingResources.map(r => r.resourceName).sort()).toEqual(['arm64', 'gpu-amd', 'gpu-nvidia', 'pdb']);
  });

  test('validates custom resources of the CRDs named in its `crds` property', async () => {
    const crd = write('widgets-crd.yaml', `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets }
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: { type: object, properties: { size: { type: integer, maximum: 5 } } }
`);
    const manifest = write('widget.k8s.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: apps }\nspec: { size: 9 }\n');
    const without = fakeContext([manifest]);
    await new ManifestValidation().validate(without.context);
    expect(without.violations.map(v => v.ruleName)).toEqual(['kind']);
    expect(without.violations[0].fix).toContain("add the CRD of this kind to the plugin's `crds` property");

    const withCrd = fakeContext([manifest]);
    await new ManifestValidation({ crds: [crd] }).validate(withCrd.context);
    expect(withCrd.violations).toEqual([{
      ruleName: 'schema: maximum',
      recommendation: 'spec.size: Invalid value: 9: spec.size in body should be less than or equal to 5',
      fix: expect.any(String),
      violatingResources: [{ resourceName: 'w', locations: ['spec.size'], manifestPath: manifest }],
    }]);
  });

  test("works with cdk8s-cli's own ValidationContext and report", async () => {
    const bad = write('bad.k8s.yaml', VALID_DEPLOYMENT.replace('image: nginx', 'image: nginx, imagePullPolicy: Sometimes'));
    const context = new ValidationContext([bad], 'cdk8s-eks-autoscaling', '0.0.0', {}, false);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    // the plugin's context type is structural: cdk8s-cli's report and logger fit it as they are
    const structural: IManifestValidationContext = { manifests: [...context.manifests], report: context.report, logger: context.logger };
    const plugin: Validation = { validate: c => new ManifestValidation().validate({ ...structural, manifests: [...c.manifests] }) };
    await plugin.validate(context);
    expect(log).toHaveBeenCalledWith('cdk8s-eks-autoscaling: 1 document(s) in 1 manifest(s), 1 error(s)');
    log.mockRestore();
    const report = context.report.toJson();
    expect(report.summary.status).toBe('failure');
    expect(report.violations).toEqual([expect.objectContaining({
      ruleName: 'schema: enum',
      recommendation: 'spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      violatingConstructs: [expect.objectContaining({ resourceName: 'web', locations: ['spec.template.spec.containers[0].imagePullPolicy'], manifestPath: bad })],
    })]);
  });
});
