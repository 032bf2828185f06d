import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { buildAcknowledgedApp } from '../../examples/snippets/acknowledge-warning';
import { SynthWarnings } from '../../src';
import { GENERAL_RULES, RULE_CATALOG } from '../../src/core/rules';
import { addWarning } from '../../src/core/warnings';

/** A construct that records one GEN-15 warning, as a construct reading a literal Secret would. */
class Suspicious extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    addWarning(this, GENERAL_RULES['GEN-15'], 'password: Secret "db" is synthesized with a literal value');
  }
}

function appWithWarnings() {
  const app = new App();
  const chart = new Chart(app, 'chart');
  const group = new Construct(chart, 'group');
  return { app, chart, group, inside: new Suspicious(group, 'inside'), outside: new Suspicious(chart, 'outside') };
}

describe('acknowledging warnings', () => {
  test('lists an unacknowledged warning with its path and rule id', () => {
    const { app } = appWithWarnings();
    expect(SynthWarnings.of(app)).toEqual([
      '[chart/group/inside] password: Secret "db" is synthesized with a literal value (GEN-15)',
      '[chart/outside] password: Secret "db" is synthesized with a literal value (GEN-15)',
    ]);
    expect(SynthWarnings.acknowledgedOf(app)).toEqual([]);
  });

  test('moves the warnings under the acknowledging scope to the acknowledged list, with the reason', () => {
    const { app, group } = appWithWarnings();
    SynthWarnings.acknowledge(group, 'GEN-15', 'a throwaway dev database');
    expect(SynthWarnings.of(app)).toEqual(['[chart/outside] password: Secret "db" is synthesized with a literal value (GEN-15)']);
    expect(SynthWarnings.acknowledgedOf(app)).toEqual([
      '[chart/group/inside] password: Secret "db" is synthesized with a literal value (GEN-15); acknowledged: a throwaway dev database',
    ]);
    expect(SynthWarnings.list(app).map(w => [w.path, w.ruleId, w.acknowledgedReason])).toEqual([
      ['chart/group/inside', 'GEN-15', 'a throwaway dev database'],
      ['chart/outside', 'GEN-15', undefined],
    ]);
  });

  test('takes the reason of the nearest acknowledging scope', () => {
    const { app, chart, group } = appWithWarnings();
    SynthWarnings.acknowledge(chart, 'GEN-15', 'chart-wide');
    SynthWarnings.acknowledge(group, 'GEN-15', 'group-specific');
    expect(SynthWarnings.acknowledgedOf(app).map(w => w.split('acknowledged: ')[1])).toEqual(['group-specific', 'chart-wide']);
    expect(SynthWarnings.of(app)).toEqual([]);
  });

  test('leaves warnings of other rules alone', () => {
    const { app, chart } = appWithWarnings();
    SynthWarnings.acknowledge(chart, findWarningRuleOtherThan('GEN-15'), 'unrelated');
    expect(SynthWarnings.of(app)).toHaveLength(2);
  });

  test('throws on an unknown rule id, naming the scope and what is allowed', () => {
    const { chart } = appWithWarnings();
    expect(() => SynthWarnings.acknowledge(chart, 'NOPE-99', 'because')).toThrow(
      '[chart] ruleId: got "NOPE-99"; must be the id of a warning rule listed in docs/rules.md (GEN-01)');
  });

  test('throws when asked to acknowledge an error rule', () => {
    const { chart } = appWithWarnings();
    expect(() => SynthWarnings.acknowledge(chart, 'GEN-04', 'because')).toThrow(/ruleId: got "GEN-04"; is an error rule .*errors cannot be acknowledged, only warnings \(GEN-02\)$/);
  });

  test('throws on an empty reason', () => {
    const { chart } = appWithWarnings();
    expect(() => SynthWarnings.acknowledge(chart, 'GEN-15', '  ')).toThrow('[chart] reason: got "  "; must say why GEN-15 does not apply here (GEN-03)');
  });
});

/** Any warning rule of the catalog other than `id`. */
function findWarningRuleOtherThan(id: string): string {
  const other = RULE_CATALOG.flatMap(a => a.rules).find(r => r.severity === 'warning' && r.id !== id);
  if (!other) throw new Error('the catalog has no other warning rule');
  return other.id;
}

describe('the README example', () => {
  test('lists the acknowledged NodePool warning with its reason instead of as a warning', () => {
    const app = buildAcknowledgedApp();
    app.synthYaml();
    expect(SynthWarnings.of(app)).toEqual([]);
    expect(SynthWarnings.acknowledgedOf(app)).toEqual([
      '[batch/Burst] has no limits: the pool can launch capacity without bound; set limits (cpu, memory) to cap cost (NP-41); '
      + 'acknowledged: burst capacity is capped by the AWS account quota and a billing alarm',
    ]);
  });
});
