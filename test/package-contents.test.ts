import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * What `npm pack` puts in the package, from any working copy: compiled code, the jsii assembly, the docs and the
 * bundled dependencies. A local scratch folder, bench output or sources once made the tarball 80 MB unpacked.
 */
const ROOT = path.join(__dirname, '..');
const ALLOWED_TOP_LEVEL = ['.jsii', 'API.md', 'CHANGELOG.md', 'LICENSE', 'README.md', 'docs', 'lib', 'node_modules', 'package.json'];

interface PackedFile {
  readonly path: string;
}

test('the package holds compiled code, the jsii assembly, docs and bundled dependencies, nothing else', () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files: PackedFile[] = JSON.parse(out)[0].files;
  const topLevel = [...new Set(files.map(f => f.path.split('/')[0]))].sort();

  expect(topLevel.filter(entry => !ALLOWED_TOP_LEVEL.includes(entry))).toEqual([]);
  expect(topLevel).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'docs']));
  expect(files.map(f => f.path).filter(p => /^lib\/.*\.ts$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
}, 60_000); // npm pack reads every file it lists: a few seconds
