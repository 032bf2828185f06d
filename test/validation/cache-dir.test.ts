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
