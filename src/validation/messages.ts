/**
 * Field paths and problem texts in the API server's wording (`spec.x[0].y`, `Required value`,
 * `Invalid value: "x": ...`), so a report reads like a failed `kubectl apply`.
 */

/** A path into a document: property names and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** One problem in one document, before the document's identity is added. */
export interface Issue {
  /** JSON path like `spec.x[0].y`; empty when the problem is the document as a whole. */
  readonly path: string;
  /** The API server's message without the path, e.g. `Required value`. */
  readonly message: string;
  /** Which check: `schema: <keyword>`, `cel: <rule message>`, `metadata`, `semantic: <check>`, `kind`, ... */
  readonly rule: string;
  /**
   * The offending value, when there is one.
   *
   * @default - none
   */
  readonly value?: unknown;
}

/** A problem with a value, as "must be ...", and the rule it breaks (an id of the library's rule catalog, e.g. VS-14). */
export interface RuleProblem {
  readonly ruleId: string;
  readonly problem: string;
}

/** `['spec', 'containers', 0, 'name']` → `spec.containers[0].name`; odd keys (labels) → `[app.kubernetes.io/name]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${seg}]`;
  }
  return out;
}

/** `formatPath`, or `<root>` for the document itself, as the API server prints it inside messages. */
export function pathText(path: FieldPath | string): string {
  const text = typeof path === 'string' ? path : formatPath(path);
  return text || '<root>';
}

/** JSON type name as the API server prints it in `Invalid value: "object"`. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A value as shown after `Invalid value:`; composite values by type only, like the API server. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(jsonType(value));
}

export function invalid(path: FieldPath, value: unknown, detail: string, rule: string): Issue {
  return { path: formatPath(path), message: `Invalid value: ${showValue(value)}: ${detail}`, rule, value };
}

export function required(path: FieldPath, rule: string, detail?: string): Issue {
  return { path: formatPath(path), message: detail ? `Required value: ${detail}` : 'Required value', rule };
}

export function duplicate(path: FieldPath, value: unknown, shown: string, rule: string): Issue {
  return { path: formatPath(path), message: `Duplicate value: ${shown}`, rule, value };
}

export function notFound(path: FieldPath, value: unknown, rule: string): Issue {
  return { path: formatPath(path), message: `Not found: ${JSON.stringify(value)}`, rule, value };
}

export function forbidden(path: FieldPath, detail: string, rule: string): Issue {
  return { path: formatPath(path), message: `Forbidden: ${detail}`, rule };
}

export const UNKNOWN_FIELD_RULE = 'schema: unknown field';

/** kubectl's strict field validation: `unknown field "<path>"` (see `issueText`). */
export function unknownField(path: FieldPath): Issue {
  return { path: formatPath(path), message: 'field not declared in schema', rule: UNKNOWN_FIELD_RULE };
}

/** The text kubectl prints for an issue: `<path>: <message>`, or `unknown field "<path>"`. */
export function issueText(issue: Pick<Issue, 'path' | 'message' | 'rule'>): string {
  if (issue.rule === UNKNOWN_FIELD_RULE) return `unknown field "${issue.path}"`;
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** The subset of an ajv ErrorObject this module reads. */
export interface AjvLikeError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, any>;
  /** @default - none */
  readonly message?: string;
}

/** Walks a JSON pointer (ajv's instancePath) through the data so array indexes become numbers. */
export function pointerToPath(root: unknown, pointer: string): FieldPath {
  if (!pointer) return [];
  const out: Array<string | number> = [];
  let node: any = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const isIndex = Array.isArray(node) && /^\d+$/.test(seg);
    out.push(isIndex ? Number(seg) : seg);
    node = node?.[isIndex ? Number(seg) : seg];
  }
  return out;
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let node: any = root;
  for (const seg of path) node = node?.[seg];
  return node;
}

/** Translates one schema violation (ajv's terms) into the API server's message for it. */
export function schemaIssue(path: FieldPath, value: unknown, keyword: string, params: Record<string, any>, ajvMessage?: string): Issue {
  const rule = `schema: ${keyword}`;
  const inBody = `${pathText(path)} in body`;
  const at = formatPath(path);
  const invalidAs = (detail: string, shown: unknown = value): Issue => ({ path: at, message: `Invalid value: ${showValue(shown)}: ${detail}`, rule, value });
  const issue = (message: string): Issue => ({ path: at, message, rule, value });
  switch (keyword) {
    case 'required': return required([...path, params.missingProperty], rule);
    case 'additionalProperties': return unknownField([...path, params.additionalProperty]);
    case 'type': {
      const want = Array.isArray(params.type) ? params.type.join(',') : String(params.type);
      return issue(`Invalid value: "${jsonType(value)}": ${inBody} must be of type ${want}: "${jsonType(value)}"`);
    }
    case 'enum': return issue(`Unsupported value: ${showValue(value)}: supported values: ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}`);
    case 'const': return issue(`Unsupported value: ${showValue(value)}: supported values: ${JSON.stringify(params.allowedValue)}`);
    case 'pattern': return invalidAs(`${inBody} should match '${params.pattern}'`);
    case 'format': return invalidAs(`${inBody} must be of type ${params.format}: ${showValue(value)}`);
    case 'minimum': return invalidAs(`${inBody} should be greater than or equal to ${params.limit}`);
    case 'maximum': return invalidAs(`${inBody} should be less than or equal to ${params.limit}`);
    case 'exclusiveMinimum': return invalidAs(`${inBody} should be greater than ${params.limit}`);
    case 'exclusiveMaximum': return invalidAs(`${inBody} should be less than ${params.limit}`);
    case 'multipleOf': return invalidAs(`${inBody} should be a multiple of ${params.multipleOf}`);
    case 'minLength': return invalidAs(`${inBody} should be at least ${params.limit} chars long`);
    case 'maxLength': return issue(`Too long: may not be more than ${params.limit} bytes`);
    case 'minItems': return invalidAs(`${inBody} should have at least ${params.limit} items`, Array.isArray(value) ? value.length : value);
    case 'maxItems': return issue(`Too many: ${Array.isArray(value) ? value.length : '?'}: must have at most ${params.limit} items`);
    case 'minProperties': return invalidAs(`${inBody} should have at least ${params.limit} properties`);
    case 'maxProperties': return issue(`Too many: ${value && typeof value === 'object' ? Object.keys(value).length : '?'}: must have at most ${params.limit} items`);
    case 'oneOf': return invalidAs(`${inBody} must validate one and only one schema (oneOf)`);
    case 'anyOf': return invalidAs(`${inBody} must validate at least one schema (anyOf)`);
    case 'not': return invalidAs(`${inBody} must not validate the schema (not)`);
    default: return issue(`${keyword}: ${ajvMessage ?? JSON.stringify(params)}`);
  }
}

/** `schemaIssue` for an ajv error object. */
export function translateAjvError(root: unknown, e: AjvLikeError): Issue {
  const path = pointerToPath(root, e.instancePath);
  return schemaIssue(path, valueAt(root, path), e.keyword, e.params, e.message);
}
