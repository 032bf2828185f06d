/**
 * The API server's own validation of built-in objects beyond their OpenAPI schema (k8s.io/kubernetes
 * pkg/apis/<group>/validation), limited to the mistakes a generator can make: workload selectors
 * that do not select their pod template, pods without containers, duplicate or malformed container,
 * port and volume names, mounts of undeclared volumes, bad label selectors, Service ports.
 * Keyed by the kubernetes-models definition name so the checks run wherever the type is nested.
 */
import { FieldPath, formatPath, invalid, required } from './field-errors';
import { checkLabelsAndAnnotations, dns1123LabelProblem, labelValueProblem, qualifiedNameProblem } from './object-meta';

/** `root` is the whole document, for checks that depend on where the value sits. */
type Check = (value: any, path: FieldPath, errors: string[], root: any) => void;

function ianaServiceNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

function checkPortNumber(port: unknown, path: FieldPath, errors: string[]): void {
  if (typeof port === 'number' && (port < 1 || port > 65535)) errors.push(invalid(path, port, 'must be between 1 and 65535, inclusive'));
}

function checkDuplicate(seen: Set<string>, value: string, path: FieldPath, errors: string[]): void {
  if (seen.has(value)) errors.push(`${formatPath(path)}: Duplicate value: ${JSON.stringify(value)}`);
  seen.add(value);
}

function checkContainer(container: any, path: FieldPath, volumeNames: Set<string>, errors: string[]): void {
  if (typeof container?.name === 'string') {
    const problem = dns1123LabelProblem(container.name);
    if (problem) errors.push(invalid([...path, 'name'], container.name, problem));
  }
  const portNames = new Set<string>();
  (container?.ports ?? []).forEach((port: any, i: number) => {
    checkPortNumber(port?.containerPort, [...path, 'ports', i, 'containerPort'], errors);
    if (port?.hostPort !== undefined) checkPortNumber(port.hostPort, [...path, 'ports', i, 'hostPort'], errors);
    if (typeof port?.name === 'string') {
      const problem = ianaServiceNameProblem(port.name);
      if (problem) errors.push(invalid([...path, 'ports', i, 'name'], port.name, problem));
      checkDuplicate(portNames, port.name, [...path, 'ports', i, 'name'], errors);
    }
  });
  (container?.volumeMounts ?? []).forEach((mount: any, i: number) => {
    if (typeof mount?.name === 'string' && !volumeNames.has(mount.name)) {
      errors.push(`${formatPath([...path, 'volumeMounts', i, 'name'])}: Not found: ${JSON.stringify(mount.name)}`);
    }
  });
}

/** A StatefulSet's volumeClaimTemplates are volumes its pods can mount. */
function claimTemplateNames(root: any): string[] {
  if (root?.kind !== 'StatefulSet') return [];
  return (root.spec?.volumeClaimTemplates ?? []).map((t: any) => t?.metadata?.name).filter((n: unknown) => typeof n === 'string');
}

const checkPodSpec: Check = (spec, path, errors, root) => {
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errors.push(required([...path, 'containers']));
  const volumeNames = new Set<string>(claimTemplateNames(root));
  (spec.volumes ?? []).forEach((volume: any, i: number) => {
    if (typeof volume?.name !== 'string') return;
    const problem = dns1123LabelProblem(volume.name);
    if (problem) errors.push(invalid([...path, 'volumes', i, 'name'], volume.name, problem));
    checkDuplicate(volumeNames, volume.name, [...path, 'volumes', i, 'name'], errors);
  });
  const containerNames = new Set<string>();
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    (spec[field] ?? []).forEach((container: any, i: number) => {
      checkContainer(container, [...path, field, i], volumeNames, errors);
      if (typeof container?.name === 'string') checkDuplicate(containerNames, container.name, [...path, field, i, 'name'], errors);
    });
  }
};

