import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

/**
 * One entry per example: its folder name under examples/ (and examples/dist/) and the
 * function that builds its cdk8s App without synthesizing it, so tests can inspect the charts.
 */
export interface Example {
  readonly name: string;
  readonly buildApp: (outdir: string) => App;
}

/** Every folder under examples/ with an `app.ts` that exports `buildApp(outdir)`. */
export const EXAMPLES: Example[] = fs.readdirSync(__dirname, { withFileTypes: true })
  .filter(entry => entry.isDirectory() && fs.existsSync(path.join(__dirname, entry.name, 'app.ts')))
  .map(entry => entry.name)
  .sort()
  .map(name => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(__dirname, name, 'app'));
    if (typeof module.buildApp !== 'function') throw new Error(`examples/${name}/app.ts must export buildApp(outdir: string): App`);
    return { name, buildApp: module.buildApp };
  });
