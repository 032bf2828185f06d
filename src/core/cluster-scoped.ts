import { ApiObject, JsonPatch } from 'cdk8s';

/**
 * Keeps a cluster-scoped object free of a namespace: cdk8s gives every ApiObject its chart's
 * namespace, which does not belong on cluster-scoped kinds.
 */
export function omitNamespace(apiObject: ApiObject): void {
  if (apiObject.metadata.namespace !== undefined) {
    apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
