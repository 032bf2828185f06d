import { Construct } from 'constructs';
import { ITriggerAuthentication } from './trigger-authentication-base';
import { checkObjectName } from '../core/checks';

/** A reference to a (Cluster)TriggerAuthentication defined outside this app. */
export class ImportedTriggerAuthentication extends Construct implements ITriggerAuthentication {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly kind: string) {
    super(scope, id);
    // the reference is checked where it is made: a name no object can have never resolves
    checkObjectName(this, 'name', name);
  }

  public get namespace(): string | undefined {
    return undefined;
  }
}

