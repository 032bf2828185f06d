import * as fs from 'fs';
import * as path from 'path';
import { RULES_DOC, renderRulesDoc } from '../../scripts/rules-doc';
import { findRule, RULE_CATALOG, ruleById } from '../../src/core/rules';

const SRC = path.join(__dirname, '..', '..', 'src');
const allRules = RULE_CATALOG.flatMap(a => a.rules);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.generated.ts') ? [full] : [];
  });
}

describe('the rule catalog', () => {
  test('gives every rule a unique id', () => {
    const ids = allRules.map(r => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.length).toBeGreaterThan(100);
  });

  test('documents what each rule checks and where it comes from', () => {
    const incomplete = allRules.filter(r => r.checks.trim().length < 10 || r.source.trim().length < 3).map(r => r.id);
    expect(incomplete).toEqual([]);
  });

  test('is what docs/rules.md shows (run `npx projen rules` after changing a rule)', () => {
    expect(fs.readFileSync(RULES_DOC, 'utf8')).toEqual(renderRulesDoc());
  });

  test('knows every rule id a source file writes into a message', () => {
    // A literal "(XX-00)" in a message would bypass the catalog.
    const undocumented = sourceFiles(SRC).flatMap(file => [...fs.readFileSync(file, 'utf8').matchAll(/\(([A-Z][A-Z0-9]{1,5}-[0-9]{2,3})\)/g)]
      .map(m => m[1])
      .filter(id => findRule(id) === undefined)
      .map(id => `${path.relative(SRC, file)}: ${id}`));
    expect(undocumented).toEqual([]);
  });

  test('gives the rule for an id the library names, and throws on an id it lacks', () => {
    expect(ruleById('VS-14')).toBe(findRule('VS-14'));
    expect(() => ruleById('VS-999')).toThrow('no rule VS-999 in the catalog');
  });
});
