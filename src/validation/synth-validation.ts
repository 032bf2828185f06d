import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { ManifestError } from './validator';
import { isAwsCdkToken } from '../core/aws-tokens';
import { invalidInput } from '../core/errors';
import { GENERAL_RULES } from '../core/rules';
import { existingStateOf, stateOf } from '../core/tree-state';
import { addDocumentCheck, DocumentReader, RenderedObject, rootOf } from '../core/validation';
import { addWarning, WARNING_METADATA_TYPE, WarningRecord } from '../core/warnings';

/** What the final pass knows about one app, kept at its root. */
interface SynthValidationState {
  disabledReason?: string;
  readonly crds: any[];
}

const STATE_ID = 'cdk8s-eks-autoscaling-synth-validation';
const CHECK_KEY = 'final-manifest-validation';

/**
 * The final validation pass at synth: every document the app writes (the library's, cdk8s-plus's, generated L1
 * classes used directly, `Include`d YAML), rendered as cdk8s renders it with JSON patches applied, is validated the
 * way the API server would validate it (`validateManifests`: pinned CRDs' structural schemas and CEL rules, the
 * Kubernetes 1.31 schema for built-in kinds). An invalid document fails synth with the construct path of its
 * object, the JSON path, the value and the rule.
 *
 * It is on for every app that uses one of the library's constructs. Custom resources of operators the library does
 * not pin are validated against the CRDs given to `addCustomResourceDefinitions`; without one, the document is
 * reported as a warning (GEN-61) instead.
 */
export class SynthValidation {
  /**
   * Turns the final pass on for `scope`'s app; the library's constructs do it, so call it only for an app that
   * uses none of them.
   */
  public static enable(scope: IConstruct): void {
    settingsOf(scope);
    addDocumentCheck(scope, CHECK_KEY, finalPass);
  }

  /**
   * Turns the final pass off for `scope`'s app, e.g. where another validator runs on the output. The library's
   * own checks at construction and at synth still run.
   *
   * @param scope any construct of the app
   * @param reason why the pass is off, for whoever reads the code
   */
  public static disable(scope: IConstruct, reason: string): void {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw invalidInput(scope, GENERAL_RULES['GEN-62'], 'reason', reason, 'must say why the final validation pass is off');
    }
    settingsOf(scope).disabledReason = reason;
  }

  /** Whether the final pass runs for `scope`'s app. */
  public static isEnabled(scope: IConstruct): boolean {
    const settings = existingStateOf<SynthValidationState>(rootOf(scope), STATE_ID);
    return settings !== undefined && settings.disabledReason === undefined;
  }

  /**
   * Adds CustomResourceDefinitions of other operators (apiextensions.k8s.io/v1 documents, e.g. from
   * `Yaml.load`): the app's custom resources of their kinds are validated against them.
   *
   * @param scope any construct of the app
   * @param crds CustomResourceDefinition documents
   */
  public static addCustomResourceDefinitions(scope: IConstruct, crds: any[]): void {
    settingsOf(scope).crds.push(...crds);
    SynthValidation.enable(scope);
  }

  private constructor() {}
}

function settingsOf(scope: IConstruct): SynthValidationState {
  return stateOf<SynthValidationState>(rootOf(scope), STATE_ID, () => ({ crds: [] }));
}

/** Every ApiObject but those that validate their own render, in batches; nothing where the pass is off. */
function finalPass(root: IConstruct): DocumentReader | undefined {
  const settings = existingStateOf<SynthValidationState>(root, STATE_ID);
  if (!settings || settings.disabledReason !== undefined) return undefined;
  return {
    selects: object => !(VALIDATED_AT_RENDER in object),
    check: batch => batchErrors(batch, settings.crds),
  };
}

const VALIDATED_AT_RENDER = Symbol.for('cdk8s-eks-autoscaling.validated-at-render');

/**
 * Marks an object that validates its own document each time it is rendered (`validateRenderedDocument`, the
 * library's custom resources): the final pass leaves it out, so its document is rendered once per synth, not twice.
 */
export function validatesItsOwnRender(object: ApiObject): void {
  Object.defineProperty(object, VALIDATED_AT_RENDER, { value: true });
}

/**
 * Validates the document an object marked with `validatesItsOwnRender` has just rendered, as the final pass would,
 * and throws its errors. Does nothing where the pass is off.
 */
export function validateRenderedDocument(object: ApiObject, document: unknown): void {
  const settings = existingStateOf<SynthValidationState>(rootOf(object), STATE_ID);
  if (!settings || settings.disabledReason !== undefined) return;
  const errors = documentErrors([{ object, document }], settings.crds);
  // the same text cdk8s gives the errors of a validation pass
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/** The errors of rendered documents, with GEN-61 warnings recorded on their objects. */
function documentErrors(batch: readonly RenderedObject[], extraCrds: any[]): string[] {
  const errors: string[] = [];
  for (const error of validator().validateManifests(batch.map(d => d.document), { extraCrds })) {
    const object = batch[error.document].object;
    // An AWS CDK token is filled in later: by AwsCdkResolver at this synth, or by AWS CDK when the chart is
    // deployed from a stack (eks.Cluster.addCdk8sChart); the constructs skip format checks on it too.
    if ('value' in error && isAwsCdkToken(error.value)) continue;
    if (error.rule === 'kind') warnOnce(object, error);
    else errors.push(describe(object, error));
  }
  return errors;
}

/** The errors of a batch the pass reads: objects that could not be rendered, then the documents' own. */
function batchErrors(batch: readonly RenderedObject[], extraCrds: any[]): string[] {
  const errors: string[] = [];
  const rendered: RenderedObject[] = [];
  for (const entry of batch) {
    if (entry.error) {
      errors.push(invalidInput(entry.object, GENERAL_RULES['GEN-60'], '(document)', undefined, `could not be rendered: ${entry.error.message}`).message);
    } else {
      rendered.push(entry);
    }
  }
  return [...errors, ...documentErrors(rendered, extraCrds)];
}

function describe(object: IConstruct, error: ManifestError): string {
  const value = 'value' in error ? error.value : undefined;
  return invalidInput(object, GENERAL_RULES['GEN-60'], error.path || '(document)', value, `${error.message} [${error.rule}]`).message;
}

/** A kind without a schema is recorded as a warning once, however many passes see it. */
function warnOnce(object: IConstruct, error: ManifestError): void {
  const rule = GENERAL_RULES['GEN-61'];
  if (object.node.metadata.some(m => m.type === WARNING_METADATA_TYPE && (m.data as WarningRecord).ruleId === rule.id)) return;
  addWarning(object, rule, `${error.apiVersion}/${error.kind} is not validated: ${error.message}; pass its CRD to SynthValidation.addCustomResourceDefinitions`);
}

let validatorModule: typeof import('./validator') | undefined;

function validator(): typeof import('./validator') {
  // Loaded on the first pass: the validator's dependencies (ajv, @bufbuild/cel, yaml) cost require time. Kept, as
  // every custom resource's render asks for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  validatorModule ??= require('./validator') as typeof import('./validator');
  return validatorModule;
}
