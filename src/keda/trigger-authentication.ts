import { Construct } from 'constructs';
import { ImportedTriggerAuthentication } from './imported-trigger-authentication';
import { ITriggerAuthentication, TriggerAuthenticationBase, TriggerAuthenticationOptions } from './trigger-authentication-base';
import { CustomResourceProps } from '../common/custom-resource';
import { checkProps } from '../core/prop-checks';
import { referencesOutsideNamespace } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';

/** Props for a TriggerAuthentication: what it resolves, and its metadata (the namespace of the ScaledObjects using it). */
export interface TriggerAuthenticationProps extends TriggerAuthenticationOptions, CustomResourceProps {}

/**
 * How KEDA authenticates a scaler (`keda.sh/v1alpha1` TriggerAuthentication), namespaced:
 * ScaledObjects in the same namespace can use it. Prefer `podIdentity`; Secrets and ConfigMaps
 * are referenced by name and must live in the same namespace.
 */
export class TriggerAuthentication extends TriggerAuthenticationBase {
  /** References a TriggerAuthentication defined elsewhere, in the namespace of the ScaledObject using it. */
  public static fromTriggerAuthenticationName(scope: Construct, id: string, name: string): ITriggerAuthentication {
    return new ImportedTriggerAuthentication(scope, id, name, 'TriggerAuthentication');
  }

  public constructor(scope: Construct, id: string, props: TriggerAuthenticationProps = {}) {
    checkProps(scope, id, 'TriggerAuthenticationProps', props);
    super(scope, id, { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', resourceType: 'triggerauthentications' }, props, props);
    addSynthValidation(this, () => this.validateNamespaces());
  }

  /** Secrets and ConfigMaps are looked up in the TriggerAuthentication's own namespace (TA-09). */
  private validateNamespaces(): string[] {
    return referencesOutsideNamespace(this, this.namespace, this._referencedObjects(), 'the TriggerAuthentication\'s', 'KEDA');
  }
}
