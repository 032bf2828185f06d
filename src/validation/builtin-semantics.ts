/**
 * The API server's own validation of built-in objects beyond their OpenAPI schema (k8s.io/kubernetes
 * pkg/apis/<group>/validation), limited to the mistakes a generator can make: workload selectors that do not
 * select their pod template, pods without containers, duplicate or malformed container, port and volume names,
 * mounts of undeclared volumes, bad label selectors, Service ports. Keyed by definition name (see
 * builtin-schemas.generated.ts) so the checks run wherever the type is nested.
 */
import { duplicate, FieldPath, forbidden, invalid, Issue, notFound, required } from './messages';
import { checkLabelsAndAnnotations, dns1123LabelProblem, labelValueProblem, qualifiedNameProblem } from './object-meta';

/** The value if it is a list (a wrong type is a schema error already), else no items. */
function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** The entries of a value if it is an object (a wrong type is a schema error already), else none. */
function entries(value: unknown): Array<[string, unknown]> {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

/** `root` is the whole document, for checks that depend on where the value sits. */
type Check = (value: any, path: FieldPath, issues: Issue[], root: any) => void;

const POD = 'semantic: pod spec';
const SELECTOR = 'semantic: label selector';
const WORKLOAD = 'semantic: workload selector';
const SERVICE = 'semantic: service spec';

function ianaServiceNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

function checkPortNumber(port: unknown, path: FieldPath, issues: Issue[], rule: string): void {
  if (typeof port === 'number' && (port < 1 || port > 65535)) issues.push(invalid(path, port, 'must be between 1 and 65535, inclusive', rule));
}

function checkDuplicate(seen: Set<string>, value: string, path: FieldPath, issues: Issue[], rule: string): void {
  if (seen.has(value)) issues.push(duplicate(path, value, JSON.stringify(value), rule));
  seen.add(value);
}

function checkContainer(container: any, path: FieldPath, volumeNames: Set<string>, issues: Issue[]): void {
  if (typeof container?.name === 'string') {
    const problem = dns1123LabelProblem(container.name);
    if (problem) issues.push(invalid([...path, 'name'], container.name, problem, POD));
  }
  const portNames = new Set<string>();
  list(container?.ports).forEach((port: any, i: number) => {
    checkPortNumber(port?.containerPort, [...path, 'ports', i, 'containerPort'], issues, POD);
    if (port?.hostPort !== undefined) checkPortNumber(port.hostPort, [...path, 'ports', i, 'hostPort'], issues, POD);
    if (typeof port?.name === 'string') {
      const problem = ianaServiceNameProblem(port.name);
      if (problem) issues.push(invalid([...path, 'ports', i, 'name'], port.name, problem, POD));
      checkDuplicate(portNames, port.name, [...path, 'ports', i, 'name'], issues, POD);
    }
  });
  list(container?.volumeMounts).forEach((mount: any, i: number) => {
    if (typeof mount?.name === 'string' && !volumeNames.has(mount.name)) {
      issues.push(notFound([...path, 'volumeMounts', i, 'name'], mount.name, POD));
    }
  });
}

/** A StatefulSet's volumeClaimTemplates are volumes its pods can mount. */
function claimTemplateNames(root: any): string[] {
  if (root?.kind !== 'StatefulSet') return [];
  return list(root.spec?.volumeClaimTemplates).map((t: any) => t?.metadata?.name).filter((n: unknown) => typeof n === 'string');
}

const checkPodSpec: Check = (spec, path, issues, root) => {
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) issues.push(required([...path, 'containers'], POD));
  const volumeNames = new Set<string>(claimTemplateNames(root));
  list(spec.volumes).forEach((volume: any, i: number) => {
    if (typeof volume?.name !== 'string') return;
    const problem = dns1123LabelProblem(volume.name);
    if (problem) issues.push(invalid([...path, 'volumes', i, 'name'], volume.name, problem, POD));
    checkDuplicate(volumeNames, volume.name, [...path, 'volumes', i, 'name'], issues, POD);
  });
  const containerNames = new Set<string>();
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    list(spec[field]).forEach((container: any, i: number) => {
      checkContainer(container, [...path, field, i], volumeNames, issues);
      if (typeof container?.name === 'string') checkDuplicate(containerNames, container.name, [...path, field, i, 'name'], issues, POD);
    });
  }
};

