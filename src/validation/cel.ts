/**
 * Evaluates a CRD's `x-kubernetes-validations` CEL rules with @bufbuild/cel (loaded on first use), binding `self`
 * the way the API server does (schema integers as CEL ints, objects as maps, int-or-string as either) and adding
 * the Kubernetes CEL library functions the pinned CRDs use on top of CEL's standard library and the strings
 * extension (`split`, ...).
 *
 * A rule that cannot be compiled or calls a function this evaluator lacks is reported as a validator gap, never
 * skipped: only transition rules (those reading `oldSelf`) are skipped, because they do not apply when an object
 * is created.
 */
import type { CelEnv } from '@bufbuild/cel';
import { FieldPath, formatPath, Issue, jsonType, showValue } from './messages';
import { assertRe2, re2Engine } from './re2';

type CelModule = typeof import('@bufbuild/cel');

let celModule: CelModule | undefined;
let celEnvironment: CelEnv | undefined;

function cel(): CelModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  celModule ??= require('@bufbuild/cel') as CelModule;
  return celModule;
}

/** Kubernetes' regex library: `find` / `findAll` return matched text (RE2 syntax; matching done by JS RegExp). */
function jsRegex(pattern: string): RegExp {
  assertRe2(pattern); // rejects what the API server would reject
  return new RegExp(pattern, 'gu');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function env(): CelEnv {
  if (celEnvironment) return celEnvironment;
  const { celEnv, celFunc, celMethod, CelScalar, listType } = cel();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { strings } = require('@bufbuild/cel/ext') as typeof import('@bufbuild/cel/ext');
  const kubernetesRegexLibrary = [
    celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (this: string, pattern: string) {
      return jsRegex(pattern).exec(this)?.[0] ?? '';
    }),
    celMethod('findAll', CelScalar.STRING, [CelScalar.STRING], listType(CelScalar.STRING), function (this: string, pattern: string) {
      return [...this.matchAll(jsRegex(pattern))].map(m => m[0]);
    }),
    celMethod('findAll', CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], listType(CelScalar.STRING), function (this: string, pattern: string, limit: bigint) {
      const all = [...this.matchAll(jsRegex(pattern))].map(m => m[0]);
      return limit < 0n ? all : all.slice(0, Number(limit));
    }),
  ];
  /**
   * `int(string)` as cel-go parses it (base 10, optional sign, int64 range). The standard one here uses JS
   * BigInt(), which also accepts ' 5' and '0x10': an invalid value would pass silently.
   */
  const strictIntOfString = celFunc('int', [CelScalar.STRING], CelScalar.INT, (text: string) => {
    const value = /^[+-]?[0-9]+$/.test(text) ? BigInt(text) : undefined;
    if (value === undefined || value < INT64_MIN || value > INT64_MAX) throw new Error(`cannot parse ${JSON.stringify(text)} as int`);
    return value;
  });
  celEnvironment = celEnv({ funcs: [...strings, ...kubernetesRegexLibrary, strictIntOfString], re2: re2Engine });
  return celEnvironment;
}

export interface CelRule {
  readonly rule: string;
  /** @default - none: the rule text is reported */
  readonly message?: string;
  /** @default - none: `message`, else the rule text */
  readonly messageExpression?: string;
  /** @default - none: the path of the node the rule is on */
  readonly fieldPath?: string;
  /** @default - none */
  readonly reason?: string;
}

type Program = (bindings: { self: unknown }) => unknown;

interface CompiledRule {
  /** @default - none: the rule did not compile */
  readonly program?: Program;
  readonly transition: boolean;
  /** @default - none: the rule compiled */
  readonly compileError?: string;
  /** @default - none: the rule reads `self` whole, so all of it is bound */
  readonly selfFields?: readonly string[];
}

function mentionsOldSelf(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const n = node as any;
  if (n.case === 'identExpr' && n.value?.name === 'oldSelf') return true;
  return Object.values(n).some(mentionsOldSelf);
}

/**
 * The fields of `self` a rule reads, when it reads `self` only as `self.<field>` or `has(self.<field>)`; undefined
 * when it uses `self` whole (`size(self)`, `self.all(...)`, `self == ...`). Binding only those fields spares converting
 * a large object (a ScaledObject's spec with every trigger) for a rule that compares two of its fields.
 */
export function selfFieldsOf(parsed: unknown): string[] | undefined {
  const fields = new Set<string>();
  let whole = false;
  const visit = (node: unknown): void => {
    if (whole || !node || typeof node !== 'object') return;
    const n = node as any;
    const operand = n.case === 'selectExpr' ? n.value?.operand?.exprKind : undefined;
    if (operand?.case === 'identExpr' && operand.value?.name === 'self') {
      fields.add(n.value.field);
      return;
    }
    if (n.case === 'identExpr' && n.value?.name === 'self') {
      whole = true;
      return;
    }
    for (const child of Object.values(n)) visit(child);
  };
  visit(parsed);
  return whole ? undefined : [...fields];
}

const compiledRules = new Map<string, CompiledRule>();

