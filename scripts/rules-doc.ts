import * as fs from 'fs';
import * as path from 'path';
import { RULE_CATALOG, Rule } from '../src/core/rules';

/** Where the rule table lives; `npx projen rules` rewrites it, a test fails when it is stale. */
export const RULES_DOC = path.join(__dirname, '..', 'docs', 'rules.md');

const ORIGINS: Record<Rule['origin'], string> = {
  'crd-schema': 'CRD schema',
  'crd-cel': 'CRD CEL rule',
  'kubernetes': 'Kubernetes API validation',
  'webhook': 'admission webhook',
  'controller': 'controller',
  'best-practice': 'best practice',
  'library': 'library contract',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** docs/rules.md, rendered from the rule catalog in src/core/rules. */
export function renderRulesDoc(): string {
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from src/core/rules by `npx projen rules`; do not edit by hand. -->',
    '',
    'Every error and warning the library emits ends with the id of one of these rules, e.g.',
    '`[web/NodePool] disruption.budgets[0].nodes: got 150; must be an integer from 0 to 100 (NP-07)`.',
    'Errors fail synth. Warnings are listed by `SynthWarnings.of(app)` and `npm run synth`; a scope can',
    'acknowledge a warning rule with a reason (`SynthWarnings.acknowledge(scope, id, reason)`, see the README).',
    '',
    '"Upstream" says who enforces the rule without the library: the CRD schema or a CEL rule (rejected at',
    'apply), Kubernetes\' API validation, an admission webhook, a controller (accepted at apply, fails later),',
    'published best practice, or the library\'s own contract for combining its constructs.',
    '',
  ];
  for (const { area, rules } of RULE_CATALOG) {
    if (rules.length === 0) continue;
    lines.push(`## ${area}`, '', '| Id | Severity | What it checks | Upstream | Source |', '| --- | --- | --- | --- | --- |');
    for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))) {
      lines.push(`| ${rule.id} | ${rule.severity} | ${cell(rule.checks)} | ${ORIGINS[rule.origin]} | ${cell(rule.source)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(RULES_DOC), { recursive: true });
  fs.writeFileSync(RULES_DOC, renderRulesDoc());
  console.log(`wrote ${path.relative(process.cwd(), RULES_DOC)}`);
}
