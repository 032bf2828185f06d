#!/usr/bin/env node
/**
 * `cdk8s-eks-autoscaling validate <files or folders...> [--json] [--crd FILE ...]`: validates Kubernetes manifests
 * the way the API server would (see validator.ts), printing one line per error and exiting 1 if there is any.
 */
import * as path from 'path';
import { customResourceDefinitions, FileError, manifestFiles, readManifestFile, validateManifestFiles } from './files';
import { formatError } from './validator';

const USAGE = `Usage: cdk8s-eks-autoscaling validate <file or folder>... [options]

Validates Kubernetes manifests (multi-document YAML or JSON; folders are searched recursively for
*.yaml, *.yml and *.json) the way the API server would: built-in kinds of Kubernetes 1.31, the custom
resources of Karpenter, KEDA, prometheus-operator, Istio, k6-operator and the AWS Load Balancer Controller
(pinned CRDs, CEL rules included), and those of any CRD passed with --crd or found among the files.
Istio and KEDA documents also get the rules of those operators' admission webhooks that the library's
constructs enforce: host names, match regexes and conditions, scaling formulas (docs/validation.md).

Options:
  --json             print the errors as a JSON array instead of one line each
  --crd <file>       CustomResourceDefinitions of another operator (file or folder; repeatable)
  --cache-dir <dir>  keep compiled CRD schemas here (default: $CDK8S_EKS_AUTOSCALING_CACHE_DIR if set, else
                     node_modules/.cache/cdk8s-eks-autoscaling when ./node_modules exists)
  --no-cache         compile CRD schemas in memory only
  -h, --help         show this help

Exit status: 0 when every document is valid, 1 when any is not, 2 on a usage error.`;

/** Where the CLI writes; the process's streams unless a test passes its own. */
export interface CliOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const PROCESS_OUTPUT: CliOutput = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

interface Arguments {
  readonly paths: string[];
  readonly crds: string[];
  readonly json: boolean;
  /** @default - the validator's default cache (defaultCacheDir in crd-schemas.ts), unless --no-cache */
  readonly cacheDir?: string;
  readonly noCache: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): Arguments {
  const paths: string[] = [];
  const crds: string[] = [];
  let json = false;
  let noCache = false;
  let cacheDir: string | undefined;
  const value = (i: number, flag: string) => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--json': json = true; break;
      case '--no-cache': noCache = true; break;
      case '--crd': crds.push(inline ?? value(++i, flag)); break;
      case '--cache-dir': cacheDir = inline ?? value(++i, flag); break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('no files or folders to validate');
  return { paths, crds, json, cacheDir, noCache };
}

/** A path relative to the working directory when it is inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** `file:document apiVersion/kind [namespace/]name: path: message` (see `formatError`) */
export function formatFileError(e: FileError): string {
  const where = `${shown(e.file)}:${e.document}`;
  return e.rule === 'yaml' ? `${where}: ${e.message}` : `${where} ${formatError(e)}`;
}

/** Loads the CRDs of `--crd` files; throws a usage error for a file without any. */
function loadCrds(paths: readonly string[]): unknown[] {
  const crds: unknown[] = [];
  for (const file of manifestFiles(paths)) {
    const { documents, problems } = readManifestFile(file);
    if (problems.length > 0) throw new UsageError(`--crd ${file}: ${problems[0].message}`);
    const found = customResourceDefinitions(documents);
    if (found.length === 0) throw new UsageError(`--crd ${file}: no apiextensions.k8s.io/v1 CustomResourceDefinition with schemas in it`);
    crds.push(...found);
  }
  return crds;
}

/** Runs the command; returns the exit status. */
export function main(argv: readonly string[], output: CliOutput = PROCESS_OUTPUT): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? output.err : output.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'validate') {
    output.err(`unknown command ${command}\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    output.out(USAGE);
    return 0;
  }
  try {
    const args = parseArguments(rest);
    const extraCrds = loadCrds(args.crds);
    // undefined: the validator's default cache (defaultCacheDir in crd-schemas.ts)
    const result = validateManifestFiles(args.paths, { extraCrds, cacheDir: args.noCache ? '' : args.cacheDir });
    if (args.json) {
      output.out(JSON.stringify(result.errors.map(({ file, ...e }) => ({ file: shown(file), ...e })), undefined, 2));
    } else {
      for (const e of result.errors) output.out(formatFileError(e));
      const documents = `${result.documents} document(s) in ${result.files} file(s)`;
      output.err(result.errors.length === 0 ? `${documents}: valid` : `${documents}: ${result.errors.length} error(s)`);
    }
    return result.errors.length === 0 ? 0 : 1;
  } catch (e: any) {
    output.err(`cdk8s-eks-autoscaling: ${e?.message ?? e}`);
    if (e instanceof UsageError) output.err('Run `cdk8s-eks-autoscaling validate --help` for usage.');
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
