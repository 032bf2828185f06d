// GENERATED FILE, DO NOT EDIT. Regenerate with `npx projen compile && npx projen generate:prop-types`
// (scripts/generate-prop-types.ts) from the jsii assembly; test/core/prop-types.test.ts fails when it is stale.
/* eslint-disable @stylistic/quote-props, @stylistic/object-property-newline */

/** Each exported construct that takes props, and the name of its props struct in STRUCTS. */
export const CONSTRUCTS: { readonly [construct: string]: string } = {
  ArchitecturePools: 'ArchitecturePoolsProps', AutoscalingDashboard: 'AutoscalingDashboardProps',
  ClusterTriggerAuthentication: 'ClusterTriggerAuthenticationProps', DestinationRule: 'DestinationRuleProps', Ec2NodeClass: 'Ec2NodeClassProps',
  Gateway: 'GatewayProps', GpuNodePool: 'GpuNodePoolProps', GrafanaDashboard: 'GrafanaDashboardProps', NodePool: 'NodePoolProps',
  PodMonitor: 'PodMonitorProps', ScaledObject: 'ScaledObjectProps', ServiceMonitor: 'ServiceMonitorProps',
  SpotOnDemandSplit: 'SpotOnDemandSplitProps', TargetGroupBinding: 'TargetGroupBindingProps', TestRun: 'TestRunProps',
  TriggerAuthentication: 'TriggerAuthenticationProps', VirtualService: 'VirtualServiceProps',
};

/**
 * The props structs of the constructs and every struct they reach: property → type, with `!` in front when the
 * property is required. Types: `string`, `number`, `boolean`, `date`, `any`; `T[]` (an array); `map<T>` (an object
 * of keys to T); `T|U`; the name of a struct (a key of STRUCTS); `enum:Name`; any other name is a class or interface
 * (an object). `'...': 'A B'` lists the structs whose properties a struct inherits.
 */
