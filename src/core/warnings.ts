import { IConstruct } from 'constructs';

/** Metadata type under which suspicious-but-legal input is recorded. */
export const WARNING_METADATA_TYPE = 'cdk8s-eks-autoscaling/warning';

/**
 * Records a warning on a construct: legal input that is probably a mistake
 * (an instance family that does not exist, a pool without limits).
 * Read them back with `warningsOf`, e.g. in tests or a synth script.
 */
export function addWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(WARNING_METADATA_TYPE, `[${scope.node.path}] ${message}`);
}

/** Every warning recorded on `scope` and its descendants, in tree order. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll()
    .flatMap(c => c.node.metadata.filter(m => m.type === WARNING_METADATA_TYPE).map(m => String(m.data)));
}

/**
 * Reads the warnings the library records for legal but suspicious input, such as an instance family
 * that does not exist or a NodePool without limits. Print them after synth, or assert on them in tests.
 */
export class SynthWarnings {
  /** Every warning recorded on `scope` and below, each prefixed with the construct path. */
  public static of(scope: IConstruct): string[] {
    return warningsOf(scope);
  }
}
