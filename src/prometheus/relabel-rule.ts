import { IConstruct } from 'constructs';
import type { RelabelingJson } from './scrape-json';
import { checkRe2 } from '../common/regex-checks';
import { invalidInput } from '../core/errors';
import { PROMETHEUS_RULES, Rule } from '../core/rules';

/** Fields of a relabeling rule; which ones an action accepts is checked when the rule is used. */
export interface RelabelRuleOptions {
  /**
   * Labels whose values are concatenated (with `separator`) and matched against `regex`.
   *
   * @default - none
   */
  readonly sourceLabels?: string[];

  /**
   * Separator placed between concatenated source label values.
   *
   * @default ";" (Prometheus default)
   */
  readonly separator?: string;

  /**
   * RE2 regular expression matched against the concatenated source values.
   *
   * @default "(.*)" (Prometheus default)
   */
  readonly regex?: string;

  /**
   * Label the result is written to (required by replace, hashmod, lowercase, uppercase, keepequal, dropequal).
   *
   * @default - none
   */
  readonly targetLabel?: string;

  /**
   * Replacement value for replace and labelmap; regex capture groups are available as `$1`.
   *
   * @default "$1" (Prometheus default)
   */
  readonly replacement?: string;

  /**
   * Modulus taken of the hash of the source values (hashmod only).
   *
   * @default - none
   */
  readonly modulus?: number;
}

/** Actions whose result is written to `targetLabel`. */
const NEEDS_TARGET = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];

/** The fields prometheus-operator itself rejects for an action (SM-08); other unused fields are refused by the library (RL-01). */
const REJECTED_BY_OPERATOR: { [action: string]: string[] } = {
  labeldrop: ['sourceLabels', 'separator', 'targetLabel', 'modulus', 'replacement'],
  labelkeep: ['sourceLabels', 'separator', 'targetLabel', 'modulus', 'replacement'],
  keepequal: ['regex', 'separator', 'modulus', 'replacement'],
  dropequal: ['regex', 'separator', 'modulus', 'replacement'],
  lowercase: ['replacement'],
  uppercase: ['replacement'],
};

/**
 * One Prometheus relabeling rule (`relabelings` / `metricRelabelings`).
 *
 * The factories name the action; the fields each action accepts follow prometheus-operator's
 * validator (SM-07/SM-08) and are checked when the rule is added to a monitor, so an invalid rule
 * fails at synth instead of making the operator drop the whole monitor.
 */
export class RelabelRule {
  /** Writes `replacement` (with regex groups) to `targetLabel` when `regex` matches. */
  public static replace(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('replace', options);
  }

  /** Keeps only targets/series whose source values match `regex`. */
  public static keep(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('keep', options);
  }

  /** Drops targets/series whose source values match `regex`. */
  public static drop(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('drop', options);
  }

  /** Writes `hash(source values) % modulus` to `targetLabel` (sharding). */
  public static hashMod(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('hashmod', options);
  }

  /** Copies labels whose names match `regex` to the names given by `replacement`. */
  public static labelMap(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('labelmap', options);
  }

  /** Removes labels whose names match `regex`. */
  public static labelDrop(regex: string): RelabelRule {
    return new RelabelRule('labeldrop', { regex });
  }

  /** Removes labels whose names do not match `regex`. */
  public static labelKeep(regex: string): RelabelRule {
    return new RelabelRule('labelkeep', { regex });
  }

  /** Writes the lower-cased source values to `targetLabel`. */
  public static lowercase(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('lowercase', options);
  }

  /** Writes the upper-cased source values to `targetLabel`. */
  public static uppercase(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('uppercase', options);
  }

  /** Keeps targets whose source values equal the value of `targetLabel`. */
  public static keepEqual(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('keepequal', options);
  }

  /** Drops targets whose source values equal the value of `targetLabel`. */
  public static dropEqual(options: RelabelRuleOptions): RelabelRule {
    return new RelabelRule('dropequal', options);
  }

  private constructor(
    /** The relabel action as written to the manifest. */
    public readonly action: string,
    /** The rule's fields. */
    public readonly options: RelabelRuleOptions) {}

  /**
   * Checks the rule the way prometheus-operator does and returns the manifest form.
   * @internal
   */
  public _render(scope: IConstruct, field: string): RelabelingJson {
    const o = this.options;
    const fail = (rule: Rule, name: string, value: unknown, allowed: string) =>
      invalidInput(scope, rule, `${field}.${name}`, value, `${allowed} (action ${this.action})`);
    const unused = (name: string) => (REJECTED_BY_OPERATOR[this.action]?.includes(name) ? PROMETHEUS_RULES['SM-08'] : PROMETHEUS_RULES['RL-01']);

    checkRe2(scope, `${field}.regex`, o.regex);
    for (const label of o.sourceLabels ?? []) {
      if (label.length === 0) throw fail(PROMETHEUS_RULES['RL-04'], 'sourceLabels', label, 'label names must not be empty');
    }
    if (NEEDS_TARGET.includes(this.action) && !o.targetLabel) {
      throw fail(PROMETHEUS_RULES['SM-07'], 'targetLabel', o.targetLabel, 'is required');
    }
    if (this.action === 'hashmod' && (o.modulus === undefined || !Number.isInteger(o.modulus) || o.modulus < 1)) {
      throw fail(PROMETHEUS_RULES['SM-07'], 'modulus', o.modulus, 'must be an integer >= 1');
    }
    if (this.action !== 'hashmod' && o.modulus !== undefined) {
      throw fail(unused('modulus'), 'modulus', o.modulus, 'is only allowed for hashmod');
    }
    if (['lowercase', 'uppercase', 'keepequal', 'dropequal', 'keep', 'drop', 'hashmod'].includes(this.action) && o.replacement !== undefined) {
      throw fail(unused('replacement'), 'replacement', o.replacement, 'is only allowed for replace and labelmap');
    }
    if (['keepequal', 'dropequal'].includes(this.action) && (o.regex !== undefined || o.separator !== undefined)) {
      const name = o.regex !== undefined ? 'regex' : 'separator';
      throw fail(unused(name), name, o.regex ?? o.separator, 'only sourceLabels and targetLabel are allowed');
    }
    if (['labeldrop', 'labelkeep', 'labelmap'].includes(this.action)) {
      if (o.sourceLabels !== undefined || o.separator !== undefined) {
        const name = o.sourceLabels !== undefined ? 'sourceLabels' : 'separator';
        throw fail(unused(name), name, o.sourceLabels ?? o.separator, 'only regex (and replacement for labelmap) is allowed');
      }
      if (!o.regex) throw fail(PROMETHEUS_RULES['RL-02'], 'regex', o.regex, 'is required');
    }
    if (['labeldrop', 'labelkeep', 'keep', 'drop', 'labelmap'].includes(this.action) && o.targetLabel !== undefined) {
      throw fail(unused('targetLabel'), 'targetLabel', o.targetLabel, 'is not used by this action');
    }
    if (['keep', 'drop', 'keepequal', 'dropequal', 'lowercase', 'uppercase', 'hashmod'].includes(this.action) && !o.sourceLabels?.length) {
      throw fail(PROMETHEUS_RULES['RL-03'], 'sourceLabels', o.sourceLabels, 'at least one source label is required');
    }

    return {
      action: this.action,
      sourceLabels: o.sourceLabels,
      separator: o.separator,
      regex: o.regex,
      targetLabel: o.targetLabel,
      replacement: o.replacement,
      modulus: o.modulus,
    };
  }
}
