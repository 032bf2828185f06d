import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { findRule, GENERAL_RULES } from '../core/rules';
import { ACKNOWLEDGEMENT_METADATA_TYPE, AcknowledgementRecord, recordedWarnings, warningsOf } from '../core/warnings';

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
    return recordedWarnings(scope);
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
