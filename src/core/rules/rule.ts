/**
 * The catalog of every error and warning the library emits. Each message ends in its rule id, and
 * `docs/rules.md` is generated from these definitions (`npx projen rules`), so a message can always be
 * looked up and the table cannot drift from the code.
 */

/** Whether a rule fails synth or is recorded as a warning. */
export type RuleSeverity = 'error' | 'warning';

/**
 * Who enforces the rule upstream, i.e. where a manifest breaking it would fail without the library:
 * - `crd-schema`: the CRD's openAPIV3Schema (pattern, enum, bounds, required), at apply;
 * - `crd-cel`: a CEL `x-kubernetes-validations` rule of the CRD, at apply;
 * - `kubernetes`: the API server's validation of built-in kinds and object metadata, at apply;
 * - `webhook`: the operator's validating admission webhook, at apply;
 * - `controller`: the operator's controller, after apply (status condition, log line, or nothing happens);
 * - `best-practice`: nothing upstream fails; published guidance says it goes wrong in production;
 * - `library`: the library's own API contract (how its constructs are combined).
 */
export type RuleOrigin = 'crd-schema' | 'crd-cel' | 'kubernetes' | 'webhook' | 'controller' | 'best-practice' | 'library';

/** The definition of one rule, as written in a catalog file. */
export interface RuleSpec {
  readonly severity: RuleSeverity;
  /** What the rule checks, as one sentence. */
  readonly checks: string;
  readonly origin: RuleOrigin;
  /** The upstream source: the CRD field and rule, the webhook or controller function, or the guidance. */
  readonly source: string;
}

/** A rule of the catalog: its id is stable and ends every message the rule produces. */
export interface Rule extends RuleSpec {
  /** `<AREA>-<NN>`, e.g. `NP-03`. */
  readonly id: string;
}

const RULE_ID = /^[A-Z][A-Z0-9]{1,5}-[0-9]{2,3}$/;

/** Turns `{ 'NP-01': spec }` into `{ 'NP-01': rule }`, so call sites read the id they emit. */
export function defineRules<K extends string>(specs: Record<K, RuleSpec>): Readonly<Record<K, Rule>> {
  const rules = {} as Record<K, Rule>;
  for (const id of Object.keys(specs) as K[]) {
    if (!RULE_ID.test(id)) throw new Error(`rule id ${JSON.stringify(id)} must look like NP-01`);
    rules[id] = Object.freeze({ id, ...specs[id] });
  }
  return Object.freeze(rules);
}

/** The suffix every message of `rule` ends with. */
export function ruleSuffix(rule: Rule): string {
  return ` (${rule.id})`;
}