const checkLabelSelector: Check = (selector, path, issues) => {
  for (const [key, value] of entries(selector.matchLabels)) {
    const problem = qualifiedNameProblem(key) ?? (typeof value === 'string' ? labelValueProblem(value) : undefined);
    if (problem) issues.push(invalid([...path, 'matchLabels'], `${key}=${String(value)}`, problem, SELECTOR));
  }
  list(selector.matchExpressions).forEach((expr: any, i: number) => {
    const values = list(expr?.values);
    if ((expr?.operator === 'In' || expr?.operator === 'NotIn') && values.length === 0) {
      issues.push(required([...path, 'matchExpressions', i, 'values'], SELECTOR, "must be specified when `operator` is 'In' or 'NotIn'"));
    }
    if ((expr?.operator === 'Exists' || expr?.operator === 'DoesNotExist') && values.length > 0) {
      issues.push(forbidden([...path, 'matchExpressions', i, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", SELECTOR));
    }
  });
};

function has(labels: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

function selects(selector: any, labels: Record<string, string>): boolean {
  const byLabels = entries(selector.matchLabels).every(([k, v]) => labels[k] === v);
  const byExpressions = list(selector.matchExpressions).every((e: any) => {
    switch (e?.operator) {
      case 'In': return has(labels, e.key) && list(e.values).includes(labels[e.key]);
      case 'NotIn': return !has(labels, e.key) || !list(e.values).includes(labels[e.key]);
      case 'Exists': return has(labels, e.key);
      case 'DoesNotExist': return !has(labels, e.key);
      default: return false;
    }
  });
  return byLabels && byExpressions;
}

/** Deployment, ReplicaSet, StatefulSet and DaemonSet must select their own pods. */
const checkWorkloadSpec: Check = (spec, path, issues) => {
  const selector = spec.selector;
  if (!selector || typeof selector !== 'object') return; // missing selector: a schema error already
  if (entries(selector.matchLabels).length === 0 && list(selector.matchExpressions).length === 0) {
    issues.push(invalid([...path, 'selector'], selector, 'empty selector is invalid for this workload', WORKLOAD));
    return;
  }
  const labels = Object.fromEntries(entries(spec.template?.metadata?.labels)) as Record<string, string>;
  if (!selects(selector, labels)) {
    issues.push(invalid([...path, 'template', 'metadata', 'labels'], JSON.stringify(labels), '`selector` does not match template `labels`', WORKLOAD));
  }
};

const checkServiceSpec: Check = (spec, path, issues) => {
  const ports: any[] = list(spec.ports);
  if (ports.length === 0 && spec.type !== 'ExternalName' && spec.clusterIP !== 'None') issues.push(required([...path, 'ports'], SERVICE));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    checkPortNumber(port?.port, [...path, 'ports', i, 'port'], issues, SERVICE);
    if (typeof port?.targetPort === 'number') checkPortNumber(port.targetPort, [...path, 'ports', i, 'targetPort'], issues, SERVICE);
    if (typeof port?.targetPort === 'string') {
      const problem = ianaServiceNameProblem(port.targetPort);
      if (problem) issues.push(invalid([...path, 'ports', i, 'targetPort'], port.targetPort, problem, SERVICE));
    }
    if (ports.length > 1 && !port?.name) issues.push(required([...path, 'ports', i, 'name'], SERVICE));
    if (typeof port?.name === 'string') {
      const problem = dns1123LabelProblem(port.name);
      if (problem) issues.push(invalid([...path, 'ports', i, 'name'], port.name, problem, SERVICE));
      checkDuplicate(names, port.name, [...path, 'ports', i, 'name'], issues, SERVICE);
    }
  });
};

const CHECKS: Record<string, Check> = {
  ApiCoreV1PodSpec: checkPodSpec,
  ApimachineryPkgApisMetaV1LabelSelector: checkLabelSelector,
  ApiAppsV1DeploymentSpec: checkWorkloadSpec,
  ApiAppsV1ReplicaSetSpec: checkWorkloadSpec,
  ApiAppsV1StatefulSetSpec: checkWorkloadSpec,
  ApiAppsV1DaemonSetSpec: checkWorkloadSpec,
  ApiCoreV1ServiceSpec: checkServiceSpec,
};

/** Definitions the checks are keyed by, for a test that they exist in the generated schemas. */
export const CHECKED_DEFINITIONS = [...Object.keys(CHECKS), 'ApimachineryPkgApisMetaV1ObjectMeta'];

/** Runs the semantic checks for one nested value of a built-in object. */
export function checkBuiltinDefinition(definition: string, value: any, path: FieldPath, issues: Issue[], root: any): void {
  if (definition === 'ApimachineryPkgApisMetaV1ObjectMeta') {
    // the object's own metadata is checked with its name and scope by object-meta.ts
    const ownMetadata = path.length === 1 && path[0] === 'metadata';
    if (!ownMetadata) checkLabelsAndAnnotations(value, path, issues);
    return;
  }
  CHECKS[definition]?.(value, path, issues, root);
}
