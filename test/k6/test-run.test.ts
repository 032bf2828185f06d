import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { warningsOf } from '../../src/core/warnings';
import { K6Script, TestRun, TestRunNaming, TestRunProps } from '../../src/k6';
import { expectValidManifests } from '../support/manifest-validator';

const LOAD_TEST = path.join(__dirname, 'fixtures', 'load-test.js');
const SMOKE = path.join(__dirname, 'fixtures', 'smoke.js');

function seedConfigMap(chart: any) {
  const scripts = new kplus.ConfigMap(chart, 'Scripts', { metadata: { name: 'k6-test-scripts' } });
  scripts.addFile(LOAD_TEST, 'load-test.js');
  scripts.addFile(LOAD_TEST, 'perf-test-x86.js');
  return scripts;
}

function testRunDoc(chart: any) {
  return Testing.synth(chart).find(d => d.kind === 'TestRun');
}

const SECURE_POD = { runAsNonRoot: true, runAsUser: 12345, runAsGroup: 12345, seccompProfile: { type: 'RuntimeDefault' } };
const SECURE_CONTAINER = { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } };

describe('TestRun', () => {
  test('reproduces seed 000 load-test from the shared k6-test-scripts ConfigMap, with secure defaults', () => {
    const chart = Testing.chart();
    const scripts = seedConfigMap(chart);
    new TestRun(chart, 'LoadTest', {
      metadata: { name: 'load-test' },
      script: K6Script.fromConfigMap(scripts, 'load-test.js'),
      quiet: false,
      runner: { resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(512) } } },
    });
    expect(testRunDoc(chart)).toEqual({
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 'load-test' },
      spec: {
        quiet: 'false',
        cleanup: 'post',
        parallelism: 1,
        script: { configMap: { name: 'k6-test-scripts', file: 'load-test.js' } },
        runner: {
          image: 'grafana/k6:2.3.0',
          metadata: { annotations: { 'karpenter.sh/do-not-disrupt': 'true' } },
          resources: { requests: { cpu: '500m', memory: '512Mi' } },
          automountServiceAccountToken: 'false',
          securityContext: SECURE_POD,
          containerSecurityContext: SECURE_CONTAINER,
        },
        starter: { automountServiceAccountToken: 'false', securityContext: SECURE_POD, containerSecurityContext: SECURE_CONTAINER },
      },
    });
    expectValidManifests(Testing.synth(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('packs a local script into a ConfigMap it creates', () => {
    const chart = Testing.chart();
    const run = new TestRun(chart, 'Spike', { metadata: { name: 'spike', namespace: 'moc' }, script: K6Script.fromFile(LOAD_TEST) });
    const docs = Testing.synth(chart);
    expect(docs.map(d => d.kind)).toEqual(['ConfigMap', 'TestRun']);
    const configMap = docs.find(d => d.kind === 'ConfigMap');
    expect(configMap.metadata).toEqual({ name: 'spike-script', namespace: 'moc' });
    expect(configMap.data['load-test.js']).toContain('montecarlo-pi.default.svc.cluster.local');
    expect(run.scriptConfigMap?.name).toBe('spike-script');
    expect(docs.find(d => d.kind === 'TestRun').spec.script).toEqual({ configMap: { name: 'spike-script', file: 'load-test.js' } });
    expectValidManifests(docs);
  });

  test('renders parallelism, args, separate, node placement, env, labels and a service account', () => {
    const chart = Testing.chart();
    new TestRun(chart, 'Run', {
      metadata: { name: 'perf-test-x86' },
      script: K6Script.fromFile(LOAD_TEST),
      parallelism: 4,
      args: ['--tag', 'arch=x86', '-e', 'TARGET=$(TARGET)'],
      separate: true,
      quiet: true,
      cleanup: false,
      runner: {
        image: 'grafana/k6:2.1.0@sha256:65c920dc067d5e2e00befbf982af6ad6ad0117034e8b1c65817c7975c52d4669',
        nodeSelector: { intent: 'load-test' },
        tolerations: [{ key: 'load-test', effect: kplus.TaintEffect.NO_SCHEDULE }, { key: 'dedicated', value: 'k6' }],
        labels: { team: 'perf' },
        annotations: { 'example.com/owner': 'perf' },
        env: { TARGET: 'http://montecarlo-pi-x86' },
        serviceAccountName: 'k6-runner',
        doNotDisrupt: false,
        runAsUser: 20000,
        resources: {
          cpu: { request: kplus.Cpu.units(1), limit: kplus.Cpu.units(2) },
          memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
        },
      },
    });
    const spec = testRunDoc(chart).spec;
    expect(spec.parallelism).toBe(4);
    expect(spec.args).toEqual(['--tag', 'arch=x86', '-e', 'TARGET=$(TARGET)']);
    expect(spec.separate).toBe(true);
    expect(spec.quiet).toBe('true');
    expect(spec.cleanup).toBeUndefined();
    expect(spec.runner).toMatchObject({
      image: 'grafana/k6:2.1.0@sha256:65c920dc067d5e2e00befbf982af6ad6ad0117034e8b1c65817c7975c52d4669',
      nodeSelector: { intent: 'load-test' },
      tolerations: [{ key: 'load-test', operator: 'Exists', effect: 'NoSchedule' }, { key: 'dedicated', operator: 'Equal', value: 'k6' }],
      metadata: { labels: { team: 'perf' }, annotations: { 'example.com/owner': 'perf' } },
      env: [{ name: 'TARGET', value: 'http://montecarlo-pi-x86' }],
      serviceAccountName: 'k6-runner',
      resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } },
      securityContext: { runAsUser: 20000, runAsGroup: 20000 },
    });
    expectValidManifests(Testing.synth(chart));
  });

  test('reads a script from a volume claim', () => {
    const chart = Testing.chart();
    const claim = kplus.PersistentVolumeClaim.fromClaimName(chart, 'Claim', 'stress-test-scripts');
    new TestRun(chart, 'Run', { script: K6Script.fromVolumeClaim(claim, 'suites/test.js', { readOnly: true }) });
    expect(testRunDoc(chart).spec.script).toEqual({ volumeClaim: { name: 'stress-test-scripts', file: 'suites/test.js', readOnly: true } });
    expectValidManifests(Testing.synth(chart));
  });

  describe('content-hash naming', () => {
    function hashedRun(script: string, runId?: string, parallelism = 1) {
      const chart = Testing.chart();
      const run = new TestRun(chart, 'Run', { metadata: { name: 'spike' }, script: K6Script.fromFile(script), parallelism, naming: TestRunNaming.contentHash(runId) });
      return { run, doc: testRunDoc(chart) };
    }

    test('appends a stable hash and keeps a fixed label on the TestRun and its runners', () => {
      const { run, doc } = hashedRun(LOAD_TEST);
      expect(doc.metadata.name).toMatch(/^spike-[0-9a-f]{8}$/);
      expect(run.name).toBe(doc.metadata.name);
      expect(run.testName).toBe('spike');
      expect(doc.metadata.labels).toEqual({ k6_test: 'spike' });
      expect(doc.spec.runner.metadata.labels).toEqual({ k6_test: 'spike' });
      expect(doc.spec.script.configMap.name).toBe('spike-script');
      expect(hashedRun(LOAD_TEST).doc.metadata.name).toBe(doc.metadata.name);
    });

    test('changes the name when the script, the spec or the runId changes', () => {
      const base = hashedRun(LOAD_TEST).doc.metadata.name;
      expect(hashedRun(SMOKE).doc.metadata.name).not.toBe(base);
      expect(hashedRun(LOAD_TEST, undefined, 2).doc.metadata.name).not.toBe(base);
      expect(hashedRun(LOAD_TEST, 'build-42').doc.metadata.name).not.toBe(base);
    });
  });

  test('warns when parallelism exceeds the VUs found in the script', () => {
    const chart = Testing.chart();
    const run = new TestRun(chart, 'Run', { script: K6Script.fromFile(SMOKE), parallelism: 3 });
    expect(warningsOf(run)).toEqual([expect.stringContaining('parallelism 3 exceeds the script\'s largest VU count 2')]);
  });

  test('fails when the ConfigMap does not hold the script file', () => {
    const chart = Testing.chart();
    new TestRun(chart, 'Run', { script: K6Script.fromConfigMap(seedConfigMap(chart), 'perf-test-graviton.js') });
    expect(() => Testing.synth(chart)).toThrow('[test/Run] script.file: got "perf-test-graviton.js"; must be a key of ConfigMap "k6-test-scripts" (its keys: load-test.js, perf-test-x86.js)');
  });

  test('fails when the ConfigMap is in another namespace', () => {
    const chart = Testing.chart();
    new TestRun(chart, 'Run', { metadata: { namespace: 'load' }, script: K6Script.fromConfigMap(seedConfigMap(chart), 'load-test.js') });
    expect(() => Testing.synth(chart)).toThrow('[test/Run] script: got "k6-test-scripts"; must be in the TestRun\'s namespace "load", not "(unset)"');
  });

  test('accepts an imported ConfigMap without checking its keys', () => {
    const chart = Testing.chart();
    new TestRun(chart, 'Run', { script: K6Script.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'Cm', 'k6-test'), 'test.js') });
    expect(testRunDoc(chart).spec.script).toEqual({ configMap: { name: 'k6-test', file: 'test.js' } });
  });

  test.each<[string, Partial<TestRunProps>, string]>([
    ['parallelism 0', { parallelism: 0 }, 'parallelism: got 0; must be an integer from 1 to 2147483647'],
    ['a latest image', { runner: { image: 'grafana/k6:latest' } }, 'runner.image: got "grafana/k6:latest"; must be pinned to a tag other than "latest" or to a digest'],
    ['an untagged image', { runner: { image: 'registry.example.com:5000/k6' } }, 'runner.image: got "registry.example.com:5000/k6"; must be pinned'],
    ['a stray positional argument', { args: ['cloud', '--out'] }, 'args[0]: got "cloud"; must be a flag starting with "-"'],
    ['an empty argument', { args: ['--tag', ''] }, 'args[1]: got ""; must not be empty (K6-05)'],
    ['a name too long for derived job names', { metadata: { name: 'a'.repeat(52) } }, `metadata.name: got "${'a'.repeat(52)}"; must be at most 51 characters`],
    ['a name too long once hashed', { metadata: { name: 'a'.repeat(45) }, naming: TestRunNaming.contentHash() }, `metadata.name: got "${'a'.repeat(45)}"; must be at most 42 characters: the operator derives job and Service names from it and a 9-character hash is appended`],
    ['an operator-owned runner label', { runner: { labels: { k6_cr: 'x' } } }, 'runner.labels: got {"k6_cr":"x"}; must not set "app", "k6_cr" or "runner"'],
    ['an invalid toleration key', { runner: { tolerations: [{ key: 'bad key' }] } }, 'runner.tolerations[0].key: got "bad key"; must be a qualified name'],
    ['an invalid env name', { runner: { env: { '1BAD': 'x' } } }, 'runner.env: got "1BAD"; names must be C identifiers'],
    ['runAsUser 0', { runner: { runAsUser: 0 } }, 'runner.runAsUser: got 0; must be an integer from 1 to 2147483647'],
    ['runAsUser beyond the user ids Kubernetes takes', { runner: { runAsUser: 2 ** 31 } }, 'runner.runAsUser: got 2147483648; must be an integer from 1 to 2147483647'],
    ['a CPU request above the limit', { runner: { resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) } } } },
      'runner.resources.cpu.request: got "2"; must not exceed the cpu limit; Kubernetes refuses the runner pods (K6-22)'],
    ['a memory request above the limit', { runner: { resources: { memory: { request: Size.gibibytes(2), limit: Size.mebibytes(512) } } } },
      'runner.resources.memory.request: got "2Gi"; must not exceed the memory limit'],
    ['parallelism beyond int32', { parallelism: 2 ** 31 }, 'parallelism: got 2147483648; must be an integer from 1 to 2147483647'],
    ['a NaN parallelism', { parallelism: NaN }, 'parallelism: got NaN; must be an integer from 1 to 2147483647'],
    ['an empty image', { runner: { image: '' } }, 'runner.image: got ""; must be an image reference'],
    ['an image without a repository', { runner: { image: ':2.3.0' } }, 'runner.image: got ":2.3.0"; must be an image reference'],
    ['an image with upper-case path components', { runner: { image: 'Grafana/k6:2.3.0' } }, 'runner.image: got "Grafana/k6:2.3.0"; must be an image reference'],
    ['an image with an empty path component', { runner: { image: 'grafana//k6:2.3.0' } }, 'runner.image: got "grafana//k6:2.3.0"; must be an image reference'],
    ['an image with a malformed digest', { runner: { image: 'grafana/k6@sha256:xyz' } }, 'runner.image: got "grafana/k6@sha256:xyz"; must be an image reference'],
    ['a toleration value that is not a label value', { runner: { tolerations: [{ key: 'pool', value: 'load test' }] } }, 'runner.tolerations[0].value: got "load test"; must be a label value'],
    ['a toleration effect that is not a taint effect', { runner: { tolerations: [{ key: 'pool', effect: 'Never' as any }] } },
      'runner.tolerations[0].effect: got "Never"; must be one of "NoSchedule", "PreferNoSchedule", "NoExecute" (K6-21)'],
    ['a NaN CPU request', { runner: { resources: { cpu: { request: kplus.Cpu.units(NaN) } } } }, 'runner.resources.cpu.request: got "NaN"; must be a finite, non-negative CPU quantity such as Cpu.millis(250)'],
    ['an infinite CPU limit', { runner: { resources: { cpu: { limit: kplus.Cpu.units(Infinity) } } } }, 'runner.resources.cpu.limit: got "Infinity"'],
    ['a memory request in fractional bytes', { runner: { resources: { memory: { request: Size.gibibytes(0.1) } } } }, 'runner.resources.memory.request: got "104857.6 KiB"; must be a whole number of bytes'],
    ['a NaN memory limit', { runner: { resources: { memory: { limit: Size.gibibytes(NaN) } } } }, 'runner.resources.memory.limit: got "NaN KiB"'],
    ['an ephemeral-storage request beyond int64', { runner: { resources: { ephemeralStorage: { request: Size.tebibytes(2 ** 53) } } } }, 'runner.resources.ephemeralStorage.request'],
    ['a forged naming', { naming: { hashed: true } as any }, 'naming: got {"hashed":true}; must be made by TestRunNaming: TestRunNaming.stableName(...), TestRunNaming.contentHash(...)'],
    ['a forged script', { script: { source: 'configMap', file: 'test.js' } as any }, 'script: got {"source":"configMap","file":"test.js"}; must be made by K6Script'],
    ['a label key with a space', { metadata: { labels: { 'a b': 'x' } } }, 'metadata.labels key: got "a b"'],
    ['a namespace with capitals and "_"', { metadata: { namespace: 'Istio_Ingress' } }, 'metadata.namespace: got "Istio_Ingress"'],
    ['an empty name, as from an unset environment variable', { metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET ?? '' } }, 'metadata.name: got ""'],
  ])('throws on %s', (_name, props, message) => {
    const chart = Testing.chart();
    expect(() => new TestRun(chart, 'Run', { script: K6Script.fromFile(LOAD_TEST), ...props })).toThrow(`[test/Run] ${message}`);
  });

  test.each<[string, () => K6Script, string]>([
    ['a missing local file', () => K6Script.fromFile('/nonexistent/test.js'), 'script: got "/nonexistent/test.js"; must be a readable local file'],
    ['a ConfigMap file with a directory', () => K6Script.fromConfigMap(kplus.ConfigMap.fromConfigMapName(Testing.chart(), 'Cm', 'k6'), 'dir/test.js'), 'script.file: got "dir/test.js"; must be a bare file name'],
    ['a non-script file', () => K6Script.fromConfigMap(kplus.ConfigMap.fromConfigMapName(Testing.chart(), 'Cm', 'k6'), 'test.txt'), 'script.file: got "test.txt"; must be a k6 script'],
    ['an absolute claim path', () => K6Script.fromVolumeClaim(kplus.PersistentVolumeClaim.fromClaimName(Testing.chart(), 'C', 'c'), '/test/x.js'), 'script.file: got "/test/x.js"; must be a relative path inside the claim'],
    ['a ConfigMap referenced by an empty name', () => K6Script.fromConfigMap(kplus.ConfigMap.fromConfigMapName(Testing.chart(), 'Cm', ''), 'test.js'),
      'script.configMap.name: got ""; must be a DNS-1123 subdomain'],
    ['a volume claim referenced by a name with capitals', () => K6Script.fromVolumeClaim(kplus.PersistentVolumeClaim.fromClaimName(Testing.chart(), 'C', 'Scripts'), 'x.js'),
      'script.volumeClaim.name: got "Scripts"; must be a DNS-1123 subdomain'],
  ])('throws on %s', (_name, script, message) => {
    const chart = Testing.chart();
    expect(() => new TestRun(chart, 'Run', { script: script() })).toThrow(`[test/Run] ${message}`);
  });
});
