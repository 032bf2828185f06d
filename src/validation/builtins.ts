/**
 * Built-in kinds against the compact schema generated from kubernetes-models (builtin-schemas.generated.ts,
 * loaded on first use): types, required fields, enums and formats, unknown fields (kubectl's strict field
 * validation), and the API server's semantic checks wherever their definition is nested (builtin-semantics.ts).
 */
import { BuiltinSchemaData, checkLeaf, LeafProblem, parseCode, SchemaNode } from './builtin-schema';
import { checkBuiltinDefinition } from './builtin-semantics';
import { FieldPath, Issue, required, schemaIssue, unknownField } from './messages';

/** Built-in kinds that are cluster-scoped (everything else built in is namespaced). */
const CLUSTER_SCOPED = new Set([
  'v1|Namespace', 'v1|Node', 'v1|PersistentVolume', 'v1|ComponentStatus',
  'rbac.authorization.k8s.io/v1|ClusterRole', 'rbac.authorization.k8s.io/v1|ClusterRoleBinding',
  'storage.k8s.io/v1|StorageClass', 'storage.k8s.io/v1|CSIDriver', 'storage.k8s.io/v1|CSINode',
  'storage.k8s.io/v1|VolumeAttachment', 'scheduling.k8s.io/v1|PriorityClass', 'node.k8s.io/v1|RuntimeClass',
  'networking.k8s.io/v1|IngressClass', 'apiextensions.k8s.io/v1|CustomResourceDefinition', 'apiregistration.k8s.io/v1|APIService',
  'admissionregistration.k8s.io/v1|ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1|MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1|ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/v1|ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/v1|CertificateSigningRequest', 'authentication.k8s.io/v1|TokenReview', 'authentication.k8s.io/v1|SelfSubjectReview',
  'authorization.k8s.io/v1|SubjectAccessReview', 'authorization.k8s.io/v1|SelfSubjectAccessReview',
  'authorization.k8s.io/v1|SelfSubjectRulesReview',
  'flowcontrol.apiserver.k8s.io/v1|FlowSchema', 'flowcontrol.apiserver.k8s.io/v1|PriorityLevelConfiguration',
  'flowcontrol.apiserver.k8s.io/v1beta3|FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta3|PriorityLevelConfiguration',
]);

interface Definition {
  readonly properties: ReadonlyMap<string, SchemaNode>;
  readonly required: readonly string[];
}

let data: BuiltinSchemaData | undefined;
const definitions = new Map<string, Definition>();
const nodes = new Map<string, SchemaNode>();

function schemaData(): BuiltinSchemaData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  data ??= (require('./builtin-schemas.generated') as typeof import('./builtin-schemas.generated')).BUILTIN_SCHEMAS;
  return data;
}

function node(code: string): SchemaNode {
  let parsed = nodes.get(code);
  if (!parsed) {
    parsed = parseCode(code, schemaData().enums);
    nodes.set(code, parsed);
  }
  return parsed;
}

function definition(name: string): Definition {
  let def = definitions.get(name);
  if (!def) {
    const text = schemaData().definitions[name];
    if (text === undefined) throw new Error(`builtin schema: no definition ${name}`);
    const raw = JSON.parse(text) as { p: Record<string, string>; r?: string[] };
    def = { properties: new Map(Object.entries(raw.p).map(([k, code]) => [k, node(code)])), required: raw.r ?? [] };
    definitions.set(name, def);
  }
  return def;
}

/** The root definition of a built-in kind Kubernetes 1.31 serves, or undefined. */
export function builtinDefinition(apiVersion: string, kind: string): string | undefined {
  const kinds = schemaData().kinds;
  const key = `${apiVersion}|${kind}`;
  return Object.prototype.hasOwnProperty.call(kinds, key) ? kinds[key] : undefined;
}

/** Whether a group is Kubernetes' own (CRD groups always contain a dot and are never `*.k8s.io`). */
export function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** The apiVersions Kubernetes 1.31 serves a built-in kind as (whatever its group), for messages. */
export function builtinApiVersionsOf(kind: string): string[] {
  return Object.keys(schemaData().kinds)
    .map(key => key.split('|'))
    .filter(([, k]) => k === kind)
    .map(([apiVersion]) => apiVersion);
}

export function isNamespacedBuiltin(apiVersion: string, kind: string): boolean {
  return !CLUSTER_SCOPED.has(`${apiVersion}|${kind}`);
}

function leafIssue(path: FieldPath, value: unknown, problem: LeafProblem): Issue {
  switch (problem.keyword) {
    case 'type': return schemaIssue(path, value, 'type', { type: problem.types.join(',') });
    case 'enum': return schemaIssue(path, value, 'enum', { allowedValues: problem.values });
    case 'format': return schemaIssue(path, value, 'format', { format: problem.format });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `path` is one array pushed and popped on the way down (issues copy it as text when made), so walking a large
 * document allocates no path per field.
 */
function walk(value: unknown, schema: SchemaNode, path: Array<string | number>, issues: Issue[], root: unknown): void {
  if (value === undefined) return;
  if (schema.kind === 'leaf') {
    const problem = checkLeaf(value, schema);
    if (problem) issues.push(leafIssue(path, value, problem));
    return;
  }
  const want = schema.kind === 'array' ? 'array' : 'object';
  if (value === null) {
    if (!schema.nullable) issues.push(schemaIssue(path, value, 'type', { type: want }));
    return;
  }
  if (schema.kind === 'array') {
    if (!Array.isArray(value)) {
      issues.push(schemaIssue(path, value, 'type', { type: want }));
      return;
    }
    for (let i = 0; i < value.length; i++) walkChild(value[i], schema.items, path, i, issues, root);
    return;
  }
  if (!isObject(value)) {
    issues.push(schemaIssue(path, value, 'type', { type: want }));
    return;
  }
  if (schema.kind === 'map') {
    for (const key in value) walkChild(value[key], schema.values, path, key, issues, root);
    return;
  }
  const def = definition(schema.def);
  for (const name of def.required) {
    if (value[name] === undefined) issues.push(required([...path, name], 'schema: required'));
  }
  for (const key in value) {
    const childSchema = def.properties.get(key);
    if (childSchema) {
      walkChild(value[key], childSchema, path, key, issues, root);
    } else {
      path.push(key);
      issues.push(unknownField(path));
      path.pop();
    }
  }
  checkBuiltinDefinition(schema.def, value, path, issues, root);
}

function walkChild(value: unknown, schema: SchemaNode, path: Array<string | number>, key: string | number, issues: Issue[], root: unknown): void {
  path.push(key);
  walk(value, schema, path, issues, root);
  path.pop();
}

/** Validates a built-in object against its root definition. */
export function validateBuiltin(doc: unknown, rootDefinition: string): Issue[] {
  const issues: Issue[] = [];
  walk(doc, { kind: 'ref', nullable: false, def: rootDefinition }, [], issues, doc);
  return issues;
}

/** ObjectMeta, to check the metadata of custom resources the same way as built-ins. */
export function validateObjectMeta(metadata: unknown): Issue[] {
  const issues: Issue[] = [];
  walk(metadata, { kind: 'ref', nullable: true, def: 'ApimachineryPkgApisMetaV1ObjectMeta' }, ['metadata'], issues, undefined);
  return issues;
}
