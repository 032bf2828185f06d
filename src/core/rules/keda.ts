import { defineRules } from './rule';

/**
 * Rules of the KEDA constructs (ScaledObject, TriggerAuthentication, ClusterTriggerAuthentication and
 * their triggers), checked against KEDA 2.20 unless a rule says otherwise. SO, TA, PR and SQ ids follow the
 * reliability catalog; KT covers options common to triggers and the cpu/memory triggers; K8-04 is the HPA
 * behavior KEDA copies into its HPA. Ids are stable: never reuse or renumber one.
 */
export const KEDA_RULES = defineRules({
  // ScaledObject (keda.sh/v1alpha1)
  'SO-01': {
    severity: 'error',
    checks: 'A ScaledObject has at least one trigger.',
    origin: 'crd-schema',
    source: 'KEDA config/crd/bases/keda.sh_scaledobjects.yaml spec.triggers (required, minItems 1)',
  },
  'SO-05': {
    severity: 'error',
    checks: 'minReplicas is at most maxReplicas, or at most 100 (KEDA\'s default) when maxReplicas is unset.',
    origin: 'crd-cel',
    source: 'KEDA keda.sh_scaledobjects.yaml spec x-kubernetes-validations "minReplicaCount must be less than or equal to maxReplicaCount" (2.20+); before that the webhook\'s verifyReplicaCount (CheckReplicaCountBoundsAreValid in scaledobject_types.go)',
  },
  'SO-06': {
    severity: 'error',
    checks: 'idleReplicas is only ever 0, and then minReplicas is at least 1.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyReplicaCount (CheckReplicaCountBoundsAreValid: idleReplicaCount must be less than minReplicaCount); KEDA docs scaledobject-spec.md (idleReplicaCount: only 0 is supported)',
  },
  'SO-08': {
    severity: 'error',
    checks: 'A workload is targeted by at most one ScaledObject of the app.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyScaledObjects ("the workload ... is already managed by the ScaledObject ...")',
  },
  'SO-09': {
    severity: 'error',
    checks: 'The HPA name a ScaledObject manages is not used by another ScaledObject or by a HorizontalPodAutoscaler of another workload in the namespace.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyScaledObjects ("the HPA ... is already managed by the ScaledObject ...")',
  },
  'SO-10': {
    severity: 'error',
    checks: 'A workload scaled by a ScaledObject has no HorizontalPodAutoscaler of its own, and taking over a live HPA names it in hpaName.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyHpas ("already managed by the hpa"; transfer-hpa-ownership needs the HPA name in advanced.horizontalPodAutoscalerConfig.name)',
  },
  'SO-11': {
    severity: 'error',
    checks: 'Every container a cpu or memory trigger measures has a request (or limit) for that resource.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyCPUMemoryScalers ("the scaledobject has a cpu trigger but the container ... doesn\'t have the cpu request defined"; skipped on dry-run)',
  },
  'SO-12': {
    severity: 'error',
    checks: 'A ScaledObject whose triggers are all cpu or memory has minReplicas of at least 1.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyCPUMemoryScalers ("scaledobject has only cpu/memory triggers AND minReplica is 0")',
  },
  'SO-13': {
    severity: 'error',
    checks: 'The ScaledObject name, and the HPA name (hpaName or keda-hpa-<name>), are at most 63 characters: both are written as label values.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyName (maxK8sLabelValueLength 63, scaledobject.keda.sh/name label)',
  },
  'SO-14': {
    severity: 'error',
    checks: 'Trigger names are unique within a ScaledObject.',
    origin: 'webhook',
    source: 'KEDA scaletriggers_types.go ValidateTriggers ("triggerName ... is defined multiple times"), called by the webhook\'s verifyTriggers',
  },
  'SO-16': {
    severity: 'error',
    checks: 'A fallback has a trigger it can apply to: a non-cpu/memory trigger with metricType AverageValue (on KEDA 2.16 and older, every trigger AverageValue and none cpu or memory).',
    origin: 'webhook',
    source: 'KEDA scaledobject_types.go CheckFallbackValid, called by the webhook\'s verifyFallback (rules of 2.16.0, 2.17.0 and 2.17.2+)',
  },
  'SO-17': {
    severity: 'error',
    checks: 'fallback.replicas and fallback.failureThreshold are int32 values of at least 0.',
    origin: 'crd-schema',
    source: 'KEDA keda.sh_scaledobjects.yaml spec.fallback.failureThreshold / spec.fallback.replicas (required, minimum 0, int32); CheckFallbackValid',
  },
  'SO-18': {
    severity: 'error',
    checks: 'The scalingModifiers fallback behavior comes with advanced.scalingModifiers and its formula.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go verifyFallback ("scalingModifiers fallback behavior requires scalingModifiers.formula to be defined")',
  },
  'SO-20': {
    severity: 'error',
    checks: 'metricType Utilization is used only on cpu and memory triggers; external triggers take AverageValue or Value.',
    origin: 'controller',
    source: 'KEDA pkg/scalers/scaler.go GetMetricTargetType ("\'Utilization\' metric type is unsupported for external metrics")',
  },
  'SO-22': {
    severity: 'warning',
    checks: 'pollingInterval and cooldownPeriod are set only where they act: at zero replicas (minReplicas or idleReplicas 0) or, for pollingInterval, with cached metrics.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go admission warnings "PollingInterval/CooldownPeriod is configured but is not relevant"',
  },
  'SO-23': {
    severity: 'error',
    checks: 'A workload scaled by a ScaledObject does not set replicas itself.',
    origin: 'best-practice',
    source: 'kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured: a fixed replica count is reapplied over the autoscaler\'s on every apply',
  },
  'SO-25': {
    severity: 'error',
    checks: 'A referenced scale target has a PascalCase kind and an API version such as apps/v1 or group/v1beta1.',
    origin: 'controller',
    source: 'KEDA ParseGVKR (apis/keda/v1alpha1) resolves scaleTargetRef apiVersion and kind through the REST mapper; an unknown kind leaves the ScaledObject not Ready',
  },
  'SO-26': {
    severity: 'error',
    checks: 'minReplicas is an int32 of at least 0 and maxReplicas an int32 of at least 1.',
    origin: 'crd-schema',
    source: 'KEDA keda.sh_scaledobjects.yaml spec.minReplicaCount (minimum 0) and spec.maxReplicaCount (minimum 1), format int32',
  },
  'SO-27': {
    severity: 'error',
    checks: 'pollingInterval is at least 1 second, and cooldownPeriod and initialCooldownPeriod at least 0 seconds, within int32.',
    origin: 'crd-schema',
    source: 'KEDA keda.sh_scaledobjects.yaml spec.pollingInterval (minimum 1), spec.cooldownPeriod and spec.initialCooldownPeriod (minimum 0), format int32',
  },
  'SO-28': {
    severity: 'error',
    checks: 'fallback.behavior is used only when targeting KEDA 2.17 or later, and its scalingModifiers value only on KEDA 2.20 or later.',
    origin: 'crd-schema',
    source: 'KEDA keda.sh_scaledobjects.yaml spec.fallback.behavior: absent before v2.17.0 (strict field validation rejects it, other clients prune it); enum value scalingModifiers added in v2.20.0',
  },
  'SO-29': {
    severity: 'warning',
    checks: 'fallback.replicas lies between minReplicas and maxReplicas; outside them the HPA clamps it.',
    origin: 'controller',
    source: 'Kubernetes HPA controller (pkg/controller/podautoscaler) clamps the desired replicas KEDA\'s fallback metric asks for to minReplicas..maxReplicas',
  },
  'SO-30': {
    severity: 'error',
    checks: 'scalingModifiers.formula is a non-empty expression.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go ValidateAndCompileScalingModifiers ("error ScalingModifiers.Formula is mandatory")',
  },
  'SO-31': {
    severity: 'error',
    checks: 'scalingModifiers.target is a number greater than 0 and activationTarget a number of at least 0.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go validateScalingModifiersTarget (target parsed as a float, must be > 0)',
  },
  'SO-32': {
    severity: 'error',
    checks: 'scalingModifiers.metricType is AverageValue or Value, never Utilization.',
    origin: 'crd-schema',
    source: 'KEDA keda.sh_scaledobjects.yaml spec.advanced.scalingModifiers.metricType (enum AverageValue, Value); validateScalingModifiersTarget in scaledobject_webhook.go',
  },
  'SO-33': {
    severity: 'error',
    checks: 'A scalingModifiers formula reads only the names of the ScaledObject\'s named non-cpu/memory triggers.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go validateScalingModifiersFormula (expr.Compile against the named non-cpu/memory triggers)',
  },
  'SO-34': {
    severity: 'error',
    checks: 'A PodDisruptionBudget is requested only for a workload construct of the app, whose pod labels it can select.',
    origin: 'library',
    source: 'ScaledObject podDisruptionBudget selects the pods through the workload construct (WorkloadReference.fromWorkload)',
  },
  'SO-35': {
    severity: 'error',
    checks: 'The PodDisruptionBudget a ScaledObject creates allows at least one pod down: maxUnavailable of at least 1, or 1 to 100 percent.',
    origin: 'best-practice',
    source: 'kube-linter pdb-max-unavailable and Polaris pdbDisruptionsIsZero: a budget of 0 blocks node drains (Karpenter consolidation, upgrades)',
  },
  'SO-36': {
    severity: 'error',
    checks: 'A ScaledObject is in the namespace of the workload construct it scales.',
    origin: 'controller',
    source: 'KEDA pkg/scaling/executor/scale_scaledobjects.go reads and updates the target\'s /scale subresource in the ScaledObject\'s own namespace',
  },
  'SO-37': {
    severity: 'error',
    checks: 'envSourceContainerName names a container of the target workload.',
    origin: 'controller',
    source: 'KEDA pkg/scaling/resolver/scale_resolvers.go ResolveContainerEnv ("couldn\'t find container with name ... on Target object")',
  },
  'SO-38': {
    severity: 'error',
    checks: 'kedaVersion is a KEDA 2.x release with non-negative integer minor and patch numbers.',
    origin: 'library',
    source: 'KedaVersion: the library gates its rules on KEDA 2.x releases',
  },
  'SO-39': {
    severity: 'error',
    checks: 'Paused replicas (autoscaling.keda.sh/paused-replicas) are an int32 of at least 0.',
    origin: 'controller',
    source: 'KEDA pkg/scaling/executor/scale_scaledobjects.go GetPausedReplicaCount (strconv.ParseInt(value, 10, 32)); a bad value leaves the ScaledObject not Ready',
  },
  'SO-40': {
    severity: 'error',
    checks: 'A workload construct a ScaledObject scales is scalable (a cdk8s-plus Deployment or StatefulSet); DaemonSets and Jobs have no /scale subresource.',
    origin: 'controller',
    source: 'KEDA controllers/keda/scaledobject_controller.go checkTargetResourceIsScalable (the scale target must serve the /scale subresource; otherwise the ScaledObject is not Ready); Jobs are scaled by a ScaledJob',
  },
  'SO-41': {
    severity: 'error',
    checks: 'scalingModifiers.formula is an expression expr-lang compiles to a number: balanced brackets and quotes, an operand on each side of every operator, only expr-lang\'s built-in functions, and a numeric (not boolean or string) result.',
    origin: 'webhook',
    source: 'KEDA scaledobject_webhook.go validateScalingModifiersFormula (expr.Compile of the formula; the composite metric is a float)',
  },

  // HPA behavior KEDA copies into its HPA (advanced.horizontalPodAutoscalerConfig.behavior)
  'K8-04': {
    severity: 'error',
    checks: 'HPA behavior is within Kubernetes\' limits: stabilization window 0 to 3600 s, policy values above 0, policy periods 1 to 1800 s, at least one policy when given, tolerance of at least 0.',
    origin: 'kubernetes',
    source: 'kubernetes pkg/apis/autoscaling/validation validateScalingRules / validateScalingPolicy; KEDA copies the block into its HPA, so a bad value leaves the ScaledObject not Ready',
  },

  // TriggerAuthentication and ClusterTriggerAuthentication (keda.sh/v1alpha1)
  'TA-04': {
    severity: 'error',
    checks: 'An AWS pod identity externalId is used only together with roleArn.',
    origin: 'webhook',
    source: 'KEDA triggerauthentication_webhook.go validateSpec ("externalID of PodIdentity requires roleArn to be set")',
  },
  'TA-08': {
    severity: 'error',
    checks: 'identityOwner workload is used only when the target\'s ServiceAccount has an IRSA role (eks.amazonaws.com/role-arn); EKS Pod Identity does not work with it.',
    origin: 'controller',
    source: 'KEDA pkg/scaling/resolver/scale_resolvers.go reads the role ARN from the workload ServiceAccount\'s eks.amazonaws.com/role-arn annotation',
  },
  'TA-09': {
    severity: 'error',
    checks: 'A TriggerAuthentication used by a ScaledObject is in the ScaledObject\'s namespace; other namespaces need a ClusterTriggerAuthentication.',
    origin: 'controller',
    source: 'KEDA pkg/scaling/resolver/scale_resolvers.go looks TriggerAuthentication up in the ScaledObject\'s namespace',
  },
  'TA-10': {
    severity: 'error',
    checks: 'oauth2 has a non-empty clientId (and an http(s) tokenUrl, GEN-08).',
    origin: 'webhook',
    source: 'KEDA triggerauthentication_webhook.go validateSpec ("oauth2.clientId is required when oauth2 is configured")',
  },
  'TA-11': {
    severity: 'warning',
    checks: 'identityOwner workload is used with a target that runs under its own IRSA ServiceAccount rather than the namespace\'s default one.',
    origin: 'controller',
    source: 'KEDA pkg/scaling/resolver/scale_resolvers.go uses the target pod template\'s ServiceAccount (default when unset) for identityOwner workload',
  },
  'TA-12': {
    severity: 'error',
    checks: 'An AWS pod identity roleArn is an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<name>.',
    origin: 'controller',
    source: 'AWS STS AssumeRole, called by KEDA\'s AWS credential resolution (pkg/scalers/aws), rejects a malformed role ARN at scaling time',
  },
  'TA-13': {
    severity: 'error',
    checks: 'An AWS pod identity sets roleArn or identityOwner, not both.',
    origin: 'webhook',
    source: 'KEDA triggerauthentication_webhook.go validateSpec ("roleArn of PodIdentity can\'t be set if KEDA isn\'t identityOwner"); the library also refuses the redundant identityOwner keda',
  },
  'TA-14': {
    severity: 'error',
    checks: 'Pod identity fields that are set (externalId, identityId, identityTenantId, identityAuthorityHost) are not empty strings.',
    origin: 'webhook',
    source: 'KEDA triggerauthentication_webhook.go validateSpec (identityId and identityTenantId "should not be empty")',
  },
  'TA-15': {
    severity: 'error',
    checks: 'An Azure workload identity with identityAuthorityHost also sets identityTenantId.',
    origin: 'webhook',
    source: 'KEDA triggerauthentication_webhook.go validateSpec ("identityTenantID of PodIdentity should not be nil or empty when identityAuthorityHost of PodIdentity is set")',
  },
  'TA-16': {
    severity: 'error',
    checks: 'oauth2 scopes are distinct RFC 6749 scope tokens: printable ASCII without spaces, double quotes or backslashes.',
    origin: 'controller',
    source: 'RFC 6749 section 3.3: the token request\'s scope parameter is a space-separated list of scope-tokens, so a scope with a space is read as two',
  },
  'TA-17': {
    severity: 'error',
    checks: 'A referenced value fills a scaler parameter name such as awsRoleArn or bearerToken: a letter, then letters, digits, "_", "." or "-".',
    origin: 'library',
    source: 'the parameter must match a scaler\'s auth parameter name (KEDA typed_config authParams); other strings are never read',
  },
  'TA-18': {
    severity: 'error',
    checks: 'Each scaler parameter is filled by one reference of the authentication (secret, ConfigMap, env or bound token).',
    origin: 'controller',
    source: 'KEDA pkg/scaling/resolver/scale_resolvers.go collects the references into one authParams map, so a later one silently overwrites an earlier one',
  },
  'TA-19': {
    severity: 'error',
    checks: 'A TriggerAuthentication provides something: podIdentity, a secret, ConfigMap, env or bound-token reference, or oauth2.',
    origin: 'controller',
    source: 'KEDA accepts an empty spec; the scaler then runs without credentials and fails on its first poll',
  },
  'TA-20': {
    severity: 'error',
    checks: 'Pod identity values have the form the cloud SDK takes: an AWS externalId 2 to 1224 characters of letters, digits and +=,.@:/-; an Azure identityId a GUID, identityTenantId letters, digits, "." and "-", identityAuthorityHost an https URL.',
    origin: 'controller',
    source: 'AWS STS AssumeRole ExternalId constraints; Azure azidentity (client ID, validTenantID, authority host); KEDA passes the values through and the scaler fails to authenticate',
  },

  // prometheus trigger (pkg/scalers/prometheus_scaler.go)
  'PR-01': {
    severity: 'error',
    checks: 'A prometheus trigger has a non-empty query.',
    origin: 'controller',
    source: 'KEDA prometheus_scaler.go prometheusMetadata (query required; typed_config "missing required parameter")',
  },
  'PR-04': {
    severity: 'warning',
    checks: 'A prometheus query is aggregated at top level (sum(...), etc.) so it returns one series.',
    origin: 'controller',
    source: 'KEDA prometheus_scaler.go ExecutePromQuery ("prometheus query ... returned multiple elements")',
  },
  'PR-05': {
    severity: 'error',
    checks: 'authModes are not combined with an authentication that has a pod identity.',
    origin: 'controller',
    source: 'KEDA prometheus_scaler.go checkAuthConfigWithPodIdentity ("pod identity cannot be enabled with other auth types")',
  },
  'PR-06': {
    severity: 'error',
    checks: 'Triggers keep TLS certificate verification (no unsafeSsl "true") unless the ScaledObject opts in with allowUnsafeSsl.',
    origin: 'best-practice',
    source: 'KEDA docs scalers/prometheus.md: unsafeSsl skips certificate verification; give the CA through a TriggerAuthentication (authModes tls) instead',
  },
  'PR-08': {
    severity: 'warning',
    checks: 'A prometheus trigger of a ScaledObject with a fallback does not set ignoreNullValues true.',
    origin: 'controller',
    source: 'KEDA prometheus_scaler.go ExecutePromQuery: with ignoreNullValues true an empty result reads as 0 instead of an error, so the fallback never fires',
  },
  'PR-09': {
    severity: 'error',
    checks: 'threshold is a number greater than 0 and activationThreshold a number of at least 0.',
    origin: 'kubernetes',
    source: 'kubernetes pkg/apis/autoscaling/validation: the HPA metric target KEDA builds from threshold must be positive; KEDA prometheus_scaler.go parses both as float64',
  },
  'PR-10': {
    severity: 'error',
    checks: 'customHeaders carry no credential headers (Authorization, Proxy-Authorization, Cookie, X-Api-Key, X-Auth-Token).',
    origin: 'best-practice',
    source: 'KEDA docs scalers/prometheus.md: credentials go through a TriggerAuthentication with authModes (bearer, basic, custom), not into the manifest',
  },
  'PR-11': {
    severity: 'error',
    checks: 'timeout is a positive whole number of milliseconds, at most the longest Go duration (2562047h47m16s).',
    origin: 'controller',
    source: 'KEDA pkg/scalers/scalersconfig/typed_config.go parses timeout as integer milliseconds or a Go duration',
  },
  'PR-12': {
    severity: 'error',
    checks: 'authModes, when given, lists at least one mode.',
    origin: 'library',
    source: 'the library\'s API: authModes is omitted for no authentication rather than given as an empty list',
  },
  'PR-13': {
    severity: 'error',
    checks: 'authModes come with an authentication that holds their credentials.',
    origin: 'controller',
    source: 'KEDA pkg/scalers/authentication (authentication.Config): each auth mode reads its parameters (bearerToken, username/password, ca/cert/key) from the TriggerAuthentication',
  },
  'PR-14': {
    severity: 'warning',
    checks: 'A prometheus trigger does not set the deprecated metricName.',
    origin: 'controller',
    source: 'KEDA scaletriggers_types.go ValidateTriggers logs "metricName is deprecated"; prometheus_scaler.go ignores it',
  },
  'PR-15': {
    severity: 'error',
    checks: 'A prometheus query is PromQL Prometheus can lex: ASCII names, closed brackets and quotes, an operator between two operands, no trailing operator.',
    origin: 'controller',
    source: 'Prometheus promql/parser: the scaler gets "bad_data ... parse error" from the query API on every poll and never scales',
  },

  // aws-sqs-queue trigger (pkg/scalers/aws_sqs_queue_scaler.go)
  'SQ-01': {
    severity: 'error',
    checks: 'An aws-sqs-queue trigger has exactly one of queueUrl and queueUrlFromEnv.',
    origin: 'controller',
    source: 'KEDA aws_sqs_queue_scaler.go metadata (queueURL from triggerMetadata or resolvedEnv; "missing required parameter \\"queueURL\\"")',
  },
  'SQ-02': {
    severity: 'error',
    checks: 'An aws-sqs-queue trigger has a region, given or read from the queue URL.',
    origin: 'controller',
    source: 'KEDA aws_sqs_queue_scaler.go metadata awsRegion (required; "missing required parameter \\"awsRegion\\"")',
  },
  'SQ-04': {
    severity: 'error',
    checks: 'queueLength is an integer of at least 1 and activationQueueLength an integer of at least 0.',
    origin: 'controller',
    source: 'KEDA aws_sqs_queue_scaler.go parses both as int64; queueLength 0 gives an HPA target of 0, which the HPA rejects as not positive',
  },
  'SQ-05': {
    severity: 'error',
    checks: 'An aws-sqs-queue trigger has an authentication (or the deprecated operator identityOwner).',
    origin: 'controller',
    source: 'KEDA pkg/scalers/aws/aws_common.go: without credentials the scaler fails with "awsAccessKeyID not found"',
  },
  'SQ-06': {
    severity: 'error',
    checks: 'Trigger metadata holds no credentials: no credential keys, AWS access key ids or passwords in URLs.',
    origin: 'best-practice',
    source: 'KEDA pkg/scalers/aws/aws_common.go still reads awsAccessKeyID/awsSecretAccessKey from metadata (legacy path), which puts the secret in plain manifests; use a TriggerAuthentication',
  },
  'SQ-08': {
    severity: 'error',
    checks: 'A given region matches the region in the SQS queue URL.',
    origin: 'library',
    source: 'cross-field check: KEDA calls SQS in awsRegion, so a region other than the queue\'s fails to find the queue',
  },
  'SQ-09': {
    severity: 'error',
    checks: 'queueUrl (without a custom endpoint) is https://sqs.<region>.amazonaws.com/<12-digit account>/<queue name>.',
    origin: 'controller',
    source: 'KEDA aws_sqs_queue_scaler.go takes the queue name from the URL path; SQS queue names are at most 80 letters, digits, "-" or "_" (".fifo" for FIFO queues)',
  },
  'SQ-10': {
    severity: 'warning',
    checks: 'An aws-sqs-queue trigger does not set the deprecated trigger-level identityOwner.',
    origin: 'controller',
    source: 'KEDA aws_sqs_queue_scaler.go identityOwner: deprecated since 2.13 and ignored when the authentication has a pod identity',
  },

  // Options common to triggers, and the cpu/memory triggers
  'KT-01': {
    severity: 'error',
    checks: 'Trigger names start with a letter or "_" and hold letters, digits, "_" and "-", so scalingModifiers formulas can read them.',
    origin: 'library',
    source: 'expr-lang identifiers, which KEDA\'s scalingModifiers formula uses for trigger names',
  },
  'KT-02': {
    severity: 'error',
    checks: 'A custom trigger type is one of the scaler types KEDA 2.20 builds (kafka, rabbitmq, aws-sqs-queue, external, ...).',
    origin: 'controller',
    source: 'KEDA pkg/scaling/scalers_builder.go: the registered scaler builders; any other type fails with "no scaler found for type"',
  },
  'KT-03': {
    severity: 'error',
    checks: 'useCachedMetrics is not set on cpu, memory or cron triggers.',
    origin: 'webhook',
    source: 'KEDA scaletriggers_types.go ValidateTriggers ("property \\"useCachedMetrics\\" is not supported for ... scaler")',
  },
  'KT-04': {
    severity: 'error',
    checks: 'Map parameters (customHeaders, queryParameters) have non-empty keys without "=", "," or whitespace, and values without "=" or ",".',
    origin: 'controller',
    source: 'KEDA pkg/scalers/scalersconfig/typed_config.go reads map-typed parameters as key=value pairs separated by ","',
  },
  'KT-05': {
    severity: 'error',
    checks: 'AWS regions look like us-east-1.',
    origin: 'controller',
    source: 'the AWS SDK used by KEDA\'s AWS scalers and SigV4 signing builds endpoints from the region name',
  },
  'KT-06': {
    severity: 'error',
    checks: 'Environment variable names read from the scale target (envTargets, queueUrlFromEnv) are valid container env var names.',
    origin: 'kubernetes',
    source: 'kubernetes pkg/apis/core/validation ValidateEnv (IsEnvVarName): the target container cannot have any other name',
  },
  'KT-07': {
    severity: 'error',
    checks: 'A cpu or memory trigger has exactly one of utilizationPercent and averageValue.',
    origin: 'library',
    source: 'KEDA pkg/scalers/cpu_memory_scaler.go reads one value whose meaning metricType (Utilization or AverageValue) fixes',
  },
  'KT-08': {
    severity: 'error',
    checks: 'A cpu or memory trigger target is positive: utilizationPercent an int32 of at least 1, averageValue a finite quantity above 0 (a Size in whole bytes).',
    origin: 'kubernetes',
    source: 'kubernetes pkg/apis/autoscaling/validation: the HPA resource metric target KEDA builds must be positive',
  },
  'KT-09': {
    severity: 'error',
    checks: 'A cpu or memory trigger\'s containerName names a container of the target workload.',
    origin: 'controller',
    source: 'the HPA ContainerResource metric KEDA builds (pkg/scalers/cpu_memory_scaler.go) fails when the pods have no such container',
  },
});
