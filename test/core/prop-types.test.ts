import * as fs from 'fs';
import { ASSEMBLY, buildPropTypes, OUTPUT, readAssemblies, renderPropTypes } from '../../scripts/generate-prop-types';

// The description is derived from the jsii assembly, which only `npx projen compile` writes. `npx projen build` compiles
// before it tests; .ci/run tests before it compiles, so it runs this file again after `npx projen compile`.
const hasAssembly = fs.existsSync(ASSEMBLY);
const testWithAssembly = hasAssembly ? test : test.skip;
const skipped = hasAssembly ? '' : ' (skipped: there is no .jsii; run `npx projen compile`)';

describe('the generated prop types', () => {
  testWithAssembly(`are what the jsii assembly gives (run \`npx projen compile && npx projen generate:prop-types\` when this fails)${skipped}`, () => {
    expect(fs.readFileSync(OUTPUT, 'utf8')).toEqual(renderPropTypes(buildPropTypes(readAssemblies())));
  });

  testWithAssembly(`describe every exported construct that takes props, and no generated L1 class${skipped}`, () => {
    const { constructs } = buildPropTypes(readAssemblies());
    expect([...constructs.keys()]).toEqual(expect.arrayContaining(['NodePool', 'ServiceMonitor', 'ScaledObject', 'TestRun']));
    expect([...constructs.keys()].filter(name => name.includes('.'))).toEqual([]);
  });
});
