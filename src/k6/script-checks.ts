import * as fs from 'fs';
import { IConstruct } from 'constructs';
import { K6Script } from './k6-script';
import { DATA_KEY } from '../common/secret-keys';
import { invalidInput } from '../core/errors';
import { K6_RULES } from '../core/rules';

/** ConfigMaps hold at most 1 MiB. */
const CONFIG_MAP_LIMIT = 1024 * 1024;

/** Reads a local script, failing with the library's error shape when it cannot be packed into a ConfigMap. */
export function readLocalScript(scope: IConstruct, localPath: string): string {
  let content: Buffer;
  try {
    content = fs.readFileSync(localPath);
  } catch {
    throw invalidInput(scope, K6_RULES['K6-11'], 'script', localPath, 'must be a readable local file (paths are relative to the working directory of the synth)');
  }
  if (content.length > CONFIG_MAP_LIMIT) {
    throw invalidInput(scope, K6_RULES['K6-12'], 'script', localPath, `is ${content.length} bytes; a ConfigMap holds at most 1 MiB, use K6Script.fromVolumeClaim`);
  }
  return content.toString('utf8');
}

/** Checks the script's file name for its source. */
export function checkScriptFile(scope: IConstruct, script: K6Script): void {
  const file = script.file;
  if (script.source === 'volumeClaim') {
    if (file.length === 0 || file.startsWith('/') || file.split('/').includes('..')) {
      throw invalidInput(scope, K6_RULES['K6-13'], 'script.file', file, 'must be a relative path inside the claim (mounted at /test/)');
    }
  } else if (!DATA_KEY.test(file)) {
    throw invalidInput(scope, K6_RULES['K6-04'], 'script.file', file, 'must be a bare file name (letters, digits, "-", "_" and "."): ConfigMap scripts are mounted flat at /test/');
  }
  if (!/\.(js|mjs|cjs|ts|tar)$/.test(file)) {
    throw invalidInput(scope, K6_RULES['K6-14'], 'script.file', file, 'must be a k6 script (.js, .mjs, .cjs, .ts) or a `k6 archive` (.tar)');
  }
}
