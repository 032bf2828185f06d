/**
 * Field paths and error texts in the API server's wording (`spec.x[0].y: Required value`,
 * `unknown field "spec.foo"`, ...), so a failing test reads like a failed `kubectl apply`.
 */

/** A path into a document: property names and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** `['spec', 'containers', 0, 'name']` → `spec.containers[0].name`; odd keys (labels) → `[app.kubernetes.io/name]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${seg}]`;
  }
  return out || '<root>';
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

export function invalid(path: FieldPath, value: unknown, detail: string): string {
  return `${formatPath(path)}: Invalid value: ${showValue(value)}: ${detail}`;
}

export function required(path: FieldPath): string {
  return `${formatPath(path)}: Required value`;
}

export function unknownField(path: FieldPath): string {
  return `unknown field "${formatPath(path)}"`;
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

/** The subset of an ajv ErrorObject this module reads (kubernetes-models ships ajv-compiled validators too). */
export interface AjvLikeError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, any>;
  readonly message?: string;
}

/** Translates one ajv error into the API server's message for the same schema violation. */
export function translateAjvError(root: unknown, e: AjvLikeError): string {
  const path = pointerToPath(root, e.instancePath);
  const value = valueAt(root, path);
  const inBody = `${formatPath(path)} in body`;
  const p = e.params;
  switch (e.keyword) {
    case 'required': return required([...path, p.missingProperty]);
    case 'additionalProperties': return unknownField([...path, p.additionalProperty]);
    case 'type': {
      const want = Array.isArray(p.type) ? p.type.join(',') : String(p.type);
      return `${formatPath(path)}: Invalid value: "${jsonType(value)}": ${inBody} must be of type ${want}: "${jsonType(value)}"`;
    }
    case 'enum': return `${formatPath(path)}: Unsupported value: ${showValue(value)}: supported values: ${(p.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}`;
    case 'const': return `${formatPath(path)}: Unsupported value: ${showValue(value)}: supported values: ${JSON.stringify(p.allowedValue)}`;
    case 'pattern': return invalid(path, value, `${inBody} should match '${p.pattern}'`);
    case 'format': return invalid(path, value, `${inBody} must be of type ${p.format}: ${showValue(value)}`);
    case 'minimum': return invalid(path, value, `${inBody} should be greater than or equal to ${p.limit}`);
    case 'maximum': return invalid(path, value, `${inBody} should be less than or equal to ${p.limit}`);
    case 'exclusiveMinimum': return invalid(path, value, `${inBody} should be greater than ${p.limit}`);
    case 'exclusiveMaximum': return invalid(path, value, `${inBody} should be less than ${p.limit}`);
    case 'multipleOf': return invalid(path, value, `${inBody} should be a multiple of ${p.multipleOf}`);
    case 'minLength': return invalid(path, value, `${inBody} should be at least ${p.limit} chars long`);
    case 'maxLength': return `${formatPath(path)}: Too long: may not be more than ${p.limit} bytes`;
    case 'minItems': return invalid(path, Array.isArray(value) ? value.length : value, `${inBody} should have at least ${p.limit} items`);
    case 'maxItems': return `${formatPath(path)}: Too many: ${Array.isArray(value) ? value.length : '?'}: must have at most ${p.limit} items`;
    case 'minProperties': return invalid(path, value, `${inBody} should have at least ${p.limit} properties`);
    case 'maxProperties': return `${formatPath(path)}: Too many: ${value && typeof value === 'object' ? Object.keys(value).length : '?'}: must have at most ${p.limit} items`;
    case 'oneOf': return invalid(path, value, `${inBody} must validate one and only one schema (oneOf)`);
    case 'anyOf': return invalid(path, value, `${inBody} must validate at least one schema (anyOf)`);
    case 'not': return invalid(path, value, `${inBody} must not validate the schema (not)`);
    default: return `${formatPath(path)}: ${e.keyword}: ${e.message ?? JSON.stringify(p)}`;
  }
}
