import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ServiceReference } from '../../src/common/references';
import { PrometheusSelector, RelabelRule, ServiceMonitor } from '../../src/prometheus';
import { expectValidManifests } from '../support/manifest-validator';

function monitorWith(rule: RelabelRule) {
  const chart = Testing.chart();
  const service = new kplus.Service(chart, 'Svc', { metadata: { labels: { app: 'a' } }, ports: [{ port: 80, name: 'http' }] });
  new ServiceMonitor(chart, 'Monitor', { service: ServiceReference.fromService(service), port: 'http', relabelings: [rule], prometheusSelector: PrometheusSelector.all() });
  return chart;
}

describe('RelabelRule', () => {
  test.each([
    ['hashMod', RelabelRule.hashMod({ sourceLabels: ['__address__'], modulus: 4, targetLabel: '__tmp_hash' }), { action: 'hashmod', sourceLabels: ['__address__'], modulus: 4, targetLabel: '__tmp_hash' }],
    ['labelMap', RelabelRule.labelMap({ regex: '__meta_kubernetes_pod_label_(.+)', replacement: '$1' }), { action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)', replacement: '$1' }],
    ['labelKeep', RelabelRule.labelKeep('job|instance'), { action: 'labelkeep', regex: 'job|instance' }],
    ['lowercase', RelabelRule.lowercase({ sourceLabels: ['pod'], targetLabel: 'pod_lc' }), { action: 'lowercase', sourceLabels: ['pod'], targetLabel: 'pod_lc' }],
    ['uppercase', RelabelRule.uppercase({ sourceLabels: ['pod'], targetLabel: 'pod_uc' }), { action: 'uppercase', sourceLabels: ['pod'], targetLabel: 'pod_uc' }],
    ['keepEqual', RelabelRule.keepEqual({ sourceLabels: ['__meta_port'], targetLabel: 'port' }), { action: 'keepequal', sourceLabels: ['__meta_port'], targetLabel: 'port' }],
    ['dropEqual', RelabelRule.dropEqual({ sourceLabels: ['__meta_port'], targetLabel: 'port' }), { action: 'dropequal', sourceLabels: ['__meta_port'], targetLabel: 'port' }],
    ['drop with separator', RelabelRule.drop({ sourceLabels: ['a', 'b'], separator: '/', regex: 'x/y' }), { action: 'drop', sourceLabels: ['a', 'b'], separator: '/', regex: 'x/y' }],
    ['replace with an RE2 named group', RelabelRule.replace({ sourceLabels: ['a'], regex: '(?P<x>.*)', targetLabel: 'b' }), { action: 'replace', sourceLabels: ['a'], regex: '(?P<x>.*)', targetLabel: 'b' }],
  ])('renders %s', (_name, rule, expected) => {
    const chart = monitorWith(rule);
    const doc = Testing.synth(chart).find(d => d.kind === 'ServiceMonitor');
    expect(doc.spec.endpoints[0].relabelings).toEqual([expected]);
    expectValidManifests(Testing.synth(chart));
  });

  test.each([
    ['hashmod without modulus', RelabelRule.hashMod({ sourceLabels: ['a'], targetLabel: 'b' }), 'relabelings[0].modulus: got undefined; must be an integer >= 1 (action hashmod)'],
    ['replace without targetLabel', RelabelRule.replace({ sourceLabels: ['a'] }), 'relabelings[0].targetLabel: got undefined; is required (action replace)'],
    ['a regex RE2 cannot compile', RelabelRule.keep({ sourceLabels: ['a'], regex: '([a-' }), 'relabelings[0].regex: got "([a-"; must be an RE2 regular expression'],
    ['a lookahead', RelabelRule.keep({ sourceLabels: ['a'], regex: 'a(?=b)' }), 'relabelings[0].regex: got "a(?=b)"; must be an RE2 regular expression'],
    ['a backreference', RelabelRule.keep({ sourceLabels: ['a'], regex: '(a)\\1' }), 'relabelings[0].regex: got "(a)\\\\1"; must be an RE2 regular expression'],
    ['\\Z, which JavaScript reads as "Z" and RE2 refuses', RelabelRule.keep({ sourceLabels: ['a'], regex: 'a\\Z' }),
      'relabelings[0].regex: got "a\\\\Z"; must be an RE2 regular expression (no lookahead/lookbehind or backreferences); error parsing regexp: invalid escape sequence: `\\Z`'],
    ['a repeat count above 1000', RelabelRule.keep({ sourceLabels: ['a'], regex: 'a{1001}' }), 'relabelings[0].regex: got "a{1001}"; must be an RE2 regular expression'],
    ['labeldrop with sourceLabels', RelabelRule.labelMap({ sourceLabels: ['a'], regex: 'x' }), 'relabelings[0].sourceLabels: got ["a"]; only regex (and replacement for labelmap) is allowed (action labelmap)'],
    ['labeldrop without regex', RelabelRule.labelDrop(''), 'relabelings[0].regex: got ""; is required (action labeldrop)'],
    ['keep with targetLabel', RelabelRule.keep({ sourceLabels: ['a'], targetLabel: 'b' }), 'relabelings[0].targetLabel: got "b"; is not used by this action (action keep)'],
    ['keep without sourceLabels', RelabelRule.keep({ regex: 'x' }), 'relabelings[0].sourceLabels: got undefined; at least one source label is required (action keep)'],
    ['lowercase with replacement', RelabelRule.lowercase({ sourceLabels: ['a'], targetLabel: 'b', replacement: 'c' }), 'relabelings[0].replacement: got "c"; is only allowed for replace and labelmap (action lowercase)'],
    ['keepequal with regex', RelabelRule.keepEqual({ sourceLabels: ['a'], targetLabel: 'b', regex: 'x' }), 'relabelings[0].regex: got "x"; only sourceLabels and targetLabel are allowed (action keepequal)'],
    ['modulus on replace', RelabelRule.replace({ sourceLabels: ['a'], targetLabel: 'b', modulus: 2 }), 'relabelings[0].modulus: got 2; is only allowed for hashmod (action replace)'],
    ['an empty source label', RelabelRule.replace({ sourceLabels: [''], targetLabel: 'b' }), 'relabelings[0].sourceLabels: got ""; label names must not be empty (action replace)'],
  ])('throws on %s', (_name, rule, message) => {
    expect(() => monitorWith(rule)).toThrow(`[test/Monitor] endpoints[0].${message}`);
  });
});
