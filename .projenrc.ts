import { cdk8s, javascript } from 'projen';

// The pinned CRDs are vendored in this repository (see vendor/README.md for updating them).
const crds = 'vendor/crds';
// One named import per CRD file: imports of the same API group overwrite each other otherwise.
const crdImports: Record<string, string> = {
  'karpenter-nodepools': 'karpenter/karpenter.sh_nodepools.yaml',
  'karpenter-nodeclaims': 'karpenter/karpenter.sh_nodeclaims.yaml',
  'karpenter-ec2nodeclasses': 'karpenter/karpenter.k8s.aws_ec2nodeclasses.yaml',
  'keda-scaledobjects': 'keda/keda.sh_scaledobjects.yaml',
  'keda-scaledjobs': 'keda/keda.sh_scaledjobs.yaml',
  'keda-triggerauthentications': 'keda/keda.sh_triggerauthentications.yaml',
  'keda-clustertriggerauthentications': 'keda/keda.sh_clustertriggerauthentications.yaml',
  'monitoring-servicemonitors': 'prometheus-operator/monitoring.coreos.com_servicemonitors.yaml',
  'monitoring-podmonitors': 'prometheus-operator/monitoring.coreos.com_podmonitors.yaml',
  'monitoring-prometheusrules': 'prometheus-operator/monitoring.coreos.com_prometheusrules.yaml',
  'istio-gateways': 'istio/networking.istio.io_gateways.yaml',
  'istio-virtualservices': 'istio/networking.istio.io_virtualservices.yaml',
  'istio-destinationrules': 'istio/networking.istio.io_destinationrules.yaml',
  'k6-testruns': 'k6-operator/k6.io_testruns.yaml',
  'k6-privateloadzones': 'k6-operator/k6.io_privateloadzones.yaml',
  'elbv2-targetgroupbindings': 'aws-load-balancer-controller/elbv2.k8s.aws_targetgroupbindings.yaml',
};

// jsii asks the network for support notices on every compile unless silenced; we build offline.
const offlineEnv = {
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
  JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1',
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1',
  JSII_SILENCE_SUPPORT_WARNING: '1',
};

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-eks-autoscaling',
  description: 'Typed, validated cdk8s constructs for elastic EKS: Karpenter, KEDA, prometheus-operator, Istio, k6 and ALB.',
  author: 'cdk8s-eks-autoscaling maintainers',
  authorAddress: 'maintainers@cdk8s-eks-autoscaling.dev',
  repositoryUrl: 'https://github.com/cdk8s-eks-autoscaling/cdk8s-eks-autoscaling.git',
  keywords: ['cdk8s', 'eks', 'karpenter', 'keda', 'autoscaling', 'kubernetes'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  release: false,
  depsUpgrade: false,
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.5.0',
  // aws-cdk-lib only for AwsCdkResolver users; the resolver loads it lazily (see peerDependenciesMeta below).
  peerDeps: ['cdk8s-plus-31@^2.6.43', 'aws-cdk-lib@^2.200.0'],
  // The manifest validator's runtime (src/validation): not jsii modules, so bundled into the package, pinned to the
  // versions in package-lock.json. src/validation loads them on first use only.
  bundledDeps: [
    'ajv@8.20.0',
    'ajv-formats@3.0.1',
    '@bufbuild/cel@0.6.1',
    '@bufbuild/protobuf@2.17.0', // peer dependency of @bufbuild/cel
    '@bufbuild/re2@0.6.1', // @bufbuild/cel's own RE2 engine, used directly to compile each pattern once
    'yaml@2.9.1', // the CLI and the cdk8s plugin read YAML
  ],
  devDeps: [
    'cdk8s-cli@2.207.60',
    // build time only: scripts/generate-builtin-schemas.ts reads the built-in kinds' schemas from it
    'kubernetes-models@4.5.1',
    'projen@0.103.25',
    'jest@^30',
    'ts-jest@^29.4',
    '@types/jest@^30',
    'ts-node@^10.9.2',
    '@aws-sdk/client-cloudformation@^3.900.0',
  ],
  srcdir: 'src',
  libdir: 'lib',
  entrypoint: 'lib/src/index.js',
  tsconfig: {
    // No inline source maps: they made up most of lib/imports and were parsed on every require.
    compilerOptions: { rootDir: '.', inlineSourceMap: false, inlineSources: false },
    include: ['src/**/*.ts', 'imports/**/*.ts'],
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    compilerOptions: { rootDir: '.' },
    include: ['src/**/*.ts', 'imports/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '.projenrc.ts'],
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts'],
    tsconfigPath: './tsconfig.dev.json',
    ignorePatterns: ['imports/**', 'examples/dist/**', '*.d.ts', '*.js', 'node_modules/', 'lib/'],
  },
  jestOptions: {
    // A snapshot that rewrites itself cannot fail: update on purpose with `npx projen test:update`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/'],
    },
  },
  gitignore: ['/examples/dist/', '/.bench/', '/.scratch/'],
});

