/**
 * Validates synthesized manifests the way the API server would (with kubectl's strict field
 * validation), so tests catch output that `kubectl apply` would reject:
 *
 * - custom resources against the pinned CRDs in vendor/crds: nulls dropped and defaults applied
 *   first, then the structural schema with unknown fields rejected, list-type uniqueness, and every
 *   `x-kubernetes-validations` CEL rule (crd-schemas.ts, cel-rules.ts);
 * - built-in kinds against kubernetes-models (types, required fields, enums), unknown fields from its
 *   type declarations (builtin-fields.ts) and the API server's semantic checks (builtin-semantics.ts);
 * - for every document, metadata: name per kind, namespace only on namespaced kinds, labels and
 *   annotations (object-meta.ts).
 *
 * A document whose kind has no schema here is an error, never a skip. Messages read
 * `<apiVersion> <kind> [<namespace>/]<name>: <API server message>`.
 */
import { builtinShape, checkKnownFields, objectMetaShape } from './builtin-fields';
import { checkBuiltinDefinition } from './builtin-semantics';
import { findCrd, validateCustomResource } from './crd-schemas';
import { translateAjvError, unknownField } from './field-errors';
import { checkObjectMeta } from './object-meta';

export { CRD_DIR } from './crd-schemas';

/** Built-in kinds that are cluster-scoped (everything else built in is namespaced). */
const CLUSTER_SCOPED_BUILTINS = new Set([
  'v1|Namespace', 'v1|Node', 'v1|PersistentVolume', 'v1|ComponentStatus',
  'rbac.authorization.k8s.io/v1|ClusterRole', 'rbac.authorization.k8s.io/v1|ClusterRoleBinding',
  'storage.k8s.io/v1|StorageClass', 'storage.k8s.io/v1|CSIDriver', 'storage.k8s.io/v1|CSINode',
  'storage.k8s.io/v1|VolumeAttachment', 'storage.k8s.io/v1beta1|VolumeAttributesClass',
  'scheduling.k8s.io/v1|PriorityClass', 'node.k8s.io/v1|RuntimeClass', 'networking.k8s.io/v1|IngressClass',
  'networking.k8s.io/v1beta1|IPAddress', 'networking.k8s.io/v1beta1|ServiceCIDR',
  'apiextensions.k8s.io/v1|CustomResourceDefinition', 'apiregistration.k8s.io/v1|APIService',
  'admissionregistration.k8s.io/v1|ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1|MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1|ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/v1|ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/v1|CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/v1|FlowSchema', 'flowcontrol.apiserver.k8s.io/v1|PriorityLevelConfiguration',
]);

const API_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;

/** kubernetes-models' model class for a built-in kind, if there is one. */
function builtinModel(apiVersion: string, kind: string): any {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${apiVersion}`)[kind];
  } catch {
    return undefined;
  }
}

function validateBuiltin(doc: any, model: any): string[] {
  const errors: string[] = [];
  try {
    new model(doc).validate();
  } catch (e: any) {
    if (!Array.isArray(e.errors)) throw e;
    errors.push(...e.errors.map((err: any) => translateAjvError(doc, err)));
  }
  const shape = builtinShape(doc.apiVersion, doc.kind);
  if (!shape) {
    errors.push(`validator gap: no field declarations for ${doc.apiVersion} ${doc.kind} in kubernetes-models`);
    return errors;
  }
  checkKnownFields(doc, shape, [], p => errors.push(unknownField(p)),
    (definition, value, p) => checkBuiltinDefinition(definition, value, p, errors, doc));
  return errors;
}

function describeDocument(doc: any): string {
  const ns = doc?.metadata?.namespace ? `${doc.metadata.namespace}/` : '';
  return `${doc?.apiVersion} ${doc?.kind} ${ns}${doc?.metadata?.name ?? '<unnamed>'}`;
}

/** Problems with one document, unprefixed. */
function documentErrors(doc: any): string[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return ['not an object'];
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || !API_VERSION.test(apiVersion)) return ['apiVersion: Required value: must be <group>/<version> or v1'];
  if (typeof kind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return ['kind: Required value: must be a PascalCase kind'];
  const key = `${apiVersion}|${kind}`;
  const crd = findCrd(apiVersion, kind);
  if (crd) {
    const errors = validateCustomResource(doc, crd);
    checkObjectMeta(doc, crd.namespaced, errors);
    checkKnownFields(doc.metadata, objectMetaShape(), ['metadata'], p => errors.push(unknownField(p)));
    return errors;
  }
  const model = builtinModel(apiVersion, kind);
  if (model) {
    const errors = validateBuiltin(doc, model);
    checkObjectMeta(doc, !CLUSTER_SCOPED_BUILTINS.has(key), errors);
    return errors;
  }
  return [`no schema for ${key}`];
}

/** Returns one message per problem found; an empty list means every document is valid. */
export function validateManifests(manifests: any[]): string[] {
  return manifests.flatMap(doc => documentErrors(doc).map(e => `${describeDocument(doc)}: ${e}`));
}

/** Jest helper: fails with every problem listed. */
export function expectValidManifests(manifests: any[]): void {
  const errors = validateManifests(manifests);
  if (errors.length > 0) {
    throw new Error(`${errors.length} invalid manifest field(s):\n${errors.join('\n')}`);
  }
}
