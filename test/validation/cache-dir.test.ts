import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultCacheDir } from '../../src/validation/crd-schemas';

describe('the default cache of compiled CRD schemas', () => {
  const saved = { env: process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR, cwd: process.cwd() };
  afterEach(() => {
    if (saved.env === undefined) delete process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR;
    else process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR = saved.env;
    process.chdir(saved.cwd);
  });

  test('is the environment variable when it is set', () => {
    process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR = '/tmp/schemas';
    expect(defaultCacheDir()).toBe('/tmp/schemas');
  });

  test('is none when the environment variable is empty', () => {
    process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR = '';
    expect(defaultCacheDir()).toBeUndefined();
  });

  test('is node_modules/.cache/cdk8s-eks-autoscaling in a working directory with node_modules, and none without', () => {
    delete process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR;
    const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cache-dir-')));
    process.chdir(project);
    expect(defaultCacheDir()).toBeUndefined();
    fs.mkdirSync(path.join(project, 'node_modules'));
    expect(defaultCacheDir()).toBe(path.join(project, 'node_modules', '.cache', 'cdk8s-eks-autoscaling'));
  });
});

describe('compiled CRD schemas in the cache', () => {
  const ROOT = path.resolve(__dirname, '..', '..');
  /** Validates an invalid NodePool in a fresh process; says what it found and whether ajv was loaded. */
  const validateInFreshProcess = (cacheDir: string): { messages: string[]; ajvLoaded: boolean } => {
    const script = [
      "const { validateManifests } = require('./src/validation');",
      "const errors = validateManifests([{ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'a' }, spec: { weight: 0 } }]);",
      'const ajvLoaded = Object.keys(require.cache).some(f => /node_modules\\/ajv\\/dist\\/ajv\\.js$/.test(f));',
      'process.stdout.write(JSON.stringify({ messages: errors.map(e => e.message), ajvLoaded }));',
    ].join('\n');
    return JSON.parse(execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json', CDK8S_EKS_AUTOSCALING_CACHE_DIR: cacheDir },
      encoding: 'utf8',
    }));
  };

  test('are validated from the cache without loading ajv, and compiled again when an entry is damaged', () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-cache-'));
    const compiled = validateInFreshProcess(cacheDir);
    expect(compiled.ajvLoaded).toBe(true);
    expect(compiled.messages.join('\n')).toMatch(/weight/);
    const entries = fs.readdirSync(cacheDir);
    expect(entries.length).toBeGreaterThan(0);

    expect(validateInFreshProcess(cacheDir)).toEqual({ messages: compiled.messages, ajvLoaded: false });

    for (const entry of entries) fs.writeFileSync(path.join(cacheDir, entry), 'this is not JavaScript');
    expect(validateInFreshProcess(cacheDir)).toEqual({ messages: compiled.messages, ajvLoaded: true });
    expect(validateInFreshProcess(cacheDir)).toEqual({ messages: compiled.messages, ajvLoaded: false });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }, 120_000); // four fresh processes
});
