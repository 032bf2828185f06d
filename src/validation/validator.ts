/**
 * Validates Kubernetes manifests the way the API server would (with kubectl's strict field validation):
 *
 * - custom resources against their CRD (the pinned CRDs of the operators this library targets, plus any the
 *   caller passes): nulls dropped and defaults applied first, then the structural schema with unknown fields
 *   rejected, list-type uniqueness, and every `x-kubernetes-validations` CEL rule (crd-schemas.ts, cel.ts);
 * - built-in kinds Kubernetes 1.31 serves against the schema generated from kubernetes-models (types, required
 *   fields, enums, formats, unknown fields) and the API server's semantic checks (builtins.ts);
 * - for every document, metadata: name per kind, namespace only on namespaced kinds, labels and annotations
 *   (object-meta.ts);
 * - for Istio and KEDA documents, the rules their admission webhooks and controllers apply beyond the CRD
 *   (admission.ts).
 *
 * A document whose kind has no schema is an error, never a skip.
 */
import { admissionIssues } from './admission';
import { builtinDefinition, isNamespacedBuiltin, validateBuiltin, validateObjectMeta } from './builtins';
import { CrdKind, crdKinds, findCrd, missingSchemaMessage, validateCustomResource } from './crd-schemas';
import { Issue, issueText } from './messages';
import { checkObjectMeta } from './object-meta';

/** One problem found in one document. */
export interface ManifestError {
  /** Index of the document in the list that was validated. */
  readonly document: number;
  /** @default - none: the document has no string apiVersion */
  readonly apiVersion?: string;
  /** @default - none: the document has no string kind */
  readonly kind?: string;
  /** @default - none: the document has neither metadata.name nor metadata.generateName */
  readonly name?: string;
  /** @default - none: the document has no metadata.namespace */
  readonly namespace?: string;
  /** JSON path of the field, like `spec.x[0].y`; empty when the problem is the document as a whole. */
  readonly path: string;
  /**
   * The offending value, when there is one.
   *
   * @default - none
   */
  readonly value?: any;
  /** The API server's message, without the path. */
  readonly message: string;
  /**
   * The check that failed: `schema: <keyword>` (e.g. `schema: pattern`, `schema: unknown field`),
   * `cel: <rule message>`, `metadata`, `semantic: <check>`, `kind` (no schema), `document` or `validator gap`.
   */
  readonly rule: string;
}

/** Options of `validateManifests`. */
export interface ManifestValidationOptions {
  /**
   * CustomResourceDefinition documents (apiextensions.k8s.io/v1) of other operators: custom resources of their
   * kinds are validated against them. They take precedence over the pinned CRDs of the same group and kind.
   * @default - only the pinned CRDs of the operators this library targets
   */
  readonly extraCrds?: any[];
  /**
   * Directory to keep compiled CRD schema validators in, so that later processes skip compiling them; `''` for
   * none (process memory only).
   * @default - the CDK8S_EKS_AUTOSCALING_CACHE_DIR environment variable if set (`''` for none), otherwise
   * `node_modules/.cache/cdk8s-eks-autoscaling` in the working directory when it has a node_modules folder
   */
  readonly cacheDir?: string;
}

const API_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;

function documentIssues(doc: any, extra: ReadonlyMap<string, CrdKind> | undefined, cacheDir: string | undefined): Issue[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [{ path: '', message: 'not an object', rule: 'document' }];
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || !API_VERSION.test(apiVersion)) {
    return [{ path: 'apiVersion', message: 'Required value: must be <group>/<version> or v1', rule: 'document', value: apiVersion }];
  }
  if (typeof kind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return [{ path: 'kind', message: 'Required value: must be a PascalCase kind', rule: 'document', value: kind }];
  }
  const crd = findCrd(apiVersion, kind, extra);
  if (crd) {
    const issues = validateCustomResource(doc, crd, cacheDir);
    issues.push(...admissionIssues(apiVersion, kind, doc));
    checkObjectMeta(doc, crd.namespaced, issues);
    issues.push(...validateObjectMeta(doc.metadata));
    return issues;
  }
  const definition = builtinDefinition(apiVersion, kind);
  if (definition) {
    const issues = validateBuiltin(doc, definition);
    checkObjectMeta(doc, isNamespacedBuiltin(apiVersion, kind), issues);
    return issues;
  }
  return [{ path: '', message: missingSchemaMessage(apiVersion, kind, extra), rule: 'kind' }];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Validates each document; returns one error per problem, in document order. An empty list means the API
 * server would accept every document.
 * @jsii ignore
 */
export function validateManifests(docs: readonly unknown[], options: ManifestValidationOptions = {}): ManifestError[] {
  const extra = options.extraCrds?.length ? crdKinds(options.extraCrds) : undefined;
  const cacheDir = options.cacheDir;
  const errors: ManifestError[] = [];
  docs.forEach((doc: any, index) => {
    const issues = documentIssues(doc, extra, cacheDir);
    if (issues.length === 0) return;
    const identity = {
      document: index,
      apiVersion: text(doc?.apiVersion),
      kind: text(doc?.kind),
      name: text(doc?.metadata?.name) ?? text(doc?.metadata?.generateName),
      namespace: text(doc?.metadata?.namespace),
    };
    for (const issue of issues) {
      const value = issue.value !== undefined ? { value: issue.value } : {};
      errors.push({ ...identity, path: issue.path, message: issue.message, rule: issue.rule, ...value });
    }
  });
  return errors;
}

/**
 * `<apiVersion>/<kind> [<namespace>/]<name>` of the document an error is about.
 * @jsii ignore
 */
export function describeDocument(e: Pick<ManifestError, 'apiVersion' | 'kind' | 'name' | 'namespace'>): string {
  const ns = e.namespace ? `${e.namespace}/` : '';
  return `${e.apiVersion ?? '<no apiVersion>'}/${e.kind ?? '<no kind>'} ${ns}${e.name ?? '<unnamed>'}`;
}

/**
 * One line for an error: `<apiVersion>/<kind> [<namespace>/]<name>: <path>: <message>`, or for an unknown field
 * kubectl's `... <name>: unknown field "<path>"`.
 * @jsii ignore
 */
export function formatError(e: ManifestError): string {
  return `${describeDocument(e)}: ${issueText(e)}`;
}
