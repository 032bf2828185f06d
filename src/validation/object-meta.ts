/**
 * ObjectMeta rules the API server applies to every object, whatever its kind: name format per kind, namespace
 * only on namespaced kinds, label and annotation syntax. Written here rather than reusing the library's own
 * checks on purpose: a validator that shares the library's checks would share its bugs.
 */
import { FieldPath, formatPath, invalid, Issue, required } from './messages';

export const METADATA_RULE = 'metadata';

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

type Problem = (value: string) => string | undefined;

/** The entries of a value if it is an object (a wrong type is a schema error already), else none. */
function entries(value: unknown): Array<[string, unknown]> {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

/** A string rule of the API server: a length limit, then a pattern, each with its own message. */
function lengthAndPattern(maxLength: number, pattern: RegExp, patternMessage: string): Problem {
  return value => value.length > maxLength ? `must be no more than ${maxLength} characters`
    : pattern.test(value) ? undefined : patternMessage;
}

/** Each returns why a value breaks the rule, or undefined. */
export const dns1123LabelProblem = lengthAndPattern(63, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
export const dns1123SubdomainProblem = lengthAndPattern(253, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
const dns1035LabelProblem = lengthAndPattern(63, /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character");
export const labelValueProblem = lengthAndPattern(63, /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");

function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  if (/[/%]/.test(value)) return "may not contain '/' or '%'";
  return undefined;
}

function cronJobNameProblem(value: string): string | undefined {
  return dns1123SubdomainProblem(value) ?? (value.length > 52 ? 'must be no more than 52 characters' : undefined);
}

/** `[prefix/]name` as used by label and annotation keys. */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'";
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') return 'prefix part must be non-empty';
    const prefixProblem = dns1123SubdomainProblem(parts[0]);
    if (prefixProblem) return `prefix part ${prefixProblem}`;
  }
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** Name rules that differ from the default DNS-1123 subdomain (k8s.io/kubernetes pkg/apis/<group>/validation). */
const NAME_RULES: Record<string, Problem> = {
  'v1|Service': dns1035LabelProblem,
  'v1|Namespace': dns1123LabelProblem,
  'apps/v1|StatefulSet': dns1123LabelProblem,
  'batch/v1|CronJob': cronJobNameProblem,
  'rbac.authorization.k8s.io/v1|Role': pathSegmentProblem,
  'rbac.authorization.k8s.io/v1|ClusterRole': pathSegmentProblem,
  'rbac.authorization.k8s.io/v1|RoleBinding': pathSegmentProblem,
  'rbac.authorization.k8s.io/v1|ClusterRoleBinding': pathSegmentProblem,
};

/** Checks labels and annotations of any ObjectMeta (object metadata and pod template metadata alike). */
export function checkLabelsAndAnnotations(meta: any, path: FieldPath, issues: Issue[]): void {
  if (!meta || typeof meta !== 'object') return;
  for (const [key, value] of entries(meta.labels)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) issues.push(invalid([...path, 'labels'], key, keyProblem, METADATA_RULE));
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : undefined;
    if (valueProblem) issues.push(invalid([...path, 'labels'], value, valueProblem, METADATA_RULE));
  }
  let annotationBytes = 0;
  for (const [key, value] of entries(meta.annotations)) {
    // the API server checks annotation keys lowercased
    const keyProblem = qualifiedNameProblem(key.toLowerCase());
    if (keyProblem) issues.push(invalid([...path, 'annotations'], key, keyProblem, METADATA_RULE));
    annotationBytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (annotationBytes > ANNOTATIONS_MAX_BYTES) {
    issues.push({ path: formatPath([...path, 'annotations']), message: `Too long: must have at most ${ANNOTATIONS_MAX_BYTES} bytes`, rule: METADATA_RULE });
  }
}

/** Checks a top-level object's metadata: name present and well-formed for its kind, namespace allowed by scope. */
export function checkObjectMeta(doc: any, namespaced: boolean, issues: Issue[]): void {
  const meta = doc.metadata;
  const path = ['metadata'];
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    issues.push(required([...path, 'name'], METADATA_RULE, 'name or generateName is required'));
    return;
  }
  const nameRule = NAME_RULES[`${doc.apiVersion}|${doc.kind}`] ?? dns1123SubdomainProblem;
  if (typeof meta.name === 'string' && meta.name !== '') {
    const problem = nameRule(meta.name);
    if (problem) issues.push(invalid([...path, 'name'], meta.name, problem, METADATA_RULE));
  } else if (typeof meta.generateName !== 'string' || meta.generateName === '') {
    issues.push(required([...path, 'name'], METADATA_RULE, 'name or generateName is required'));
  }
  if (meta.namespace !== undefined && meta.namespace !== null && meta.namespace !== '') {
    if (!namespaced) {
      issues.push(invalid([...path, 'namespace'], meta.namespace, `not allowed on this type: ${doc.kind} is cluster-scoped`, METADATA_RULE));
    } else {
      const problem = typeof meta.namespace === 'string' ? dns1123LabelProblem(meta.namespace) : 'must be a string';
      if (problem) issues.push(invalid([...path, 'namespace'], meta.namespace, problem, METADATA_RULE));
    }
  }
  checkLabelsAndAnnotations(meta, path, issues);
}