export const STRUCTS: { readonly [struct: string]: { readonly [prop: string]: string } } = {
  ArchitecturePoolOptions: { '...': 'NodePoolOptions', capacityTypes: 'CapacityType[]', enabled: 'boolean' },
  ArchitecturePoolsProps: {
    '...': 'NodePoolSettings', capacityTypes: 'CapacityType[]', dedicated: 'boolean', graviton: 'ArchitecturePoolOptions',
    instanceCategories: 'string[]', minimumGenerationAbove: 'number', multiArch: 'ArchitecturePoolOptions', nodeClass: '!INodeClass',
    x86: 'ArchitecturePoolOptions',
  },
  AutoscalingDashboardProps: {
    '...': 'GrafanaDashboardOptions', nodesByInstanceTypeQuery: 'string', replicasQuery: 'string', requestRateQuery: '!string', title: 'string',
    workload: 'WorkloadReference',
  },
  BlockDeviceMapping: {
    deleteOnTermination: 'boolean', deviceName: '!string', encrypted: 'boolean', iops: 'number', kmsKeyId: 'string', rootVolume: 'boolean',
    snapshotId: 'string', throughput: 'number', volumeInitializationRate: 'number', volumeSize: 'cdk8s.Size', volumeType: 'EbsVolumeType',
  },
  BoundServiceAccountTokenTarget: { parameter: '!string', serviceAccount: '!cdk8s-plus-31.IServiceAccount' },
  CapacityReservationSelectorTerm: { id: 'string', instanceMatchCriteria: 'InstanceMatchCriteria', ownerId: 'string', tags: 'map<string>' },
  'cdk8s-plus-31.ContainerResources': {
    cpu: 'cdk8s-plus-31.CpuResources', ephemeralStorage: 'cdk8s-plus-31.EphemeralStorageResources', memory: 'cdk8s-plus-31.MemoryResources',
  },
  'cdk8s-plus-31.CpuResources': { limit: 'cdk8s-plus-31.Cpu', request: 'cdk8s-plus-31.Cpu' },
  'cdk8s-plus-31.EphemeralStorageResources': { limit: 'cdk8s.Size', request: 'cdk8s.Size' },
  'cdk8s-plus-31.MemoryResources': { limit: 'cdk8s.Size', request: 'cdk8s.Size' },
  'cdk8s-plus-31.ResourceProps': { metadata: 'cdk8s.ApiObjectMetadata' },
  'cdk8s.ApiObjectMetadata': {
    annotations: 'map<string>', finalizers: 'string[]', labels: 'map<string>', name: 'string', namespace: 'string',
    ownerReferences: 'cdk8s.OwnerReference[]',
  },
  'cdk8s.OwnerReference': {
    apiVersion: '!string', blockOwnerDeletion: 'boolean', controller: 'boolean', kind: '!string', name: '!string', uid: '!string',
  },
  ClusterTriggerAuthenticationProps: { '...': 'TriggerAuthenticationOptions CustomResourceProps' },
  ConfigMapKeyReference: { configMap: '!cdk8s-plus-31.IConfigMap', key: '!string' },
  ConfigMapTarget: { '...': 'ConfigMapKeyReference', parameter: '!string' },
  ConnectionPoolOptions: {
    connectTimeout: 'cdk8s.Duration', http1MaxPendingRequests: 'number', http2MaxRequests: 'number', idleTimeout: 'cdk8s.Duration',
    maxConnections: 'number', maxRequestsPerConnection: 'number', maxRetries: 'number',
  },
  ConnectionTracking: { tcpEstablishedTimeout: 'cdk8s.Duration', udpStreamTimeout: 'cdk8s.Duration', udpTimeout: 'cdk8s.Duration' },
  CpuOptions: { nestedVirtualization: 'boolean' },
  CustomResourceProps: { metadata: 'cdk8s.ApiObjectMetadata' },
  DestinationRuleProps: {
    '...': 'CustomResourceProps', connectionPool: 'ConnectionPoolOptions', loadBalancer: 'LoadBalancerAlgorithm',
    outlierDetection: 'OutlierDetectionOptions', service: '!ServiceReference',
  },
  DisruptionBudget: { duration: 'cdk8s.Duration', nodes: '!DisruptableNodes', reasons: 'DisruptionReason[]', schedule: 'cdk8s.Cron' },
  Ec2NodeClassProps: {
    '...': 'CustomResourceProps', allowPodImdsAccess: 'boolean', amiFamily: 'AmiFamily', amiSelection: '!AmiSelection',
    associatePublicIpAddress: 'boolean', blockDeviceMappings: 'BlockDeviceMapping[]',
    capacityReservationSelectorTerms: 'CapacityReservationSelectorTerm[]', connectionTracking: 'ConnectionTracking', cpuOptions: 'CpuOptions',
    detailedMonitoring: 'boolean', instanceProfile: 'string', instanceStoreRaid0: 'boolean', ipPrefixCount: 'number', kubelet: 'KubeletConfiguration',
    networkInterfaces: 'NetworkInterface[]', placementGroupSelector: 'PlacementGroupSelector', role: 'string',
    securityGroupSelectorTerms: '!SecurityGroupSelectorTerm[]', subnetSelectorTerms: '!SubnetSelectorTerm[]', tags: 'map<string>', userData: 'string',
  },
  EnvTarget: { containerName: 'string', envVarName: '!string', parameter: '!string' },
  GatewayProps: { '...': 'CustomResourceProps', selector: 'map<string>', servers: 'GatewayServerOptions[]' },
  GatewayServerOptions: {
    hosts: '!string[]', httpsRedirect: 'boolean', name: 'string', port: '!number', portName: 'string', protocol: '!GatewayProtocol',
    tls: 'GatewayServerTls',
  },
  GatewayServerTls: {
    credentialName: 'string', maxProtocolVersion: 'TlsVersion', minProtocolVersion: 'TlsVersion', mode: 'GatewayTlsMode', subjectAltNames: 'string[]',
  },
  GpuNodePoolProps: {
    '...': 'NodePoolOptions', capacityTypes: 'CapacityType[]', devicePlugin: 'boolean', devicePluginImage: 'string', devicePluginNamespace: 'string',
    instanceCategories: 'string[]', maxGpus: '!number', nodeClass: '!INodeClass',
  },
  GrafanaDashboardOptions: {
    '...': 'cdk8s-plus-31.ResourceProps', refresh: 'cdk8s.Duration', sidecarLabel: 'string', sidecarLabelValue: 'string', tags: 'string[]',
    timeRange: 'cdk8s.Duration', uid: 'string',
  },
  GrafanaDashboardProps: { '...': 'GrafanaDashboardOptions', panels: 'DashboardPanel[]', title: '!string' },
  HpaBehavior: { scaleDown: 'HpaScalingRules', scaleUp: 'HpaScalingRules' },
  HpaScalingRules: { policies: 'HpaScalingPolicy[]', selectPolicy: 'HpaSelectPolicy', stabilizationWindow: 'cdk8s.Duration', tolerance: 'number' },
  HttpDirectResponse: { body: 'string', status: '!number' },
  HttpFaultAbort: { httpStatus: '!number', percentage: '!number' },
  HttpFaultDelay: { fixedDelay: '!cdk8s.Duration', percentage: '!number' },
  HttpFaultInjection: { abort: 'HttpFaultAbort', delay: 'HttpFaultDelay' },
  HttpHeaderManipulation: { request: 'HttpHeaderOperations', response: 'HttpHeaderOperations' },
  HttpHeaderOperations: { add: 'map<string>', remove: 'string[]', set: 'map<string>' },
  HttpRedirect: { authority: 'string', port: 'HttpRedirectPort', redirectCode: 'number', scheme: 'HttpRedirectScheme', uri: 'string' },
  HttpRetryPolicy: { attempts: '!number', perTryTimeout: 'cdk8s.Duration', retryOn: 'HttpRetryOn[]' },
  HttpRewrite: { authority: 'string', uri: 'string', uriRegexRewrite: 'HttpUriRegexRewrite' },
  HttpRouteOptions: {
    destinations: 'RouteDestination[]', directResponse: 'HttpDirectResponse', fault: 'HttpFaultInjection', headers: 'HttpHeaderManipulation',
    matches: 'HttpRouteMatch[]', mirror: 'RouteDestination', mirrorPercentage: 'number', name: 'string', redirect: 'HttpRedirect',
    retries: 'HttpRetryPolicy', rewrite: 'HttpRewrite', timeout: 'cdk8s.Duration',
  },
  HttpUriRegexRewrite: { match: '!string', rewrite: '!string' },
  K6RunnerOptions: {
    annotations: 'map<string>', doNotDisrupt: 'boolean', env: 'map<string>', image: 'string', labels: 'map<string>', nodeSelector: 'map<string>',
    resources: 'cdk8s-plus-31.ContainerResources', runAsUser: 'number', serviceAccountName: 'string', tolerations: 'K6Toleration[]',
  },
  K6Toleration: { effect: 'enum:cdk8s-plus-31.TaintEffect', key: '!string', value: 'string' },
  KubeletConfiguration: {
    clusterDns: 'string[]', cpuCfsQuota: 'boolean', evictionHard: 'map<string>', evictionMaxPodGracePeriod: 'cdk8s.Duration',
    evictionSoft: 'map<string>', evictionSoftGracePeriod: 'map<cdk8s.Duration>', imageGcHighThresholdPercent: 'number',
    imageGcLowThresholdPercent: 'number', kubeReserved: 'ReservedResources', maxPods: 'number', podsPerCore: 'number',
    systemReserved: 'ReservedResources',
  },
  MonitoredPodsQuery: { expressions: 'cdk8s-plus-31.LabelExpression[]', labels: 'map<string>' },
  NetworkInterface: { deviceIndex: '!number', interfaceType: '!NetworkInterfaceType', networkCardIndex: '!number' },
  NodePoolLimits: {
    cpu: 'cdk8s-plus-31.Cpu', maxOnDemandPricePerHour: 'number', memory: 'cdk8s.Size', nodes: 'number', nvidiaGpus: 'number',
    resources: 'map<string>',
  },
  NodePoolOptions: { '...': 'NodePoolSettings CustomResourceProps' },
  NodePoolProps: { '...': 'NodePoolOptions', nodeClass: '!INodeClass' },
  NodePoolSettings: {
    annotations: 'map<string>', consolidateAfter: 'DurationOrNever', consolidationPolicy: 'ConsolidationPolicy',
    disruptionBudgets: 'DisruptionBudget[]', expireAfter: 'DurationOrNever', labels: 'map<string>', limits: 'NodePoolLimits', replicas: 'number',
    requirements: 'Requirement[]', startupTaints: 'NodeTaint[]', taints: 'NodeTaint[]', terminationGracePeriod: 'cdk8s.Duration', weight: 'number',
  },
  NodeTaint: { effect: '!enum:cdk8s-plus-31.TaintEffect', key: '!string', value: 'string' },
  OAuth2ClientCredentials: {
    clientId: '!string', clientSecret: '!SecretKeyReference', scopes: 'string[]', tokenUrl: '!string', tokenUrlParams: 'map<string>',
  },
  OutlierDetectionOptions: {
    baseEjectionTime: 'cdk8s.Duration', consecutive5xxErrors: 'number', consecutiveGatewayErrors: 'number', interval: 'cdk8s.Duration',
    maxEjectionPercent: 'number', minHealthPercent: 'number',
  },
  PlacementGroupSelector: { id: 'string', name: 'string' },
  PodMetricsEndpoint: { '...': 'ScrapeEndpointOptions', port: 'string', portNumber: 'number' },
  PodMonitorProps: {
    '...': 'CustomResourceProps PodMetricsEndpoint', jobLabel: 'string', namespaceSelector: 'MonitorNamespaceSelector', pods: 'MonitoredPodsQuery',
    prometheusSelector: '!PrometheusSelector', workload: 'WorkloadReference',
  },
  ReservedResources: { cpu: 'cdk8s-plus-31.Cpu', ephemeralStorage: 'cdk8s.Size', memory: 'cdk8s.Size', pid: 'number' },
  ScaledObjectFallback: { behavior: 'FallbackBehavior', failureThreshold: 'number', replicas: '!number' },
  ScaledObjectProps: {
    '...': 'CustomResourceProps', allowUnsafeSsl: 'boolean', behavior: 'HpaBehavior', cooldownPeriod: 'cdk8s.Duration',
    envSourceContainerName: 'string', fallback: 'ScaledObjectFallback', hpaName: 'string', idleReplicas: 'number',
    initialCooldownPeriod: 'cdk8s.Duration', kedaVersion: 'KedaVersion', maxReplicas: 'number', minReplicas: 'number', pause: 'ScalingPause',
    podDisruptionBudget: 'ScaledObjectDisruptionBudget', pollingInterval: 'cdk8s.Duration', restoreToOriginalReplicaCount: 'boolean',
    scalingModifiers: 'ScalingModifiers', target: '!WorkloadReference', transferHpaOwnership: 'boolean', triggers: 'ScalerTrigger[]',
  },
  ScalingModifiers: { activationTarget: 'number', formula: '!string', metricType: 'MetricTargetType', target: '!number' },
  ScrapeEndpointOptions: {
    authorization: 'ScrapeAuthorization', honorLabels: 'boolean', interval: 'cdk8s.Duration', metricRelabelings: 'RelabelRule[]', path: 'string',
    relabelings: 'RelabelRule[]', scheme: 'ScrapeScheme', scrapeTimeout: 'cdk8s.Duration', tls: 'ScrapeTlsOptions',
  },
  ScrapeTlsOptions: {
    ca: 'ScrapeCertificate', clientCertificate: 'ScrapeCertificate', clientKey: 'SecretKeyReference', insecureSkipVerify: 'boolean',
    maxVersion: 'TlsVersion', minVersion: 'TlsVersion', serverName: 'string',
  },
  SecretKeyReference: { key: '!string', secret: '!cdk8s-plus-31.ISecret' },
  SecretTarget: { '...': 'SecretKeyReference', parameter: '!string' },
  SecurityGroupSelectorTerm: { id: 'string', name: 'string', tags: 'map<string>' },
  ServiceMonitorEndpoint: { '...': 'ScrapeEndpointOptions', port: '!string' },
  ServiceMonitorProps: {
    '...': 'CustomResourceProps ServiceMonitorEndpoint', jobLabel: 'string', namespaceSelector: 'MonitorNamespaceSelector',
    prometheusSelector: '!PrometheusSelector', scrapeClass: 'string', service: '!ServiceReference',
  },
  SplitPoolOptions: { '...': 'NodePoolOptions', nodeClass: 'INodeClass' },
  SpotOnDemandSplitProps: {
    '...': 'NodePoolSettings', nodeClass: '!INodeClass', onDemand: 'SplitPoolOptions', onDemandShare: 'number', spot: 'SplitPoolOptions',
    spotShare: 'number', spreadLabel: 'string', workloads: 'cdk8s-plus-31.Workload[]',
  },
  SubnetSelectorTerm: { id: 'string', tags: 'map<string>' },
  TargetGroupBindingProps: {
    '...': 'CustomResourceProps', nodeSelector: 'map<string>', port: 'number', service: '!ServiceReference', targetGroupArn: 'string',
    targetGroupName: 'string', targetType: 'TargetGroupTargetType', vpcId: 'string',
  },
  TestRunProps: {
    '...': 'CustomResourceProps', args: 'string[]', cleanup: 'boolean', naming: 'TestRunNaming', parallelism: 'number', quiet: 'boolean',
    runner: 'K6RunnerOptions', script: '!K6Script', separate: 'boolean',
  },
  TriggerAuthenticationOptions: {
    boundServiceAccountTokens: 'BoundServiceAccountTokenTarget[]', configMapTargets: 'ConfigMapTarget[]', envTargets: 'EnvTarget[]',
    oauth2: 'OAuth2ClientCredentials', podIdentity: 'PodIdentity', secretTargets: 'SecretTarget[]',
  },
  TriggerAuthenticationProps: { '...': 'TriggerAuthenticationOptions CustomResourceProps' },
  VirtualServiceProps: {
    '...': 'CustomResourceProps', gateways: 'IGateway[]', hosts: '!string[]', httpRoutes: 'HttpRouteOptions[]', includeMesh: 'boolean',
  },
};
