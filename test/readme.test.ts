import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { buildApp } from '../examples/quickstart/app';
import { buildBadLabelApp, buildPatchedPoolApp } from '../examples/snippets/final-validation';
import { buildUnschedulableApp } from '../examples/snippets/workload-fits-no-node';
import { CapacityReport, DisruptableNodes, NodeClassReference, NodePool } from '../src';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

// Each example in the README is preceded by `<!-- readme-example: <path> -->` and must equal that file,
// which the examples test compiles and synthesizes: the README cannot drift from working code.
const blocks = [...readme.matchAll(/<!-- readme-example: (\S+) -->\n```ts\n([\s\S]*?)```/g)];

describe('README', () => {
  test('contains at least one example tied to a source file', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  test.each(blocks.map(b => [b[1], b[2]]))('shows %s exactly as it is in the repository', (file, code) => {
    expect(code).toEqual(fs.readFileSync(path.join(root, file), 'utf8'));
  });

  test('gives a newcomer the two commands to install, synthesize and test', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
  });

  test('shows the error a NodePool with a 150% disruption budget really gives', () => {
    const chart = new Chart(Testing.app(), 'web');
    let message = '';
    try {
      new NodePool(chart, 'NodePool', { nodeClass: NodeClassReference.eksAutoMode(), disruptionBudgets: [{ nodes: DisruptableNodes.percent(150) }] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toEqual('');
    expect(readme).toContain(message);
  });
});

describe('README final validation section', () => {
  const errorLines = (build: () => App) => {
    try {
      build().synthYaml();
    } catch (e) {
      return (e as Error).message.split('\n').filter(line => line.includes('(GEN-60)')).map(line => line.trim());
    }
    return [];
  };

  test('shows the error the final pass really gives for a label cdk8s-plus passed through', () => {
    const lines = errorLines(buildBadLabelApp);
    expect(lines).toHaveLength(1);
    expect(readme).toContain(lines[0]);
  });

  test('shows the error a patched NodePool really gives as it is rendered', () => {
    const lines = errorLines(buildPatchedPoolApp);
    expect(lines).toHaveLength(1);
    expect(readme).toContain(lines[0]);
  });
});

describe('README capacity section', () => {
  test('shows the error a workload that fits no node of its pool really gives', () => {
    let message = '';
    try {
      buildUnschedulableApp().synthYaml();
    } catch (e) {
      message = (e as Error).message.split('\n').find(line => line.includes('(CAP-03)'))?.trim() ?? '';
    }
    expect(message).toMatch(/^\[cdk8s-eks-autoscaling\] \[batch\/Crunch\] resources.requests/);
    expect(readme).toContain(message);
  });

  test('shows the quickstart capacity tables as the report writes them', () => {
    const report = CapacityReport.of(buildApp(fs.mkdtempSync(path.join(os.tmpdir(), 'readme-capacity-')))).toMarkdown();
    for (const heading of ['| NodePool |', '| Workload |']) {
      const start = report.indexOf(heading);
      const table = report.slice(start, report.indexOf('\n\n', start));
      expect(start).toBeGreaterThanOrEqual(0);
      expect(readme).toContain(table);
    }
  });
});