const checkLabelSelector: Check = (selector, path, errors) => {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const problem = qualifiedNameProblem(key) ?? (typeof value === 'string' ? labelValueProblem(value) : undefined);
    if (problem) errors.push(invalid([...path, 'matchLabels'], `${key}=${String(value)}`, problem));
  }
  (selector.matchExpressions ?? []).forEach((expr: any, i: number) => {
    const values = expr?.values ?? [];
    if ((expr?.operator === 'In' || expr?.operator === 'NotIn') && values.length === 0) {
      errors.push(`${required([...path, 'matchExpressions', i, 'values'])}: must be specified when \`operator\` is 'In' or 'NotIn'`);
    }
    if ((expr?.operator === 'Exists' || expr?.operator === 'DoesNotExist') && values.length > 0) {
      errors.push(`${formatPath([...path, 'matchExpressions', i, 'values'])}: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`);
    }
  });
};

function selects(selector: any, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e: any) => {
    switch (e?.operator) {
      case 'In': return k8sHas(labels, e.key) && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !k8sHas(labels, e.key) || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return k8sHas(labels, e.key);
      case 'DoesNotExist': return !k8sHas(labels, e.key);
      default: return false;
    }
  });
  return byLabels && byExpressions;
}

function k8sHas(labels: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** Deployment, ReplicaSet, StatefulSet and DaemonSet must select their own pods. */
const checkWorkloadSpec: Check = (spec, path, errors) => {
  const selector = spec.selector;
  if (!selector || typeof selector !== 'object') return; // missing selector: a schema error already
  if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
    errors.push(invalid([...path, 'selector'], selector, 'empty selector is invalid for this workload'));
    return;
  }
  const labels = spec.template?.metadata?.labels ?? {};
  if (!selects(selector, labels)) {
    errors.push(invalid([...path, 'template', 'metadata', 'labels'], JSON.stringify(labels), '`selector` does not match template `labels`'));
  }
};

const checkServiceSpec: Check = (spec, path, errors) => {
  const ports: any[] = spec.ports ?? [];
  if (ports.length === 0 && spec.type !== 'ExternalName' && spec.clusterIP !== 'None') errors.push(required([...path, 'ports']));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    checkPortNumber(port?.port, [...path, 'ports', i, 'port'], errors);
    if (typeof port?.targetPort === 'number') checkPortNumber(port.targetPort, [...path, 'ports', i, 'targetPort'], errors);
    if (typeof port?.targetPort === 'string') {
      const problem = ianaServiceNameProblem(port.targetPort);
      if (problem) errors.push(invalid([...path, 'ports', i, 'targetPort'], port.targetPort, problem));
    }
    if (ports.length > 1 && !port?.name) errors.push(required([...path, 'ports', i, 'name']));
    if (typeof port?.name === 'string') {
      const problem = dns1123LabelProblem(port.name);
      if (problem) errors.push(invalid([...path, 'ports', i, 'name'], port.name, problem));
      checkDuplicate(names, port.name, [...path, 'ports', i, 'name'], errors);
    }
  });
};

const CHECKS: Record<string, Check> = {
  IIoK8sApiCoreV1PodSpec: checkPodSpec,
  IIoK8sApimachineryPkgApisMetaV1LabelSelector: checkLabelSelector,
  IIoK8sApiAppsV1DeploymentSpec: checkWorkloadSpec,
  IIoK8sApiAppsV1ReplicaSetSpec: checkWorkloadSpec,
  IIoK8sApiAppsV1StatefulSetSpec: checkWorkloadSpec,
  IIoK8sApiAppsV1DaemonSetSpec: checkWorkloadSpec,
  IIoK8sApiCoreV1ServiceSpec: checkServiceSpec,
};

/** Runs the semantic checks for one nested value of a built-in object (see builtin-fields.ts `visit`). */
export function checkBuiltinDefinition(definition: string, value: any, path: FieldPath, errors: string[], root: any): void {
  if (definition === 'IIoK8sApimachineryPkgApisMetaV1ObjectMeta') {
    // the object's own metadata is checked with its name and scope by object-meta.ts
    if (path.length > 0) checkLabelsAndAnnotations(value, path, errors);
    return;
  }
  CHECKS[definition]?.(value, path, errors, root);
}
