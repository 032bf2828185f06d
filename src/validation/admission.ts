/**
 * What the pinned operators' validating webhooks refuse at `kubectl apply` beyond the CRD schema and its CEL rules,
 * checked on documents from anywhere: istiod's host names, regular expressions and match conditions, and KEDA's
 * scalingModifiers formula. The library's constructs check the same rules on their props with the same functions
 * (operator-rules/), so unlike the API server's checks (written apart from the constructs' on purpose), these are
 * no independent check of the constructs: they serve YAML the constructs did not write. Rules only a controller
 * applies after the object is stored (a trigger type KEDA has no scaler for) are the constructs' alone: such an
 * object is accepted, as upstream samples with placeholder types are.
 */
import { FieldPath, invalid, Issue, RuleProblem } from './messages';
import {
  destinationHostProblem, envoyRegexProblem, gatewayHostProblem, matchHeaderNameProblem, stringMatchProblem, virtualServiceHostProblem,
} from './operator-rules/istio';
import { uncompilableFormulaProblem, unknownFormulaVariablesProblem } from './operator-rules/keda-formula';

const ISTIO_NETWORKING = 'networking.istio.io';
const KEDA = 'keda.sh';
const RESOURCE_TRIGGERS = ['cpu', 'memory'];

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asObject = (value: unknown): Record<string, unknown> =>
  (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {});

/** Checks `value` at `path` with `problem` when it is a string; `rule` names who refuses it and the rule id. */
function checkString(issues: Issue[], path: FieldPath, value: unknown, problem: (text: string) => string | undefined, rule: string): void {
  if (typeof value !== 'string') return;
  const detail = problem(value);
  if (detail) issues.push(invalid(path, value, detail, rule));
}

function virtualServiceIssues(spec: Record<string, unknown>, issues: Issue[]): void {
  asArray(spec.hosts).forEach((host, i) => checkString(issues, ['spec', 'hosts', i], host, virtualServiceHostProblem, 'webhook: istiod VS-14'));
  for (const section of ['http', 'tcp', 'tls']) {
    asArray(spec[section]).forEach((route, i) => {
      const r = asObject(route);
      asArray(r.route).forEach((destination, j) => checkRule(issues, ['spec', section, i, 'route', j, 'destination', 'host'],
        asObject(asObject(destination).destination).host, destinationHostProblem));
      if (section !== 'http') return;
      checkRule(issues, ['spec', section, i, 'mirror', 'host'], asObject(r.mirror).host, destinationHostProblem);
      asArray(r.mirrors).forEach((mirror, j) => checkRule(issues, ['spec', section, i, 'mirrors', j, 'destination', 'host'],
        asObject(asObject(mirror).destination).host, destinationHostProblem));
    });
  }
}

/** Records a rule problem found at `path`. */
function checkRule(issues: Issue[], path: FieldPath, value: unknown, problem: (text: string) => RuleProblem | undefined): void {
  if (typeof value !== 'string') return;
  const found = problem(value);
  if (found) issues.push(invalid(path, value, found.problem, `webhook: istiod ${found.ruleId}`));
}

/** A StringMatch (`{exact|prefix|regex: value}`) of a header, query parameter, method, authority or scheme condition. */
function stringMatchIssues(issues: Issue[], path: FieldPath, match: unknown): void {
  for (const [kind, value] of Object.entries(asObject(match))) checkRule(issues, [...path, kind], value, v => stringMatchProblem(kind, v));
}

/** What istiod's validateHTTPRouteMatchRequest refuses (the uri may have an empty prefix; the other conditions not). */
function httpMatchIssues(issues: Issue[], path: FieldPath, match: Record<string, unknown>): void {
  checkRule(issues, [...path, 'uri', 'regex'], asObject(match.uri).regex, envoyRegexProblem);
  for (const condition of ['scheme', 'method', 'authority']) stringMatchIssues(issues, [...path, condition], match[condition]);
  for (const conditions of ['headers', 'withoutHeaders']) {
    for (const [name, value] of Object.entries(asObject(match[conditions]))) {
      checkString(issues, [...path, conditions, name], name, matchHeaderNameProblem, 'webhook: istiod VS-28');
      // a withoutHeaders regex "*" is no regex: istiod turns it into "header present"
      if (conditions === 'withoutHeaders' && asObject(value).regex === '*') continue;
      stringMatchIssues(issues, [...path, conditions, name], value);
    }
  }
  for (const [name, value] of Object.entries(asObject(match.queryParams))) stringMatchIssues(issues, [...path, 'queryParams', name], value);
}

function httpRouteIssues(spec: Record<string, unknown>, issues: Issue[]): void {
  asArray(spec.http).forEach((route, i) => {
    const r = asObject(route);
    asArray(r.match).forEach((match, j) => httpMatchIssues(issues, ['spec', 'http', i, 'match', j], asObject(match)));
    const regexRewrite = asObject(asObject(r.rewrite).uriRegexRewrite);
    checkRule(issues, ['spec', 'http', i, 'rewrite', 'uriRegexRewrite', 'match'], regexRewrite.match, envoyRegexProblem);
  });
}

function gatewayIssues(spec: Record<string, unknown>, issues: Issue[]): void {
  asArray(spec.servers).forEach((server, i) => asArray(asObject(server).hosts).forEach((host, j) =>
    checkString(issues, ['spec', 'servers', i, 'hosts', j], host, gatewayHostProblem, 'webhook: istiod GW-02')));
}

function scaledObjectIssues(spec: Record<string, unknown>, issues: Issue[]): void {
  const formula = asObject(asObject(asObject(spec.advanced).scalingModifiers)).formula;
  if (typeof formula !== 'string') return;
  const path = ['spec', 'advanced', 'scalingModifiers', 'formula'];
  const uncompilable = uncompilableFormulaProblem(formula);
  if (uncompilable) {
    issues.push(invalid(path, formula, uncompilable.problem, `webhook: KEDA ${uncompilable.ruleId}`));
    return;
  }
  const names = asArray(spec.triggers).map(asObject)
    .filter(t => typeof t.name === 'string' && t.name !== '' && !RESOURCE_TRIGGERS.includes(t.type as string))
    .map(t => t.name as string);
  checkString(issues, path, formula, f => unknownFormulaVariablesProblem(f, names), 'webhook: KEDA SO-33');
}

/** The operators' admission rules for one document of a pinned operator's kind. */
export function admissionIssues(apiVersion: string, kind: string, doc: Record<string, unknown>): Issue[] {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const spec = asObject(doc.spec);
  const issues: Issue[] = [];
  if (group === ISTIO_NETWORKING && kind === 'VirtualService') {
    virtualServiceIssues(spec, issues);
    httpRouteIssues(spec, issues);
  }
  if (group === ISTIO_NETWORKING && kind === 'Gateway') gatewayIssues(spec, issues);
  if (group === KEDA && kind === 'ScaledObject') scaledObjectIssues(spec, issues);
  return issues;
}
