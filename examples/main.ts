import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from './registry';
import { CapacityReport, SynthWarnings } from '../src';

// Writes every example's charts to examples/dist/<example>/<chart>.k8s.yaml and, for an example with NodePools,
// its capacity report to examples/dist/<example>/capacity.md and capacity.json.
const distDir = path.join(__dirname, 'dist');
const only = process.argv.slice(2);

for (const example of EXAMPLES) {
  if (only.length > 0 && !only.includes(example.name)) continue;
  const outdir = path.join(distDir, example.name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = example.buildApp(outdir);
  app.synth();
  console.log(`${example.name}: ${fs.readdirSync(outdir).length} file(s) in ${path.relative(process.cwd(), outdir)}`);
  const capacity = CapacityReport.of(app);
  if (capacity.nodePools.length > 0) {
    fs.writeFileSync(path.join(outdir, 'capacity.md'), capacity.toMarkdown());
    fs.writeFileSync(path.join(outdir, 'capacity.json'), `${JSON.stringify(capacity.toJson(), null, 2)}\n`);
    for (const line of capacity.summaryLines()) console.log(`  capacity: ${line}`);
  }
  for (const warning of SynthWarnings.of(app)) console.log(`  warning: ${warning}`);
  for (const warning of SynthWarnings.acknowledgedOf(app)) console.log(`  acknowledged: ${warning}`);
}
