import { defineRules } from './rule';

/**
 * Rules of the k6-operator TestRun constructs. Ids use the K6 prefix of the reliability catalog (K6-01..K6-10);
 * the library's own checks continue from K6-11. Ids are stable: never reuse or renumber one.
 */
export const K6_RULES = defineRules({
  'K6-02': {
    severity: 'error',
    checks: 'A TestRun\'s parallelism is an int32 of at least 1.',
    origin: 'controller',
    source: 'k6-operator v1.6.0 internal/controller/testrun_controller.go: reconcile stops with "parallelism of TestRun cannot be less than 1"; the CRD k6.io_testruns.yaml sets no minimum',
  },
  'K6-04': {
    severity: 'error',
    checks: 'A script read from a ConfigMap is a bare file name, since the ConfigMap is mounted flat at /test/.',
    origin: 'controller',
    source: 'k6-operator v1.6.0 api/v1alpha1/testrun_types.go TestRunScript configMap.file and ParseScript: the ConfigMap is mounted at /test/',
  },
  'K6-05': {
    severity: 'error',
    checks: 'A TestRun\'s args are non-empty and start with a flag, not a positional argument (the operator passes the script itself).',
    origin: 'controller',
    source: 'k6-operator v1.6.0 pkg/types/k6cli.go argument parsing ("encountered an invalid value for k6 CLI argument"); testrun_controller.go sets stage error',
  },
  'K6-06': {
    severity: 'warning',
    checks: 'A TestRun\'s parallelism does not exceed the largest VU count found in its local script.',
    origin: 'controller',
    source: 'k6-operator v1.6.0 internal/controller/k6_initialize.go: "number of instances > number of VUs" sets stage error',
  },
  'K6-10': {
    severity: 'error',
    checks: 'A runner image is a valid image reference ([registry/]repository[:tag][@digest], lower-case path components) pinned to a tag other than "latest" or to a digest.',
    origin: 'best-practice',
    source: 'k6-operator docs/versioning.md (the runner image defaults to grafana/k6:latest); kube-score container-image-tag, Polaris tagNotSpecified',
  },
  'K6-11': {
    severity: 'error',
    checks: 'A local script given with K6Script.fromFile is a readable file.',
    origin: 'library',
    source: 'K6Script.fromFile reads the file at synth to pack it into a ConfigMap',
  },
  'K6-12': {
    severity: 'error',
    checks: 'A local script fits in a ConfigMap (at most 1 MiB).',
    origin: 'kubernetes',
    source: 'kubernetes pkg/apis/core/validation ValidateConfigMap: the data of a ConfigMap is at most 1 MiB',
  },
  'K6-13': {
    severity: 'error',
    checks: 'A script on a volume claim is a relative path inside the claim, without "..".',
    origin: 'library',
    source: 'the operator mounts the claim at /test/ and runs /test/<file>',
  },
  'K6-14': {
    severity: 'error',
    checks: 'A script file is a k6 script (.js, .mjs, .cjs, .ts) or a k6 archive (.tar).',
    origin: 'library',
    source: 'k6 run treats a .tar file as an archive and anything else as a script',
  },
  'K6-15': {
    severity: 'error',
    checks: 'A TestRun name is at most 51 characters (42 with a content hash), so the Job and Service names the operator derives stay within 63.',
    origin: 'controller',
    source: 'k6-operator names its Jobs and Services <name>-initializer, <name>-starter, <name>-<n> and <name>-service-<n>; longer names are rejected when it creates them',
  },
  'K6-16': {
    severity: 'error',
    checks: 'A runner\'s runAsUser is a non-root user id: 1 to 2147483647.',
    origin: 'kubernetes',
    source: 'the library sets runAsNonRoot: true, and the kubelet refuses to start a container with runAsUser 0 then; Pod Security Standards restricted (runAsUser)',
  },
  'K6-17': {
    severity: 'error',
    checks: 'Runner environment variable names are letters, digits, "_", "." and "-", not starting with a digit.',
    origin: 'kubernetes',
    source: 'k8s.io/apimachinery IsEnvVarName, checked when the operator creates the runner pods',
  },
  'K6-18': {
    severity: 'error',
    checks: 'Runner labels do not set "app", "k6_cr" or "runner", which the operator owns.',
    origin: 'controller',
    source: 'k6-operator v1.6.0 api/v1alpha1 TestRun.ListOptions selects runner Jobs and pods by app=k6, k6_cr=<name>, runner=true',
  },
  'K6-19': {
    severity: 'error',
    checks: 'The script\'s ConfigMap or volume claim is in the TestRun\'s namespace.',
    origin: 'controller',
    source: 'the runner pods mount the script volume from their own namespace, the TestRun\'s',
  },
  'K6-20': {
    severity: 'error',
    checks: 'The script\'s ConfigMap holds the script file as a key.',
    origin: 'controller',
    source: 'the runner runs /test/<file> from the mounted ConfigMap; a missing key fails the test',
  },
  'K6-22': {
    severity: 'error',
    checks: 'A runner\'s resource requests do not exceed its limits (cpu, memory, ephemeral-storage).',
    origin: 'kubernetes',
    source: 'k8s.io/kubernetes pkg/apis/core/validation ValidateResourceRequirements ("must be less than or equal to ... limit"): the runner pods are refused',
  },
  'K6-21': {
    severity: 'error',
    checks: 'A runner toleration\'s effect is one of NoSchedule, PreferNoSchedule and NoExecute (cdk8s-plus TaintEffect).',
    origin: 'kubernetes',
    source: 'k8s.io/kubernetes pkg/apis/core/validation validateTaintEffect, applied to the runner pods\' tolerations',
  },
});
