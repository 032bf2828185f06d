import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { omitNamespace } from './cluster-scoped';
import { checkAnnotations, checkDnsLabel, checkLabels, checkObjectName } from '../core/checks';
import { invalidInput } from '../core/errors';
import { GENERAL_RULES } from '../core/rules';

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
 */
export abstract class CustomResource extends ApiObject {
  /** The plural resource name used in RBAC rules. */
  public readonly resourceType: string;

  protected constructor(scope: Construct, id: string, kind: CustomResourceKind, props: CustomResourceProps = {}) {
    super(scope, id, {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: props.metadata,
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
  }

  /** The object's name, as used by RBAC rules. */
  public get resourceName(): string {
    return this.name;
  }

  /** The object's spec as plain JSON, rendered at synth. */
  protected abstract renderSpec(): unknown;
}
