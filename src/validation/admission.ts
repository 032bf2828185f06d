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

type Check = (text: string) => RuleProblem | undefined;

/** A check whose problems all break one rule. */
const underRule = (ruleId: string, problem: (text: string) => string | undefined): Check => text => {
  const found = problem(text);
  return found === undefined ? undefined : { ruleId, problem: found };
};

/** Records what `check` finds in `value` at `path` when it is a string; `refuser` is the webhook that refuses it. */
function checkValue(issues: Issue[], refuser: string, path: FieldPath, value: unknown, check: Check): void {
  if (typeof value !== 'string') return;
  const found = check(value);
  if (found) issues.push(invalid(path, value, found.problem, `webhook: ${refuser} ${found.ruleId}`));
}

const istiod = (issues: Issue[], path: FieldPath, value: unknown, check: Check) => checkValue(issues, 'istiod', path, value, check);

function virtualServiceIssues(spec: Record<string, unknown>, issues: Issue[]): void {
  const hostCheck = underRule('VS-14', virtualServiceHostProblem);
  asArray(spec.hosts).forEach((host, i) => istiod(issues, ['spec', 'hosts', i], host, hostCheck));
  for (const section of ['http', 'tcp', 'tls']) {
    asArray(spec[section]).forEach((route, i) => {
      const r = asObject(route);
      asArray(r.route).forEach((destination, j) => istiod(issues, ['spec', section, i, 'route', j, 'destination', 'host'],
        asObject(asObject(destination).destination).host, destinationHostProblem));
      if (section !== 'http') return;
      istiod(issues, ['spec', section, i, 'mirror', 'host'], asObject(r.mirror).host, destinationHostProblem);
      asArray(r.mirrors).forEach((mirror, j) => istiod(issues, ['spec', section, i, 'mirrors', j, 'destination', 'host'],
        asObject(asObject(mirror).destination).host, destinationHostProblem));
    });
  }
}

/** A StringMatch (`{exact|prefix|regex: value}`) of a header, query parameter, method, authority or scheme condition. */
function stringMatchIssues(issues: Issue[], path: FieldPath, match: unknown): void {
  for (const [kind, value] of Object.entries(asObject(match))) istiod(issues, [...path, kind], value, v => stringMatchProblem(kind, v));
}

/** What istiod's validateHTTPRouteMatchRequest refuses (the uri may have an empty prefix; the other conditions not). */
function httpMatchIssues(issues: Issue[], path: FieldPath, match: Record<string, unknown>): void {
  istiod(issues, [...path, 'uri', 'regex'], asObject(match.uri).regex, envoyRegexProblem);
  for (const condition of ['scheme', 'method', 'authority']) stringMatchIssues(issues, [...path, condition], match[condition]);
  const headerNameCheck = underRule('VS-28', matchHeaderNameProblem);
  for (const conditions of ['headers', 'withoutHeaders']) {
    for (const [name, value] of Object.entries(asObject(match[conditions]))) {
      istiod(issues, [...path, conditions, name], name, headerNameCheck);
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
    istiod(issues, ['spec', 'http', i, 'rewrite', 'uriRegexRewrite', 'match'], regexRewrite.match, envoyRegexProblem);
  });
}

function gatewayIssues(spec: Record<string, unknown>, issues: Issue[]): void {
  const hostCheck = underRule('GW-02', gatewayHostProblem);
  asArray(spec.servers).forEach((server, i) => asArray(asObject(server).hosts).forEach((host, j) =>
    istiod(issues, ['spec', 'servers', i, 'hosts', j], host, hostCheck)));
}

/** KEDA's validateScalingModifiersFormula: a formula it compiles (SO-30, SO-41) that reads only named non-cpu/memory triggers (SO-33). */
function scaledObjectIssues(spec: Record<string, unknown>, issues: Issue[]): void {
  const names = asArray(spec.triggers).map(asObject)
    .filter(t => typeof t.name === 'string' && t.name !== '' && !RESOURCE_TRIGGERS.includes(t.type as string))
    .map(t => t.name as string);
  const variablesCheck = underRule('SO-33', f => unknownFormulaVariablesProblem(f, names));
  const formulaCheck: Check = f => uncompilableFormulaProblem(f) ?? variablesCheck(f);
  const formula = asObject(asObject(spec.advanced).scalingModifiers).formula;
  checkValue(issues, 'KEDA', ['spec', 'advanced', 'scalingModifiers', 'formula'], formula, formulaCheck);
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
