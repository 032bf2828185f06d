/**
 * The trigger types KEDA 2.20 builds a scaler for: the scaler registry of `pkg/scaling/scalers_builder.go`
 * (`RegisterScalerBuilder`), with `stan` removed in 2.19 and `elastic-forecast` and `opensearch` added in 2.20.
 * Any other type fails in the controller with "no scaler found for type" (KT-02); external scalers are
 * reached through the `external` and `external-push` types.
 */
const KEDA_SCALER_TYPES: ReadonlySet<string> = new Set([
  'activemq', 'apache-kafka', 'arangodb', 'artemis-queue',
  'aws-cloudwatch', 'aws-dynamodb', 'aws-dynamodb-streams', 'aws-kinesis-stream', 'aws-sqs-queue',
  'azure-app-insights', 'azure-blob', 'azure-data-explorer', 'azure-eventhub', 'azure-log-analytics', 'azure-monitor',
  'azure-pipelines', 'azure-queue', 'azure-servicebus',
  'beanstalkd', 'cassandra', 'couchdb', 'cpu', 'cron', 'datadog', 'dynatrace', 'elastic-forecast', 'elasticsearch', 'etcd',
  'external', 'external-push', 'forgejo-runner',
  'gcp-cloudtasks', 'gcp-pubsub', 'gcp-stackdriver', 'gcp-storage', 'github-runner', 'graphite',
  'huawei-cloudeye', 'ibmmq', 'influxdb', 'kafka', 'kubernetes-resource', 'kubernetes-workload', 'liiklus', 'loki',
  'memory', 'metrics-api', 'mongodb', 'mssql', 'mysql', 'nats-jetstream', 'new-relic', 'nsq',
  'openstack-metric', 'openstack-swift', 'opensearch', 'postgresql', 'predictkube', 'prometheus', 'pulsar', 'rabbitmq',
  'redis', 'redis-cluster', 'redis-cluster-streams', 'redis-sentinel', 'redis-sentinel-streams', 'redis-streams',
  'selenium-grid', 'solace-direct-messaging', 'solace-event-queue', 'solarwinds', 'solr', 'splunk', 'splunk-observability',
  'sumologic', 'temporal',
]);

/** Up to `count` known types closest to `type` (shared prefix or substring), for error messages. */
function similarScalerTypes(type: string, count: number = 3): string[] {
  const t = type.toLowerCase();
  const score = (known: string) => {
    if (known.includes(t) || t.includes(known)) return 0;
    const parts = t.split(/[-._ ]/).filter(p => p.length >= 2);
    return parts.some(p => known.includes(p)) ? 1 : 2;
  };
  return [...KEDA_SCALER_TYPES].map(k => ({ k, s: score(k) })).filter(x => x.s < 2).sort((a, b) => a.s - b.s).slice(0, count).map(x => x.k);
}

/** Why KEDA 2.20 has no scaler for `type`, naming the closest known types; undefined for a type it builds (KT-02). */
export function unknownScalerTypeProblem(type: string): string | undefined {
  if (KEDA_SCALER_TYPES.has(type)) return undefined;
  const similar = similarScalerTypes(type);
  const hint = similar.length > 0 ? `; did you mean ${similar.map(s => JSON.stringify(s)).join(' or ')}?` : '';
  return `must be a scaler type KEDA 2.20 builds (such as "kafka", "rabbitmq", "aws-sqs-queue", or "external" for an external scaler)${hint}`;
}
