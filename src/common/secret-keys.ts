import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { checkObjectName, checkPattern } from '../core/checks';
import { invalidInput } from '../core/errors';
import { GENERAL_RULES } from '../core/rules';
import { addWarning } from '../core/warnings';

/** One key of a Secret, read by an operator in the referencing object's namespace. */
export interface SecretKeyReference {
  /** The Secret; prefer one managed outside this app (`Secret.fromSecretName`). */
  readonly secret: kplus.ISecret;
  /** The key in the Secret. */
  readonly key: string;
}

/** One key of a ConfigMap, read by an operator in the referencing object's namespace. */
export interface ConfigMapKeyReference {
  /** The ConfigMap. */
  readonly configMap: kplus.IConfigMap;
  /** The key in the ConfigMap. */
  readonly key: string;
}

/** What Kubernetes accepts as a key of a Secret's or ConfigMap's data. */
export const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** Fails on a key that no Secret or ConfigMap can hold (IsConfigMapKey: also at most 253 characters, not "." or ".."). */
export function checkDataKey(scope: IConstruct, field: string, key: string, owner: 'Secret' | 'ConfigMap'): void {
  const allowed = `must be a ${owner} key: at most 253 letters, digits, "-", "_" and ".", and not "." or ".."`;
  checkPattern(scope, GENERAL_RULES['GEN-16'], field, key, DATA_KEY, allowed);
  if (key.length > 253 || key === '.' || key === '..') throw invalidInput(scope, GENERAL_RULES['GEN-16'], field, key, allowed);
}

/** Warns when the Secret is defined in this app with a literal value for the key: the credential would sit in the manifests. */
export function warnOnLiteralSecret(scope: IConstruct, field: string, ref: SecretKeyReference, alternative: string): void {
  const { secret, key } = ref;
  if (secret instanceof kplus.Secret && secret.getStringData(key) !== undefined) {
    addWarning(scope, GENERAL_RULES['GEN-15'], `${field}: Secret "${secret.name}" is synthesized with a literal value for key "${key}", so the credential ends up in the manifests; reference a Secret managed outside the app (Secret.fromSecretName)${alternative}`);
  }
}

/** Checks a reference to one key of a Secret: the Secret's name (GEN-04) and the key (GEN-16). */
export function checkSecretKey(scope: IConstruct, field: string, ref: SecretKeyReference): void {
  checkObjectName(scope, `${field}.secret.name`, ref.secret.name);
  checkDataKey(scope, `${field}.key`, ref.key, 'Secret');
}

/** Checks a reference to one key of a ConfigMap: the ConfigMap's name (GEN-04) and the key (GEN-16). */
export function checkConfigMapKey(scope: IConstruct, field: string, ref: ConfigMapKeyReference): void {
  checkObjectName(scope, `${field}.configMap.name`, ref.configMap.name);
  checkDataKey(scope, `${field}.key`, ref.key, 'ConfigMap');
}

/** Checks a reference to one key of a Secret, and warns when its value is written into this app. */
export function checkSecretKeyReference(scope: IConstruct, field: string, ref: SecretKeyReference, alternative: string): void {
  checkSecretKey(scope, field, ref);
  warnOnLiteralSecret(scope, field, ref, alternative);
}