// projen asks for @types/node@ts6.0, a dist-tag the registry does not serve.
project.deps.removeDependency('@types/node');
project.addDevDeps('@types/node@^20');
project.package.addField('types', 'lib/src/index.d.ts');
project.package.addField('peerDependenciesMeta', { 'aws-cdk-lib': { optional: true } });
// The package is lib/, .jsii, the docs and the bundled dependencies: no sources (imports/ compiles into lib/imports/),
// no local scratch or bench output (test/package-contents.test.ts lists what it may hold).
project.npmignore?.exclude('/examples/', '/bench/', '/.ci/', '/scripts/', '/vendor/', '/imports/', '/.bench/', '/.scratch/');

for (const [name, value] of Object.entries(offlineEnv)) {
  project.tasks.addEnvironment(name, value);
}

// eslint's type-aware rules read the dev tsconfig; projen's project service would pick tsconfig.json.
project.eslint?.addOverride({ files: ['*.ts'], parserOptions: { projectService: false, project: './tsconfig.dev.json' } } as any);

const importTask = project.addTask('import', {
  description: 'Regenerate imports/ from the pinned CRDs in vendor/crds (never hand-edit imports/)',
});
importTask.exec('rm -rf imports');
// cdk8s import takes one spec per call on the command line.
for (const [name, file] of Object.entries(crdImports)) {
  importTask.exec(`cdk8s import --no-check-upgrade --language typescript --output imports ${name}:=${crds}/${file}`);
}

project.addTask('synth', {
  description: 'Synthesize every example chart into examples/dist/<example>/',
  // Type errors are caught by `typecheck` in `npm test`; here only speed matters.
  exec: 'ts-node --transpile-only --project tsconfig.dev.json examples/main.ts',
  receiveArgs: true,
});

project.addTask('bench', {
  description: 'Synth cost of the constructs against raw cdk8s ApiObjects (BENCH_SIZES, BENCH_RUNS to narrow it)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json bench/run.ts',
});

project.addTask('generate:catalog', {
  description: 'Regenerate src/karpenter/capacity/catalog-{data,labels,resources}.generated.ts from vendor/karpenter-data (never edit the output by hand)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/generate-instance-catalog.ts',
});

// `npx cdk8s-eks-autoscaling validate <files or folders>` (docs/validation.md)
project.addBins({ 'cdk8s-eks-autoscaling': 'lib/src/validation/cli.js' });

project.addTask('generate:builtin-schemas', {
  description: 'Regenerate src/validation/builtin-{schemas,enums}.generated.ts from kubernetes-models (never edit the output by hand)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/generate-builtin-schemas.ts',
});

project.addTask('generate:crd-schemas', {
  description: 'Regenerate src/validation/crd-schemas.generated.ts from the pinned CRDs in vendor/crds (never edit the output by hand)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/generate-crd-schemas.ts',
});

project.addTask('generate:prop-types', {
  description: 'Regenerate src/core/prop-types.generated.ts (the props checks of src/core/prop-checks.ts) from .jsii; run `npx projen compile` first (never edit the output by hand)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/generate-prop-types.ts',
});

// The generated L1 namespaces load on first use, so requiring the package does not load every CRD's classes.
project.compileTask.exec('ts-node --transpile-only --project tsconfig.dev.json scripts/lazy-l1.ts');
// Likewise every operator folder: requiring the package loads none of them until one of its exports is read.
project.compileTask.exec('ts-node --transpile-only --project tsconfig.dev.json scripts/lazy-index.ts');

project.addTask('rules', {
  description: 'Regenerate docs/rules.md from the rule catalog in src/core/rules (a test fails when it is stale)',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json scripts/rules-doc.ts',
});

// ts-jest transpiles without type-checking (isolatedModules), so tests, examples and bench are checked here.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check src, tests, examples and bench',
  exec: 'tsc --noEmit -p tsconfig.dev.json',
});
project.testTask.prependSpawn(typecheck);

// API.md documents the constructs; each generated L1 namespace gets its own page under docs/api/,
// so the reference a user reads first is not buried under megabytes of generated classes.
project.tasks.tryFind('docgen')?.reset('rm -rf docs/api && mkdir -p docs/api && jsii-docgen -o docs/api/API.md --split-by-submodule');
project.tasks.tryFind('docgen')?.exec("sed 's#(\\./l1#(./docs/api/l1#g' docs/api/API.md > API.md && rm docs/api/API.md");

project.synth();
