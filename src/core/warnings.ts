import { IConstruct } from 'constructs';
import { Rule, ruleSuffix } from './rules';

/** Metadata type under which suspicious-but-legal input is recorded. */
export const WARNING_METADATA_TYPE = 'cdk8s-eks-autoscaling/warning';
/** Metadata type under which a scope acknowledges one warning rule. */
export const ACKNOWLEDGEMENT_METADATA_TYPE = 'cdk8s-eks-autoscaling/acknowledgement';

export interface WarningRecord {
  readonly ruleId: string;
  readonly message: string;
}

export interface AcknowledgementRecord {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Records a warning on a construct: legal input that is probably a mistake
 * (an instance family that does not exist, a pool without limits).
 * Read them back with `SynthWarnings` (src/common/synth-warnings.ts), e.g. in tests or a synth script.
 */
export function addWarning(scope: IConstruct, rule: Rule, message: string): void {
  if (rule.severity !== 'warning') throw new Error(`rule ${rule.id} is an error; throw it with invalidInput`);
  const record: WarningRecord = { ruleId: rule.id, message: `[${scope.node.path}] ${message}${ruleSuffix(rule)}` };
  scope.node.addMetadata(WARNING_METADATA_TYPE, record);
}

/** Every warning recorded on `scope` and its descendants that no scope acknowledged, in tree order. */
export function warningsOf(scope: IConstruct): string[] {
  return recordedWarnings(scope).filter(w => w.acknowledgedReason === undefined).map(w => w.message);
}

/** Every warning recorded on `scope` and below, with the reason of its acknowledgement if any. */
export function recordedWarnings(scope: IConstruct): Array<WarningRecord & { path: string; acknowledgedReason?: string }> {
  const warnings: Array<WarningRecord & { path: string; acknowledgedReason?: string }> = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== WARNING_METADATA_TYPE) continue;
      const record = entry.data as WarningRecord;
      const acknowledgedReason = acknowledgementOf(construct, record.ruleId);
      const warning = { path: construct.node.path, ruleId: record.ruleId, message: record.message };
      warnings.push(acknowledgedReason === undefined ? warning : { ...warning, acknowledgedReason });
    }
  }
  return warnings;
}

/** The reason of the nearest acknowledgement of `ruleId` on `construct` or its ancestors. */
export function acknowledgementOf(construct: IConstruct, ruleId: string): string | undefined {
  for (let current: IConstruct | undefined = construct; current !== undefined; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== ACKNOWLEDGEMENT_METADATA_TYPE) continue;
      const record = entry.data as AcknowledgementRecord;
      if (record.ruleId === ruleId) return record.reason;
    }
  }
  return undefined;
}
