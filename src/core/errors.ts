import { IConstruct } from 'constructs';
import { Rule, ruleSuffix } from './rules/rule';

/**
 * Renders a value for an error message: strings quoted, objects as compact JSON.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  // JSON writes NaN and the infinities as null, which would hide the value that was refused
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The one error shape of the library: which construct, which field, what it got, what is allowed and
 * the rule that says so (documented in docs/rules.md).
 *
 * `[<construct path>] <field>: got <value>; <what is allowed> (<rule id>)`
 */
export function invalidInput(scope: IConstruct, rule: Rule, field: string, value: unknown, allowed: string): Error {
  return new Error(`[${scope.node.path}] ${invalidInputMessage(scope, rule, field, value, allowed)}`);
}

/**
 * The message of `invalidInput` for a validation registered with `scope.node.addValidation`:
 * cdk8s already prefixes each validation error with `[<construct path>]`, so it is left out here.
 * A validation registered on another construct (an app-wide check) should use `invalidInput(...).message`.
 */
export function invalidInputMessage(_scope: IConstruct, rule: Rule, field: string, value: unknown, allowed: string): string {
  if (rule.severity !== 'error') throw new Error(`rule ${rule.id} is a warning; report it with addWarning`);
  return `${field}: got ${describeValue(value)}; ${allowed}${ruleSuffix(rule)}`;
}
