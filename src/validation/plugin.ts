/**
 * A cdk8s CLI validation plugin (`validations:` in cdk8s.yaml, see docs/validation.md): after `cdk8s synth`, it
 * validates every synthesized manifest the way the API server would and reports each error as a violation.
 *
 * cdk8s-cli is not a dependency: the context is typed by the part of cdk8s-cli's `ValidationContext` used here.
 */
import * as path from 'path';
import type { FileError } from './files';

/** A resource a violation is about (cdk8s-cli's `ValidationViolatingResource`). */
export interface ManifestViolatingResource {
  /** `metadata.name` of the resource: cdk8s-cli maps it to the construct path. */
  readonly resourceName: string;
  /** JSON paths of the offending fields. */
  readonly locations: string[];
  /** The manifest file the resource is in. */
  readonly manifestPath: string;
}

/** One rule broken by one or more resources (cdk8s-cli's `ValidationViolation`). */
export interface ManifestViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: ManifestViolatingResource[];
}

/** The report of cdk8s-cli's validation context. */
export interface IManifestValidationReport {
  /** Adds a violation. */
  addViolation(violation: ManifestViolation): void;
  /** Completes the report; `status` is `success` or `failure`. */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** The logger of cdk8s-cli's validation context. */
export interface IManifestValidationLogger {
  /** Logs a message. */
  log(message: string): void;
}

/** The part of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface IManifestValidationContext {
  /** Paths of the synthesized manifest files. */
  readonly manifests: string[];
  /** Where violations go. */
  readonly report: IManifestValidationReport;
  /**
   * Where progress goes.
   *
   * @default - no progress output
   */
  readonly logger?: IManifestValidationLogger;
}

/** Properties of `ManifestValidation` (the `properties` of its entry in cdk8s.yaml). */
export interface ManifestValidationProps {
  /**
   * Files or folders with the CustomResourceDefinitions of other operators whose custom resources the app
   * synthesizes; relative paths are resolved from the working directory of `cdk8s synth`.
   * @default - only the pinned CRDs of the operators this library targets
   */
  readonly crds?: string[];
}

const FIX: Record<string, string> = {
  kind: 'Use an apiVersion the cluster serves, or add the CRD of this kind to the plugin\'s `crds` property',
  yaml: 'Fix the YAML syntax of the manifest',
};
const DEFAULT_FIX = 'Change the field at each location: the API server would reject the manifest as it is';

/**
 * Validates synthesized manifests like the Kubernetes API server (Kubernetes 1.31 built-in kinds, the pinned
 * CRDs with their CEL rules, metadata rules), as a cdk8s CLI validation plugin.
 */
export class ManifestValidation {
  private readonly crds: string[];

  public constructor(props: ManifestValidationProps = {}) {
    this.crds = props.crds ?? [];
  }

  /** Validates every manifest of the context and submits the report. */
  public async validate(context: IManifestValidationContext): Promise<void> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const files = require('./files') as typeof import('./files');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const extraCrds = files.manifestFiles(this.crds.map(p => path.resolve(p)))
      .flatMap(file => files.customResourceDefinitions(files.readManifestFile(file).documents));
    const result = files.validateManifestFiles([...context.manifests], { extraCrds });
    for (const violation of groupViolations(result.errors)) context.report.addViolation(violation);
    context.logger?.log(`cdk8s-eks-autoscaling: ${result.documents} document(s) in ${result.files} manifest(s), ${result.errors.length} error(s)`);
    context.report.submit(result.errors.length === 0 ? 'success' : 'failure', {
      documents: String(result.documents),
      errors: String(result.errors.length),
    });
  }
}

/** One violation per rule and error text (`<path>: <message>`), listing every resource that breaks it. */
function groupViolations(errors: readonly FileError[]): ManifestViolation[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { issueText } = require('./messages') as typeof import('./messages');
  const byRule = new Map<string, { violation: ManifestViolation; resources: Map<string, ManifestViolatingResource> }>();
  for (const e of errors) {
    const recommendation = issueText(e);
    const key = `${e.rule}\n${recommendation}`;
    let group = byRule.get(key);
    if (!group) {
      const violation: ManifestViolation = {
        ruleName: e.rule,
        recommendation,
        fix: FIX[e.rule] ?? DEFAULT_FIX,
        violatingResources: [],
      };
      group = { violation, resources: new Map() };
      byRule.set(key, group);
    }
    const resourceName = e.name ?? `${e.kind ?? 'document'} #${e.document}`;
    const resourceKey = `${e.file}\n${e.document}`;
    let resource = group.resources.get(resourceKey);
    if (!resource) {
      resource = { resourceName, locations: [], manifestPath: e.file };
      group.resources.set(resourceKey, resource);
      group.violation.violatingResources.push(resource);
    }
    resource.locations.push(e.path || '<root>');
  }
  return [...byRule.values()].map(g => g.violation);
}
