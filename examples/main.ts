import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from './registry';
import { SynthWarnings } from '../src';

// Writes every example's charts to examples/dist/<example>/<chart>.k8s.yaml.
const distDir = path.join(__dirname, 'dist');
const only = process.argv.slice(2);

for (const example of EXAMPLES) {
  if (only.length > 0 && !only.includes(example.name)) continue;
  const outdir = path.join(distDir, example.name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = example.buildApp(outdir);
  app.synth();
  console.log(`${example.name}: ${fs.readdirSync(outdir).length} file(s) in ${path.relative(process.cwd(), outdir)}`);
  for (const warning of SynthWarnings.of(app)) console.log(`  warning: ${warning}`);
  for (const warning of SynthWarnings.acknowledgedOf(app)) console.log(`  acknowledged: ${warning}`);
}
