import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { omitNamespace } from './cluster-scoped';
import { checkAnnotations, checkDnsLabel, checkLabels, checkObjectName, checkQualifiedName } from '../core/checks';
import { invalidInput } from '../core/errors';
import { GENERAL_RULES } from '../core/rules';
import { beforeConstruct } from '../core/stand-in';
import { SynthValidation, validateRenderedDocument, validatesItsOwnRender } from '../validation/synth-validation';

/** Properties every custom-resource construct of the library shares. */
export interface CustomResourceProps {
  /**
   * The object's metadata: name, namespace (namespaced kinds only), labels and annotations.
   *
   * @default - a name generated from the construct path, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/** What a custom-resource construct writes: its group, version and kind, and where it lives. */
export interface CustomResourceKind {
  /** e.g. `karpenter.sh/v1`. */
  readonly apiVersion: string;
  /** e.g. `NodePool`. */
  readonly kind: string;
  /** The plural resource name used in RBAC rules, e.g. `nodepools`. */
  readonly resourceType: string;
  /**
   * Whether the kind is cluster-scoped: then it takes no namespace, not even the chart's.
   *
   * @default false
   */
  readonly clusterScoped?: boolean;
}

/**
 * The base of the library's custom-resource constructs (NodePool, ScaledObject, ServiceMonitor, ...):
 * one construct per Kubernetes object. It checks the metadata in one place and writes the object's spec
 * as plain JSON, rendered at synth by `renderSpec()`, so objects added later (triggers, routes) are
 * included. `addJsonPatch` works on it as on any ApiObject, and `ApiObject.of(resource)` returns it.
 *
 * An object without `metadata.name` is named as cdk8s named it when these constructs wrapped a generated
 * child `Resource`, so objects keep their names across the change and GitOps does not replace them.
 */
export abstract class CustomResource extends ApiObject implements kplus.IApiResource {
  /**
   * `instanceof` by prototype chain. ApiObject answers `instanceof` with "is any ApiObject" (so that objects
   * from another copy of cdk8s count), which subclasses would inherit: `x instanceof NodePool` would hold for
   * a Deployment's ApiObject. Library constructs tell their kinds apart, so they check the prototype chain.
   *
   * @internal
   */
  public static [Symbol.hasInstance]<T extends object>(this: { prototype: T }, o: unknown): o is T {
    return typeof o === 'object' && o !== null && Object.prototype.isPrototypeOf.call(this.prototype, o);
  }

  /** The plural resource name used in RBAC rules. */
  public readonly resourceType: string;

  protected constructor(scope: Construct, id: string, kind: CustomResourceKind, props: CustomResourceProps = {}) {
    super(scope, id, {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: keepGeneratedName(scope, id, props.metadata),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.resourceType = kind.resourceType;
    const metadata = props.metadata ?? {};
    checkObjectName(this, 'metadata.name', metadata.name);
    if (kind.clusterScoped) {
      if (metadata.namespace !== undefined) {
        throw invalidInput(this, GENERAL_RULES['GEN-55'], 'metadata.namespace', metadata.namespace, `must be unset: ${kind.kind} is cluster-scoped`);
      }
      omitNamespace(this);
    } else {
      checkDnsLabel(this, 'metadata.namespace', metadata.namespace);
    }
    checkLabels(this, 'metadata.labels', metadata.labels);
    checkAnnotations(this, 'metadata.annotations', metadata.annotations);
    // finalizers are qualified names, as the API server checks them (ValidateFinalizerName)
    metadata.finalizers?.forEach((f, i) => checkQualifiedName(this, `metadata.finalizers[${i}]`, f));
    SynthValidation.enable(this);
    validatesItsOwnRender(this);
  }

  /**
   * Renders the object to Kubernetes JSON, as any ApiObject does, and validates it against its CRD.
   *
   * The check runs while the app's final validation pass is on (`SynthValidation`) and throws the document's errors.
   * The pass leaves these objects out, so cdk8s's render for the YAML is their only render.
   */
  public toJson(): any {
    const document = super.toJson();
    validateRenderedDocument(this, document);
    return document;
  }

  /** The object's name, as used by RBAC rules. */
  public get resourceName(): string | undefined {
    return this.name;
  }

  /** The object's spec as plain JSON, rendered at synth. */
  protected abstract renderSpec(): unknown;
}

/** `metadata`, with the name cdk8s generated for the former child `<scope>/<id>/Resource` when none is given. */
function keepGeneratedName(scope: Construct, id: string, metadata: ApiObjectMetadata = {}): ApiObjectMetadata {
  if (metadata.name !== undefined) return metadata;
  const name = beforeConstruct(scope, id, standIn => Chart.of(scope).generateObjectName(new Construct(standIn, 'Resource') as ApiObject));
  return { ...metadata, name };
}

