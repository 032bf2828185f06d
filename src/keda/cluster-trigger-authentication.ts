import { Construct } from 'constructs';
import { ImportedTriggerAuthentication } from './imported-trigger-authentication';
import { ITriggerAuthentication, TriggerAuthenticationBase, TriggerAuthenticationOptions } from './trigger-authentication-base';
import { CustomResourceProps } from '../common/custom-resource';
import { checkProps } from '../core/prop-checks';

/** Props for a ClusterTriggerAuthentication: what it resolves, and its metadata (cluster-scoped: no namespace). */
export interface ClusterTriggerAuthenticationProps extends TriggerAuthenticationOptions, CustomResourceProps {}

/**
 * How KEDA authenticates scalers in every namespace (`keda.sh/v1alpha1` ClusterTriggerAuthentication).
 * Secrets and ConfigMaps are read from KEDA's own namespace (`keda` unless KEDA_CLUSTER_OBJECT_NAMESPACE
 * says otherwise). Prefer a namespaced TriggerAuthentication (least privilege) unless many namespaces share it.
 * Cluster-scoped: it takes no namespace, not even the chart's.
 */
export class ClusterTriggerAuthentication extends TriggerAuthenticationBase {
  /** References a ClusterTriggerAuthentication defined elsewhere. */
  public static fromClusterTriggerAuthenticationName(scope: Construct, id: string, name: string): ITriggerAuthentication {
    return new ImportedTriggerAuthentication(scope, id, name, 'ClusterTriggerAuthentication');
  }

  public constructor(scope: Construct, id: string, props: ClusterTriggerAuthenticationProps = {}) {
    checkProps(scope, id, 'ClusterTriggerAuthenticationProps', props);
    super(scope, id, {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ClusterTriggerAuthentication',
      resourceType: 'clustertriggerauthentications',
      clusterScoped: true,
    }, props, props);
  }

  /** Always undefined: cluster-scoped. */
  public get namespace(): string | undefined {
    return undefined;
  }
}