function compile(expression: string): CompiledRule {
  let compiled = compiledRules.get(expression);
  if (!compiled) {
    const { parse, plan } = cel();
    try {
      const parsed = parse(expression);
      compiled = mentionsOldSelf(parsed)
        ? { transition: true }
        : { transition: false, program: plan(env(), parsed) as Program, selfFields: selfFieldsOf(parsed) };
    } catch (e: any) {
      compiled = { transition: false, compileError: String(e?.message ?? e) };
    }
    compiledRules.set(expression, compiled);
  }
  return compiled;
}

/** Errors that mean this evaluator lacks something, as opposed to the data breaking the rule. */
const EVALUATOR_GAP = /unbound function|unresolved attribute|no matching overload|not supported|unknown/i;

function schemaType(schema: any): string | undefined {
  if (schema?.['x-kubernetes-int-or-string']) return 'int-or-string';
  return schema?.type;
}

/**
 * JSON from the document → the CEL value the API server would bind, guided by the schema. `memo` keeps the
 * conversion of each object of one document: rules at nested levels bind overlapping subtrees.
 */
export function toCel(value: unknown, schema: any, memo?: WeakMap<object, unknown>): unknown {
  if (value === null || value === undefined) return null;
  const type = schemaType(schema);
  if (typeof value === 'number') {
    if (type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value !== 'object') return value;
  const known = memo?.get(value);
  if (known !== undefined) return known;
  let converted: unknown;
  if (Array.isArray(value)) {
    converted = value.map(item => toCel(item, schema?.items, memo));
  } else {
    const props = schema?.properties ?? {};
    const additional = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    converted = new Map(Object.entries(value as object).map(([k, v]) => [k, toCel(v, props[k] ?? additional, memo)]));
  }
  memo?.set(value, converted);
  return converted;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `self` as a map of only the fields a rule reads (`CompiledRule.selfFields`), each converted as `toCel` would. */
function selectedFields(value: Record<string, unknown>, schema: any, fields: readonly string[],
  memo?: WeakMap<object, unknown>): Map<string, unknown> {
  const props = schema?.properties ?? {};
  const additional = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const selected = new Map<string, unknown>();
  for (const field of fields) {
    if (Object.prototype.hasOwnProperty.call(value, field)) selected.set(field, toCel(value[field], props[field] ?? additional, memo));
  }
  return selected;
}

function describe(rule: CelRule): string {
  return rule.message?.trim() || rule.rule.trim();
}

function celErrorText(error: unknown): string {
  const text = String((error as any)?.message ?? error);
  // @bufbuild/cel says "field not found"; the API server (cel-go) says "no such key"
  return text.replace(/^field not found: /, 'no such key: ');
}

function failureMessage(rule: CelRule, self: unknown): string {
  if (!rule.messageExpression) return describe(rule);
  const compiled = compile(rule.messageExpression);
  const result = compiled.program?.({ self });
  return typeof result === 'string' && result.trim() !== '' ? result : describe(rule);
}

function rulePath(path: FieldPath, rule: CelRule): string {
  // fieldPath is a JSON path relative to the node, e.g. `.spec.foo`
  return rule.fieldPath ? `${formatPath(path)}${rule.fieldPath}`.replace(/^\./, '') : formatPath(path);
}

export const VALIDATOR_GAP_RULE = 'validator gap';

/**
 * Evaluates the rules declared at one schema node against the value the document has there. Failures are
 * reported as `<path>: Invalid value: "<type>": <message>`, like the API server.
 */
export function evaluateRules(value: unknown, schema: any, path: FieldPath, issues: Issue[], memo?: WeakMap<object, unknown>): void {
  const rules: CelRule[] | undefined = schema?.['x-kubernetes-validations'];
  if (!rules?.length || value === undefined || value === null) return;
  const { isCelError } = cel();
  let whole: { readonly self: unknown } | undefined;
  const wholeSelf = () => (whole ??= { self: toCel(value, schema, memo) }).self;
  const shownType = showValue(schemaType(schema) === 'int-or-string' ? jsonType(value) : schema.type ?? jsonType(value));
  for (const rule of rules) {
    const compiled = compile(rule.rule);
    if (compiled.transition) continue;
    if (!compiled.program) {
      issues.push({ path: formatPath(path), message: `validator gap: cannot compile rule ${JSON.stringify(rule.rule)}: ${compiled.compileError}`, rule: VALIDATOR_GAP_RULE });
      continue;
    }
    const self = compiled.selfFields && isPlainObject(value) ? selectedFields(value, schema, compiled.selfFields, memo) : wholeSelf();
    const result = compiled.program({ self });
    if (result === true) continue;
    const celRule = `cel: ${describe(rule)}`;
    if (result === false) {
      issues.push({ path: rulePath(path, rule), message: `Invalid value: ${shownType}: ${failureMessage(rule, wholeSelf())}`, rule: celRule, value });
    } else if (isCelError(result) && !EVALUATOR_GAP.test(celErrorText(result))) {
      issues.push({ path: rulePath(path, rule), message: `Invalid value: ${shownType}: ${celErrorText(result)} evaluating rule: ${describe(rule)}`, rule: celRule, value });
    } else {
      const why = isCelError(result) ? celErrorText(result) : `result is ${String(result)}, not a bool`;
      issues.push({ path: formatPath(path), message: `validator gap: cannot evaluate rule ${JSON.stringify(rule.rule)}: ${why}`, rule: VALIDATOR_GAP_RULE });
    }
  }
}
