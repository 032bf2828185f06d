import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { isAwsCdkToken } from './aws-tokens';
import { invalidInputMessage } from './errors';
import { GENERAL_RULES } from './rules';

/**
 * Helpers for constructs that point at a cdk8s-plus Service or workload defined in the same app
 * (monitors, routes, target group bindings). They read the referenced object at synth time,
 * because ports, labels and namespaces can still change after the referencing construct is created.
 */

/** The labels an object will be synthesized with, chart labels included. */
export function labelsOf(resource: kplus.Resource): { [key: string]: string } {
  return { ...(resource.metadata.toJson().labels ?? {}) };
}

/** The namespace an object will be synthesized in; undefined means "the namespace kubectl applies it to". */
export function namespaceOf(resource: kplus.Resource): string | undefined {
  return resource.metadata.namespace;
}

/** An object another one reads by name, with the field that names it. */
export interface NamedReference {
  readonly field: string;
  readonly resource: unknown;
}

/**
 * Errors for the references, defined in this app, that live outside `namespace`: operators look up
 * the Secrets, ConfigMaps and ServiceAccounts an object names in that object's namespace only.
 * References to objects defined elsewhere pass.
 */
export function referencesOutsideNamespace(scope: IConstruct, namespace: string | undefined, references: NamedReference[],
  owner: string, reader: string): string[] {
  return references
    .filter((r): r is { field: string; resource: kplus.Resource } => r.resource instanceof kplus.Resource)
    .filter(({ resource }) => namespaceOf(resource) !== namespace)
    .map(({ field, resource }) => invalidInputMessage(scope, GENERAL_RULES['GEN-14'], field, `${resource.kind}/${resource.name} in namespace ${namespaceOf(resource) ?? '<unset>'}`,
      `must be in ${owner} namespace (${namespace ?? '<unset>'}); ${reader} only reads Secrets and ConfigMaps from there`));
}

/** The Service port with this name, if any. */
export function servicePortNamed(service: kplus.Service, name: string): kplus.ServicePort | undefined {
  return service.ports.find(p => p.name === name);
}

/** The Service port with this number, if any. */
export function servicePortNumbered(service: kplus.Service, port: number): kplus.ServicePort | undefined {
  return service.ports.find(p => p.port === port);
}

/** "http=80, 9090" — a Service's ports for error messages (unnamed ports show as their number). */
export function describeServicePorts(service: kplus.Service): string {
  const ports = service.ports.map(p => (p.name ? `${p.name}=${p.port}` : `${p.port}`));
  return ports.length > 0 ? ports.join(', ') : 'none';
}

/**
 * The DNS name another object uses to reach `service`: the short name when both live in the same
 * namespace (the form upstream manifests use), otherwise `<name>.<namespace>.svc.<clusterDomain>`.
 */
export function serviceHostFrom(service: kplus.Service, fromNamespace: string | undefined, clusterDomain: string = 'cluster.local'): string {
  const ns = namespaceOf(service);
  if (ns === undefined || ns === fromNamespace) return service.name;
  return serviceFqdn(service, clusterDomain);
}

/** `<name>.<namespace>.svc.<clusterDomain>`, or the bare name when the namespace is not known. */
export function serviceFqdn(service: kplus.Service, clusterDomain: string = 'cluster.local'): string {
  const ns = namespaceOf(service);
  return ns === undefined ? service.name : `${service.name}.${ns}.svc.${clusterDomain}`;
}

/**
 * True for values that are placeholders resolved later, which format checks skip:
 * - AWS CDK tokens (`${Token[...]}`, see aws-tokens.ts), which `AwsCdkResolver` replaces at synth;
 * - a cdk8s `Lazy`, resolved when the manifest is written;
 * - a value that is one whole placeholder and nothing else, filled in at apply time: an envsubst variable
 *   (`${TARGET_GROUP_ARN}`) or a Terraform reference (`${aws_lb_target_group.main.arn}`).
 *
 * Any other `${...}` is checked like a literal: `orders-${env}` is not a queue URL, whatever `env` holds.
 */
export function isUnresolvedToken(value: unknown): boolean {
  if (value instanceof Lazy) return true;
  if (typeof value !== 'string') return false;
  return isAwsCdkToken(value) || ENVSUBST_VARIABLE.test(value);
}

/** `${NAME}` or `${resource.name.attribute}`: the whole value is one variable, as envsubst and Terraform templates replace it. */
const ENVSUBST_VARIABLE = /^\$\{[A-Za-z_][A-Za-z0-9_.-]*\}$/;
