import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { PROMETHEUS_RULES } from '../core/rules';

/** Refuses obviously broken PromQL (empty, unbalanced brackets or quotes) so a typo does not ship an empty panel. */
export function checkPromQl(scope: IConstruct, field: string, expr: string): void {
  const rule = PROMETHEUS_RULES['GD-06'];
  const allowed = 'must be a PromQL expression with balanced (), [], {} and quotes';
  if (expr.trim().length === 0) throw invalidInput(scope, rule, field, expr, allowed);
  const closing: { [open: string]: string } = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '\'' || c === '`') {
      quote = c;
    } else if (closing[c]) {
      stack.push(closing[c]);
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) throw invalidInput(scope, rule, field, expr, allowed);
    }
  }
  if (quote || stack.length > 0) throw invalidInput(scope, rule, field, expr, allowed);
}
