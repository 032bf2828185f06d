import { defineRules } from './rule';

/**
 * Rules of the prometheus-operator constructs (ServiceMonitor SM, PodMonitor PM, relabeling RL) and of the
 * Grafana dashboards (GD). SM ids follow the reliability catalog; checks shared by ServiceMonitor and PodMonitor
 * endpoints use the SM id, since prometheus-operator validates both kinds of endpoint the same way.
 * Ids are stable: never reuse or renumber one.
 */
export const PROMETHEUS_RULES = defineRules({
  'SM-03': {
    severity: 'error',
    checks: 'An endpoint\'s scrapeTimeout does not exceed its scrape interval (the given interval, or the 30s default).',
    origin: 'controller',
    source: 'prometheus-operator v0.93.0 pkg/prometheus/resource_selector.go validateScrapeIntervalAndTimeout, called by checkServiceMonitor and checkPodMonitor: the operator drops the monitor',
  },
  'SM-05': {
    severity: 'error',
    checks: 'A ServiceMonitor\'s Service has metadata labels to select it by (given with the reference for a Service referenced by name), and every endpoint port is the name of one of the ports of a Service of this app.',
    origin: 'controller',
    source: 'prometheus-operator selects Services by spec.selector and matches endpoints[].port against Service port names only; a selector or port that matches nothing yields no targets',
  },
  'SM-07': {
    severity: 'error',
    checks: 'A relabel rule sets the fields its action needs: targetLabel for replace, hashmod, lowercase, uppercase, keepequal and dropequal, and an integer modulus of at least 1 for hashmod.',
    origin: 'controller',
    source: 'prometheus-operator v0.93.0 pkg/prometheus/validation/validator.go LabelConfigValidator ("needs targetLabel value", "requires non-zero modulus"): the operator drops the monitor',
  },
  'SM-08': {
    severity: 'error',
    checks: 'A relabel rule sets no field prometheus-operator rejects for its action: labeldrop and labelkeep take only regex, keepequal and dropequal only sourceLabels and targetLabel, and lowercase and uppercase no replacement.',
    origin: 'controller',
    source: 'prometheus-operator v0.93.0 pkg/prometheus/validation/validator.go LabelConfigValidator ("requires only \'regex\', and no other fields"; "\'replacement\' can not be set"): the operator drops the monitor',
  },
  'SM-11': {
    severity: 'error',
    checks: 'A monitor carries the labels the Prometheus serviceMonitorSelector or podMonitorSelector expects, and its own labels do not give those keys other values.',
    origin: 'best-practice',
    source: 'prometheus-operator loads only monitors matching the Prometheus monitor selectors and ignores the rest silently (prometheus-community/helm-charts#1631, prometheus-operator/kube-prometheus#1392)',
  },
  'SM-12': {
    severity: 'error',
    checks: 'A ServiceMonitor\'s scrapeClass, when given, is not empty.',
    origin: 'crd-schema',
    source: 'monitoring.coreos.com_servicemonitors.yaml spec.scrapeClass minLength: 1 (servicemonitor_types.go)',
  },
  'SM-13': {
    severity: 'warning',
    checks: 'A monitor in a fixed namespace does not target a Service or workload whose namespace is left to kubectl, which it only finds if both land in the same namespace.',
    origin: 'controller',
    source: 'prometheus-operator looks for targets in the monitor\'s own namespace when spec.namespaceSelector is unset',
  },
  'SM-14': {
    severity: 'error',
    checks: 'An endpoint\'s metrics path is an absolute HTTP path starting with "/".',
    origin: 'library',
    source: 'the CRD path field has no pattern; the library accepts absolute paths only',
  },
  'SM-15': {
    severity: 'error',
    checks: 'TLS settings are given only for endpoints scraped with scheme HTTPS.',
    origin: 'library',
    source: 'Prometheus uses tls_config only for https scrapes; on http the settings are ignored silently',
  },
  'SM-16': {
    severity: 'error',
    checks: 'An endpoint\'s interval and scrapeTimeout are positive durations.',
    origin: 'library',
    source: 'the CRD duration pattern admits "0"; the library rejects a zero interval or timeout',
  },
  'SM-17': {
    severity: 'error',
    checks: 'A namespaceSelector that lists namespaces names at least one.',
    origin: 'library',
    source: 'an empty matchNames list does not select other namespaces; MonitorNamespaceSelector.all() selects all',
  },
  'SM-18': {
    severity: 'error',
    checks: 'An endpoint\'s authorization type is an HTTP authentication scheme token such as "Bearer".',
    origin: 'library',
    source: 'RFC 9110 auth-scheme token; the CRD authorization.type field has no pattern and is sent verbatim in the Authorization header',
  },
  'SM-19': {
    severity: 'error',
    checks: 'An endpoint\'s authorization type is not "Basic"; basic authentication goes in basicAuth.',
    origin: 'controller',
    source: 'prometheus-operator pkg/apis/monitoring/v1 SafeAuthorization.Validate ("Authorization type cannot be set to "basic", use "basic_auth" instead"): the operator drops the monitor',
  },
  'SM-20': {
    severity: 'error',
    checks: 'A TLS client certificate and its key are given together.',
    origin: 'controller',
    source: 'prometheus-operator pkg/apis/monitoring/v1 SafeTLSConfig.Validate ("client cert specified without client key", "client key specified without client cert"): the operator drops the monitor',
  },
  'SM-21': {
    severity: 'error',
    checks: 'A TLS maxVersion is not older than the minVersion.',
    origin: 'controller',
    source: 'prometheus-operator pkg/apis/monitoring/v1 SafeTLSConfig.Validate ("maxVersion must more than or equal to minVersion")',
  },
  'SM-22': {
    severity: 'error',
    checks: 'A TLS serverName is a DNS name.',
    origin: 'library',
    source: 'the CRD tlsConfig.serverName field has no pattern; Go crypto/tls verifies the certificate against this host name',
  },
  'SM-23': {
    severity: 'warning',
    checks: 'Scrape credentials are not sent over plain HTTP.',
    origin: 'best-practice',
    source: 'Prometheus sends the Authorization header with every scrape; over http it is readable on the network path',
  },
  'SM-24': {
    severity: 'warning',
    checks: 'An endpoint does not skip verifying the target\'s TLS certificate.',
    origin: 'best-practice',
    source: 'Prometheus tls_config insecure_skip_verify disables certificate verification, so the target can be impersonated',
  },
  'PM-01': {
    severity: 'error',
    checks: 'A PodMonitor label query gives at least one label or expression.',
    origin: 'library',
    source: 'an empty spec.selector selects every pod in the selected namespaces',
  },
  'PM-02': {
    severity: 'error',
    checks: 'A PodMonitor endpoint\'s portNumber is an integer from 1 to 65535.',
    origin: 'crd-schema',
    source: 'monitoring.coreos.com_podmonitors.yaml podMetricsEndpoints[].portNumber minimum: 1, maximum: 65535',
  },
  'PM-03': {
    severity: 'error',
    checks: 'A PodMonitor endpoint gives either port or portNumber, not both.',
    origin: 'library',
    source: 'monitoring.coreos.com_podmonitors.yaml: port takes precedence over portNumber, which is then ignored silently',
  },
  'PM-04': {
    severity: 'error',
    checks: 'A PodMonitor endpoint\'s port or portNumber is a container port of the monitored workload.',
    origin: 'controller',
    source: 'prometheus-operator matches podMetricsEndpoints[].port / portNumber against the pods\' declared container ports; an unmatched port yields no targets',
  },
  'PM-05': {
    severity: 'error',
    checks: 'A PodMonitor gets exactly one of workload and pods.',
    origin: 'library',
    source: 'PodMonitorProps: spec.selector is built from one of the two',
  },
  'PM-06': {
    severity: 'error',
    checks: 'A PodMonitor\'s workload referenced by name gives at least one label of its pods.',
    origin: 'library',
    source: 'WorkloadReference.fromName: the pod labels of a workload outside the app are not known; an empty spec.selector selects every pod in the selected namespaces',
  },
  'PM-07': {
    severity: 'error',
    checks: 'A PodMonitor label expression has a qualified key and label values, with at least one value for In and NotIn and none for Exists and DoesNotExist.',
    origin: 'controller',
    source: 'prometheus-operator resource selection: metav1.LabelSelectorAsSelector rejects the selector, and the PodMonitor is skipped',
  },
  'RL-01': {
    severity: 'error',
    checks: 'A relabel rule sets no field its action does not use (modulus outside hashmod, replacement outside replace and labelmap, targetLabel on keep, drop and labelmap, sourceLabels or separator on labelmap).',
    origin: 'library',
    source: 'Prometheus relabel_config: these fields are ignored by the action; prometheus-operator rejects only some combinations (SM-08)',
  },
  'RL-02': {
    severity: 'error',
    checks: 'A labeldrop, labelkeep or labelmap rule gives its regex.',
    origin: 'library',
    source: 'Prometheus relabel_config regex defaults to "(.*)", which would drop, keep or map every label',
  },
  'RL-03': {
    severity: 'error',
    checks: 'A keep, drop, hashmod, lowercase, uppercase, keepequal or dropequal rule names at least one source label.',
    origin: 'library',
    source: 'Prometheus relabel_config: without source_labels these actions work on an empty string',
  },
  'RL-04': {
    severity: 'error',
    checks: 'A relabel rule\'s sourceLabels are non-empty label names.',
    origin: 'controller',
    source: 'Prometheus model.LabelName validation when it loads the generated relabel_config; the CRD sourceLabels items have no pattern',
  },
  'GD-01': {
    severity: 'error',
    checks: 'A dashboard has a non-empty title.',
    origin: 'controller',
    source: 'Grafana pkg/services/dashboards ErrDashboardTitleEmpty ("Dashboard title cannot be empty"), when the sidecar-provisioned dashboard is saved',
  },
  'GD-02': {
    severity: 'error',
    checks: 'A dashboard uid is 1 to 40 letters, digits, "-" or "_".',
    origin: 'controller',
    source: 'Grafana pkg/services/dashboards ErrDashboardInvalidUid ("uid contains illegal characters") and ErrDashboardUidTooLong ("uid too long, max 40 characters")',
  },
  'GD-03': {
    severity: 'error',
    checks: 'A dashboard panel or row has a non-empty title.',
    origin: 'library',
    source: 'the library lays panels out by title; Grafana accepts untitled panels',
  },
  'GD-04': {
    severity: 'error',
    checks: 'A panel is 1 to 24 grid columns wide and at least 1 grid row high.',
    origin: 'library',
    source: 'Grafana dashboard gridPos: the grid is 24 columns wide',
  },
  'GD-05': {
    severity: 'error',
    checks: 'A panel has 1 to 26 queries, one per refId A to Z.',
    origin: 'library',
    source: 'the library names query refIds A to Z',
  },
  'GD-06': {
    severity: 'error',
    checks: 'A panel query is a non-empty PromQL expression with balanced brackets and quotes.',
    origin: 'library',
    source: 'a PromQL parse error in Grafana leaves the panel empty; the library catches obvious typos at synth',
  },
  'GD-07': {
    severity: 'error',
    checks: 'An AutoscalingDashboard gets exactly one of workload and replicasQuery.',
    origin: 'library',
    source: 'AutoscalingDashboardProps: the replica panel reads one of the two',
  },
  'GD-08': {
    severity: 'error',
    checks: 'An AutoscalingDashboard\'s workload is an apps/v1 Deployment; other kinds give replicasQuery.',
    origin: 'library',
    source: 'the default replica panel charts kube-state-metrics kube_deployment_status_replicas, which only Deployments have',
  },
  'GD-09': {
    severity: 'error',
    checks: 'A dashboard\'s refresh interval and time range are at least one second.',
    origin: 'best-practice',
    source: 'Grafana dashboard model: a zero range ("now-0s") shows no data and a zero refresh is raised to the server\'s min_refresh_interval',
  },
});
