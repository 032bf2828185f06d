import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ImportedTriggerAuthentication } from './imported-trigger-authentication';
import { ITriggerAuthentication, TriggerAuthenticationBase, TriggerAuthenticationOptions } from './trigger-authentication-base';
import * as l1 from '../../imports/keda-triggerauthentications-keda.sh';
import { referencesOutsideNamespace } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';

/** Props for a TriggerAuthentication. */
export interface TriggerAuthenticationProps extends TriggerAuthenticationOptions {
  /**
   * Name, namespace, labels and annotations. Must share the namespace of the ScaledObjects using it.
   *
   * @default - a name derived from the construct path, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

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

  /** @see kplus.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  public readonly resourceType = 'triggerauthentications';

  public constructor(scope: Construct, id: string, props: TriggerAuthenticationProps = {}) {
    super(scope, id, props);
    this.apiObject = new l1.TriggerAuthentication(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
    addSynthValidation(this, () => this.validateNamespaces());
  }

  /** Secrets and ConfigMaps are looked up in the TriggerAuthentication's own namespace (TA-09). */
  private validateNamespaces(): string[] {
    return referencesOutsideNamespace(this, this.namespace, this._referencedObjects(), 'the TriggerAuthentication\'s', 'KEDA');
  }
}
