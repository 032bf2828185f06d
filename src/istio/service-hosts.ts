import { ServiceReference } from '../common/references';

/**
 * How Istio objects name a Service: the short name from the Service's own namespace (the form upstream
 * manifests use), otherwise `<name>.<namespace>.svc.cluster.local`.
 */

/** The host an object in `fromNamespace` routes to: the short name in the same namespace, otherwise the FQDN. */
export function serviceHost(service: ServiceReference, fromNamespace: string | undefined): string {
  const namespace = service.namespace;
  return namespace === undefined || namespace === fromNamespace ? service.name : fqdn(service.name, namespace);
}

/**
 * The Service's FQDN, as a DestinationRule names its host. A Service referenced by name without a namespace
 * is in the referencing object's namespace, `fromNamespace`; the bare name when no namespace is known.
 */
export function serviceFqdn(service: ServiceReference, fromNamespace: string | undefined): string {
  const namespace = service.service ? service.namespace : service.namespace ?? fromNamespace;
  return namespace === undefined ? service.name : fqdn(service.name, namespace);
}

function fqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}
