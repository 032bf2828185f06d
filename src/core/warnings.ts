import { IConstruct } from 'constructs';
import { invalidInput } from './errors';
import { findRule, GENERAL_RULES, Rule, ruleSuffix } from './rules';

/** Metadata type under which suspicious-but-legal input is recorded. */
export const WARNING_METADATA_TYPE = 'cdk8s-eks-autoscaling/warning';
/** Metadata type under which a scope acknowledges one warning rule. */
const ACKNOWLEDGEMENT_METADATA_TYPE = 'cdk8s-eks-autoscaling/acknowledgement';

interface WarningRecord {
  readonly ruleId: string;
  readonly message: string;
}

interface AcknowledgementRecord {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Records a warning on a construct: legal input that is probably a mistake
 * (an instance family that does not exist, a pool without limits).
 * Read them back with `SynthWarnings`, e.g. in tests or a synth script.
 */
export function addWarning(scope: IConstruct, rule: Rule, message: string): void {
  if (rule.severity !== 'warning') throw new Error(`rule ${rule.id} is an error; throw it with invalidInput`);
  const record: WarningRecord = { ruleId: rule.id, message: `[${scope.node.path}] ${message}${ruleSuffix(rule)}` };
  scope.node.addMetadata(WARNING_METADATA_TYPE, record);
}

/** Every warning recorded on `scope` and its descendants that no scope acknowledged, in tree order. */
export function warningsOf(scope: IConstruct): string[] {
  return SynthWarnings.list(scope).filter(w => w.acknowledgedReason === undefined).map(w => w.message);
}

/** A warning recorded at synth. */
export interface SynthWarning {
  /** The construct path of the construct the warning is about. */
  readonly path: string;
  /** The rule id, documented in docs/rules.md. */
  readonly ruleId: string;
  /** The whole message: `[<path>] <what> (<rule id>)`. */
  readonly message: string;
  /**
   * Why the warning is acceptable here, when a scope acknowledged its rule.
   * @default - not acknowledged
   */
  readonly acknowledgedReason?: string;
}

/**
 * Reads the warnings the library records for legal but suspicious input, such as an instance family
 * that does not exist or a NodePool without limits, and lets a scope acknowledge a warning rule with a
 * reason (as cdk-nag suppressions do). Print them after synth, or assert on them in tests.
 */
export class SynthWarnings {
  /** The warnings recorded on `scope` and below that are not acknowledged, each `[<path>] <what> (<rule id>)`. */
  public static of(scope: IConstruct): string[] {
    return warningsOf(scope);
  }

  /** The acknowledged warnings recorded on `scope` and below, each followed by `; acknowledged: <reason>`. */
  public static acknowledgedOf(scope: IConstruct): string[] {
    return SynthWarnings.list(scope)
      .filter(w => w.acknowledgedReason !== undefined)
      .map(w => `${w.message}; acknowledged: ${w.acknowledgedReason}`);
  }

  /** Every warning recorded on `scope` and below, acknowledged or not, in tree order. */
  public static list(scope: IConstruct): SynthWarning[] {
    const warnings: SynthWarning[] = [];
    for (const construct of scope.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== WARNING_METADATA_TYPE) continue;
        const record = entry.data as WarningRecord;
        const acknowledgedReason = acknowledgementOf(construct, record.ruleId);
        const warning: SynthWarning = { path: construct.node.path, ruleId: record.ruleId, message: record.message };
        warnings.push(acknowledgedReason === undefined ? warning : { ...warning, acknowledgedReason });
      }
    }
    return warnings;
  }

  /**
   * Acknowledges the warnings of one rule on `scope` and every construct under it: they are listed as
   * acknowledged with `reason` instead of as warnings. Errors cannot be acknowledged.
   *
   * @param scope the construct (a chart, a NodePool, the app) whose warnings are acknowledged
   * @param ruleId the rule id a warning ends with, e.g. `NP-05` (see docs/rules.md)
   * @param reason why the warning does not apply here, for whoever reads the synth output
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const rule = findRule(ruleId);
    if (rule === undefined) {
      throw invalidInput(scope, GENERAL_RULES['GEN-01'], 'ruleId', ruleId, 'must be the id of a warning rule listed in docs/rules.md');
    }
    if (rule.severity !== 'warning') {
      throw invalidInput(scope, GENERAL_RULES['GEN-02'], 'ruleId', ruleId, `is an error rule (${rule.checks}); errors cannot be acknowledged, only warnings`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw invalidInput(scope, GENERAL_RULES['GEN-03'], 'reason', reason, `must say why ${ruleId} does not apply here`);
    }
    const record: AcknowledgementRecord = { ruleId, reason: reason.trim() };
    scope.node.addMetadata(ACKNOWLEDGEMENT_METADATA_TYPE, record);
  }
}

/** The reason of the nearest acknowledgement of `ruleId` on `construct` or its ancestors. */
function acknowledgementOf(construct: IConstruct, ruleId: string): string | undefined {
  for (let current: IConstruct | undefined = construct; current !== undefined; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== ACKNOWLEDGEMENT_METADATA_TYPE) continue;
      const record = entry.data as AcknowledgementRecord;
      if (record.ruleId === ruleId) return record.reason;
    }
  }
  return undefined;
}
