/**
 * The test suites' view of the library's manifest validator (src/validation): the same validation the package
 * ships, with each error worded as the API server prints it, `<apiVersion> <kind> [<namespace>/]<name>: <error>`,
 * and compiled CRD schemas kept in node_modules/.cache so each jest worker does not compile them again.
 */
import * as path from 'path';
import { vendorPath } from './vendor';
import { issueText } from '../../src/validation/messages';
import { ManifestError, validateManifests as validate } from '../../src/validation/validator';

/** The pinned CRDs the validator's generated schemas come from (scripts/generate-crd-schemas.ts). */
export const CRD_DIR = vendorPath('crds');

/** Where compiled CRD validators are kept between test files and runs. */
export const VALIDATOR_CACHE_DIR = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-eks-autoscaling-validation');

/** `<apiVersion> <kind> [<namespace>/]<name>: <path>: <message>` (kubectl's wording of one error). */
export function legacyText(e: ManifestError): string {
  const ns = e.namespace ? `${e.namespace}/` : '';
  return `${e.apiVersion ?? '<no apiVersion>'} ${e.kind ?? '<no kind>'} ${ns}${e.name ?? '<unnamed>'}: ${issueText(e)}`;
}

/** Returns one message per problem found; an empty list means every document is valid. */
export function validateManifests(manifests: any[]): string[] {
  return validate(manifests, { cacheDir: VALIDATOR_CACHE_DIR }).map(legacyText);
}

/** Jest helper: fails with every problem listed. */
export function expectValidManifests(manifests: any[]): void {
  const errors = validateManifests(manifests);
  if (errors.length > 0) {
    throw new Error(`${errors.length} invalid manifest field(s):\n${errors.join('\n')}`);
  }
}
