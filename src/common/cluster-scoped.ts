import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Keeps a cluster-scoped object free of a namespace: cdk8s gives every ApiObject its chart's
 * namespace, which does not belong on cluster-scoped kinds.
 */
export function omitNamespace(apiObject: ApiObject): void {
  if (apiObject.metadata.namespace !== undefined) {
    apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

/**
 * Cluster-scoped objects in namespaced charts. The library's own cluster-scoped constructs
 * (NodePool, Ec2NodeClass, ClusterTriggerAuthentication) already leave the namespace out.
 */
export class ClusterScoped {
  /**
   * Leaves the chart's namespace out of a cluster-scoped object, such as a cdk8s-plus Namespace
   * or ClusterRole defined in a chart that has a namespace.
   *
   * @param resource an ApiObject, or a construct that wraps one (a cdk8s-plus resource)
   */
  public static omitNamespace(resource: IConstruct): void {
    omitNamespace(ApiObject.of(resource));
  }
}
