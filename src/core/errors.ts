import { IConstruct } from 'constructs';

/**
 * Renders a value for an error message: strings quoted, objects as compact JSON.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The one error shape of the library: which construct, which field, what it got and what is allowed.
 *
 * `[<construct path>] <field>: got <value>; <what is allowed>`
 */
export function invalidInput(scope: IConstruct, field: string, value: unknown, allowed: string): Error {
  return new Error(`[${scope.node.path}] ${field}: got ${describeValue(value)}; ${allowed}`);
}

/**
 * The message of `invalidInput` for a validation registered with `scope.node.addValidation`:
 * cdk8s already prefixes each validation error with `[<construct path>]`, so it is left out here.
 * A validation registered on another construct (an app-wide check) should use `invalidInput(...).message`.
 */
export function invalidInputMessage(_scope: IConstruct, field: string, value: unknown, allowed: string): string {
  return `${field}: got ${describeValue(value)}; ${allowed}`;
}
