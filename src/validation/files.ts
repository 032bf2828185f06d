/**
 * Reading manifests from disk for the CLI and the cdk8s plugin: multi-document YAML (JSON is YAML too), folders
 * walked recursively for `*.yaml`, `*.yml` and `*.json`. The `yaml` package is loaded on first use.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isUsableCrd } from './crd-schemas';
import { ManifestError, ManifestValidationOptions, validateManifests } from './validator';

/** One document of a manifest file. */
export interface FileDocument {
  readonly file: string;
  /** Position of the document in its file, from 0 (empty documents count, so it matches the file). */
  readonly index: number;
  readonly doc: unknown;
}

/** A file that could not be read or parsed. */
export interface FileProblem {
  readonly file: string;
  /** @default - none: the whole file (reported as document 0) */
  readonly index?: number;
  readonly message: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * The files named, with every `*.yaml`, `*.yml` and `*.json` under the folders named (sorted, recursively;
 * `node_modules` and dot-folders skipped). Throws for a path that does not exist.
 */
export function manifestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (MANIFEST_FILE.test(entry.name)) {
        out.push(full);
      }
    }
  };
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`no such file or folder: ${p}`);
    if (stat.isDirectory()) walk(p);
    else out.push(p);
  }
  return [...new Set(out)];
}

/** The documents of one file; YAML syntax errors are returned as problems, not thrown. */
export function readManifestFile(file: string): { documents: FileDocument[]; problems: FileProblem[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const documents: FileDocument[] = [];
  const problems: FileProblem[] = [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    return { documents, problems: [{ file, message: `cannot read: ${e?.message ?? e}` }] };
  }
  YAML.parseAllDocuments(text).forEach((parsed, index) => {
    if (parsed.errors.length > 0) {
      problems.push({ file, index, message: `YAML: ${parsed.errors[0].message.split('\n')[0]}` });
      return;
    }
    const doc = parsed.toJS({ maxAliasCount: -1 });
    if (doc !== null && doc !== undefined) documents.push({ file, index, doc });
  });
  return { documents, problems };
}

/** Every CustomResourceDefinition among `documents` that has what validation needs (a broken one is reported as a document). */
export function customResourceDefinitions(documents: readonly FileDocument[]): unknown[] {
  return documents.map(d => d.doc).filter(isUsableCrd);
}

/** An error in a manifest file: `document` is the document's position in `file`. */
export interface FileError extends ManifestError {
  readonly file: string;
}

/** Options of `validateManifestFiles`. */
export interface FileValidationOptions extends ManifestValidationOptions {
  /**
   * Also use the CustomResourceDefinitions found among the validated documents, as `kubectl apply` of the same
   * files would create them first.
   * @default true
   */
  readonly crdsFromDocuments?: boolean;
}

/** The result of `validateManifestFiles`. */
export interface FileValidationResult {
  readonly errors: FileError[];
  readonly files: number;
  readonly documents: number;
}

/** Validates every document of the files (see `manifestFiles` for folders), with one error list for all. */
export function validateManifestFiles(paths: readonly string[], options: FileValidationOptions = {}): FileValidationResult {
  const files = manifestFiles(paths);
  const documents: FileDocument[] = [];
  const errors: FileError[] = [];
  for (const file of files) {
    const read = readManifestFile(file);
    documents.push(...read.documents);
    for (const problem of read.problems) {
      errors.push({ file, document: problem.index ?? 0, path: '', message: problem.message, rule: 'yaml' });
    }
  }
  const extraCrds = [...options.extraCrds ?? [], ...options.crdsFromDocuments === false ? [] : customResourceDefinitions(documents)];
  const found = validateManifests(documents.map(d => d.doc), { ...options, extraCrds });
  for (const e of found) {
    const source = documents[e.document];
    errors.push({ ...e, file: source.file, document: source.index });
  }
  errors.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.document - b.document);
  return { errors, files: files.length, documents: documents.length };
}
