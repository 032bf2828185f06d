import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ImportedTriggerAuthentication } from './imported-trigger-authentication';
import { ITriggerAuthentication, TriggerAuthenticationBase, TriggerAuthenticationOptions } from './trigger-authentication-base';
import * as l1 from '../../imports/keda-clustertriggerauthentications-keda.sh';
import { omitNamespace } from '../common/cluster-scoped';

/** Props for a ClusterTriggerAuthentication. */
export interface ClusterTriggerAuthenticationProps extends TriggerAuthenticationOptions {
  /**
   * Name, labels and annotations. Cluster-scoped: a namespace is ignored.
   *
   * @default - a name derived from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * How KEDA authenticates scalers in every namespace (`keda.sh/v1alpha1` ClusterTriggerAuthentication).
 * Secrets and ConfigMaps are read from KEDA's own namespace (`keda` unless KEDA_CLUSTER_OBJECT_NAMESPACE
 * says otherwise). Prefer a namespaced TriggerAuthentication (least privilege) unless many namespaces share it.
 */
export class ClusterTriggerAuthentication extends TriggerAuthenticationBase {
  /** References a ClusterTriggerAuthentication defined elsewhere. */
  public static fromClusterTriggerAuthenticationName(scope: Construct, id: string, name: string): ITriggerAuthentication {
    return new ImportedTriggerAuthentication(scope, id, name, 'ClusterTriggerAuthentication');
  }

  /** @see kplus.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  public readonly resourceType = 'clustertriggerauthentications';

  public constructor(scope: Construct, id: string, props: ClusterTriggerAuthenticationProps = {}) {
    super(scope, id, props);
    this.apiObject = new l1.ClusterTriggerAuthentication(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
    omitNamespace(this.apiObject);
  }

  /** Always undefined: cluster-scoped. */
  public get namespace(): string | undefined {
    return undefined;
  }
}
