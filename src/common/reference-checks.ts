import { IConstruct } from 'constructs';
import { ServiceReference, WorkloadReference } from './references';
import { checkDnsLabel, checkFactoryValue, checkLabels, checkObjectName, checkPattern } from '../core/checks';
import { Rule } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';

// The checks of a Service or workload reference, where a construct uses it (the factories have no scope to name
// in an error). Kept out of references.ts, whose exports are public API.

/**
 * Checks a Service reference where a construct uses it: made by `ServiceReference` (GEN-70), and for a Service
 * referenced by name, a name and namespace that a Service can have (DNS labels, GEN-05) and valid labels.
 */
export function checkServiceReference(scope: IConstruct, field: string, ref: ServiceReference): void {
  checkFactoryValue(scope, field, ref, ServiceReference);
  if (ref.service) return;
  checkDnsLabel(scope, `${field}.name`, ref.name);
  checkDnsLabel(scope, `${field}.namespace`, ref.namespace);
  checkLabels(scope, `${field}.labels`, ref.labels);
}

/**
 * Checks a workload reference where a construct uses it: made by `WorkloadReference` (GEN-70), and for a workload
 * referenced by name, an object name (GEN-04; an AWS CDK token or a whole deploy-time variable passes) and valid
 * pod labels; with `kindRule`, also a kind and an API version as Kubernetes writes them.
 */
export function checkWorkloadReference(scope: IConstruct, field: string, ref: WorkloadReference, kindRule?: Rule): void {
  checkFactoryValue(scope, field, ref, WorkloadReference);
  if (ref.workload) return;
  if (!isUnresolvedToken(ref.name)) checkObjectName(scope, `${field}.name`, ref.name);
  if (kindRule) {
    checkPattern(scope, kindRule, `${field}.kind`, ref.kind, /^[A-Z][A-Za-z0-9]*$/, 'must be a Kubernetes kind such as "Deployment" or "StatefulSet"');
    checkPattern(scope, kindRule, `${field}.apiVersion`, ref.apiVersion, /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v\d+((alpha|beta)\d+)?$/, 'must be an API version such as "apps/v1"');
  }
  checkLabels(scope, `${field}.podLabels`, ref.podLabels);
}
