import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/validation/cli';
import { VALIDATOR_CACHE_DIR } from '../support/manifest-validator';
import { vendorPath } from '../support/vendor';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = vendorPath('manifests', 'upstream-examples');
const INVALID = path.join(EXAMPLES, 'invalid-upstream');
const CLI = path.join(ROOT, 'src', 'validation', 'cli.ts');

/** Runs the CLI's main function; returns its exit status and what it printed. */
function run(...args: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main([args[0], ...args.slice(1), '--cache-dir', VALIDATOR_CACHE_DIR], { out: l => out.push(l), err: l => err.push(l) });
  return { status, out, err };
}

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-cli-'));
  // prometheus-operator's getting-started examples also create a Prometheus, whose CRD is not pinned:
  // a permissive CRD for it shows --crd at work
  fs.writeFileSync(path.join(tmp, 'prometheus-crd.yaml'), [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: { name: prometheuses.monitoring.coreos.com }',
    'spec:',
    '  group: monitoring.coreos.com',
    '  scope: Namespaced',
    '  names: { kind: Prometheus, plural: prometheuses, singular: prometheus, listKind: PrometheusList }',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        properties:',
    '          spec: { type: object, x-kubernetes-preserve-unknown-fields: true }',
    '',
  ].join('\n'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const validFolders = () => fs.readdirSync(EXAMPLES).filter(d => d !== 'invalid-upstream').map(d => path.join(EXAMPLES, d))
  .filter(d => fs.statSync(d).isDirectory());

describe('cdk8s-eks-autoscaling validate', () => {
  test('fails (exit 1) on a host istiod\'s webhook would refuse, which the CRD alone accepts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-admission-'));
    try {
      const file = path.join(dir, 'virtual-service.yaml');
      fs.writeFileSync(file, 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: web, namespace: apps }\nspec:\n  hosts: [foo.123]\n');
      const result = run('validate', file);
      expect(result.out).toEqual([expect.stringMatching(/virtual-service\.yaml:0 networking\.istio\.io\/v1\/VirtualService apps\/web: spec\.hosts\[0\]: Invalid value: "foo\.123": .*all digits/)]);
      expect(result.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('accepts every valid upstream example (exit 0), with --crd for the one CRD that is not pinned', () => {
    const result = run('validate', ...validFolders(), '--crd', path.join(tmp, 'prometheus-crd.yaml'));
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(/^\d+ document\(s\) in \d+ file\(s\): valid$/)]);
    expect(result.status).toBe(0);
  });

  test('without that CRD, fails the Prometheus documents and names the missing CRD', () => {
    const result = run('validate', path.join(EXAMPLES, 'prometheus-operator'));
    expect(result.status).toBe(1);
    expect(result.out).toHaveLength(2);
    for (const line of result.out) {
      expect(line).toMatch(/^vendor\/manifests\/upstream-examples\/prometheus-operator\/user-guides-getting-started-prometheus-(pod|service)-monitor\.yaml:0 /);
      expect(line).toContain('monitoring.coreos.com/v1/Prometheus prometheus: no schema for monitoring.coreos.com/v1|Prometheus: '
        + 'no CustomResourceDefinition for kind Prometheus in group monitoring.coreos.com is known; pass it with --crd');
    }
  });

  test('rejects every invalid upstream example (exit 1) with the message it expects, one line per error', () => {
    const result = run('validate', INVALID);
    expect(result.status).toBe(1);
    for (const file of fs.readdirSync(INVALID)) {
      const lines = result.out.filter(l => l.startsWith(`${path.relative(ROOT, path.join(INVALID, file))}:`));
      const expected = fs.readFileSync(path.join(INVALID, file), 'utf8').split('\n').filter(l => l.startsWith('# expect: ')).map(l => l.slice(10));
      expect(expected.length).toBeGreaterThan(0);
      for (const message of expected) expect(lines.join('\n')).toContain(message);
    }
    expect(result.out).toContain('vendor/manifests/upstream-examples/invalid-upstream/keda--keda_v1alpha1_scaledjob.yaml:0 '
      + 'keda.sh/v1alpha1/ScaledJob scaledjob-sample: spec.jobTargetRef.template: Required value');
    expect(result.err).toEqual([expect.stringMatching(/: \d+ error\(s\)$/)]);
  });

  test('--json prints an array of errors with their file and document', () => {
    const file = path.join(INVALID, 'keda--keda_v1alpha1_scaledjob.yaml');
    const result = run('validate', file, '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.out.join('\n'))).toEqual([{
      file: path.relative(ROOT, file),
      document: 0,
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledJob',
      name: 'scaledjob-sample',
      path: 'spec.jobTargetRef.template',
      message: 'Required value',
      rule: 'schema: required',
    }]);
    expect(result.err).toEqual([]);
  });

  test('numbers documents by their position in a multi-document file and reads JSON files', () => {
    const multi = path.join(tmp, 'multi.yaml');
    fs.writeFileSync(multi, [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: ok, namespace: apps }', '---',
      '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: Bad_Name, namespace: apps }', '',
    ].join('\n'));
    fs.writeFileSync(path.join(tmp, 'service.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 0 }] } }));
    const result = run('validate', tmp);
    expect(result.status).toBe(1);
    expect(result.out.map(l => l.replace(`${tmp}/`, ''))).toEqual([
      'multi.yaml:2 v1/ConfigMap apps/Bad_Name: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case '
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      'service.json:0 v1/Service web: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  test('uses the CRDs found among the validated files', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'with-crd-'));
    fs.copyFileSync(path.join(tmp, 'prometheus-crd.yaml'), path.join(dir, 'crd.yaml'));
    fs.writeFileSync(path.join(dir, 'prometheus.yaml'), 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: { name: p, namespace: apps }\nspec: {}\n');
    expect(run('validate', dir).status).toBe(0);
  });

  test('reports YAML syntax errors as errors of their document', () => {
    const broken = path.join(tmp, 'broken.yml');
    fs.writeFileSync(broken, 'apiVersion: v1\nkind: [ConfigMap\n');
    const result = run('validate', broken);
    expect(result.status).toBe(1);
    expect(result.out).toEqual([expect.stringMatching(new RegExp(`^${broken}:0: YAML: `))]);
    fs.rmSync(broken);
  });

  test('exits 2 on usage errors', () => {
    expect(run('validate').status).toBe(2);
    expect(run('validate', path.join(tmp, 'missing.yaml')).err[0]).toMatch(/no such file or folder/);
    expect(run('validate', EXAMPLES, '--bogus').status).toBe(2);
    const notCrd = path.join(tmp, 'multi.yaml');
    const result = run('validate', EXAMPLES, '--crd', notCrd);
    expect(result.status).toBe(2);
    expect(result.err[0]).toContain('no apiextensions.k8s.io/v1 CustomResourceDefinition with schemas in it');
    expect(main(['lint'], { out: () => undefined, err: () => undefined })).toBe(2);
    const help: string[] = [];
    expect(main(['validate', '--help'], { out: l => help.push(l), err: () => undefined })).toBe(0);
    expect(help.join('\n')).toContain('Usage: cdk8s-eks-autoscaling validate');
  });

  test('runs as a command: shebang, exit status and output', () => {
    expect(fs.readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const file = path.join(INVALID, 'karpenter--windows-custom-userdata.yaml');
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', CLI, 'validate', file, '--no-cache'], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('karpenter.sh/v1/NodePool windows2022: spec.template.spec.nodeClassRef.group: Invalid value: "karpenter.k8s.aws/v1"');
    expect(result.stderr).toMatch(/\d+ document\(s\) in 1 file\(s\): \d+ error\(s\)/);
    expect(execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', CLI, 'validate', path.join(EXAMPLES, 'karpenter', 'spot.yaml')], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json', CDK8S_EKS_AUTOSCALING_CACHE_DIR: VALIDATOR_CACHE_DIR },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })).toBe('');
  });
});
