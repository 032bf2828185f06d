// The manifest validator: the same validation in the library, its tests, the CLI (cli.ts) and the cdk8s CLI
// plugin (plugin.ts). Loading this module costs next to nothing: the validator's modules, its dependencies (ajv,
// @bufbuild/cel, yaml) and the generated schemas load on the first validation.
import type { ManifestError, ManifestValidationOptions } from './validator';

export type { ManifestError, ManifestValidationOptions } from './validator';
export * from './plugin';
export * from './synth-validation';

function validator(): typeof import('./validator') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./validator');
}

/**
 * Validates each document the way the Kubernetes API server would (see docs/validation.md); returns one error per
 * problem, in document order. An empty list means the API server would accept every document.
 * @jsii ignore
 */
export function validateManifests(docs: readonly unknown[], options?: ManifestValidationOptions): ManifestError[] {
  return validator().validateManifests(docs, options);
}

/**
 * One line for an error: `<apiVersion>/<kind> [<namespace>/]<name>: <path>: <message>`.
 * @jsii ignore
 */
export function formatError(error: ManifestError): string {
  return validator().formatError(error);
}
