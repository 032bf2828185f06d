import { Construct } from 'constructs';
import { ITriggerAuthentication } from './trigger-authentication-base';

/** A reference to a (Cluster)TriggerAuthentication defined outside this app. */
export class ImportedTriggerAuthentication extends Construct implements ITriggerAuthentication {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly kind: string) {
    super(scope, id);
  }

  public get namespace(): string | undefined {
    return undefined;
  }
}

