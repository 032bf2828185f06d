import { defineRules } from './rule';

/**
 * Rules of the istio constructs: Gateway (GW), VirtualService and its HTTP routes and matches (VS) and
 * DestinationRule (DR). Upstream sources are istio/istio 1.30.3 `pkg/config/validation` (istiod's validating
 * webhook) and the networking.istio.io CRDs of the same release. Ids are stable: never reuse or renumber one.
 */
export const ISTIO_RULES = defineRules({
  // ---- Gateway ----
  'GW-01': {
    severity: 'error',
    checks: 'A Gateway has at least one server.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateGateway: "gateway must have at least one server"',
  },
  'GW-02': {
    severity: 'error',
    checks: 'Every server has at least one host, each "<host>" or "<namespace>/<host>" with a DNS-label, "*" or "." namespace and a "*", "*.<domain>", fully qualified or IPv4 host whose top-level domain is not all digits.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateServer ("server config must contain at least one host") and agent/validation.go ValidateNamespaceSlashWildcardHostname',
  },
  'GW-03': {
    severity: 'error',
    checks: 'A server port number is an integer from 1 to 65535.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateServerPort, via agent/validation.go ValidatePort ("port number N must be in the range 1..65535"); the CRD only bounds it to 0..4294967295',
  },
  'GW-05': {
    severity: 'error',
    checks: 'HTTPS and TLS servers have TLS settings, and plain-text servers have none (other than httpsRedirect).',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateServer: "server must have TLS settings for HTTPS/TLS protocols" / "server cannot have TLS settings for plain text HTTP ports"',
  },
  'GW-06': {
    severity: 'error',
    checks: 'SIMPLE, MUTUAL and OPTIONAL_MUTUAL TLS name the Secret holding the certificate in credentialName (inline certificate paths are not offered).',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateTLSOptions: without credentialName, SIMPLE and MUTUAL TLS require a server certificate and private key (MUTUAL also a client CA bundle)',
  },
  'GW-10': {
    severity: 'error',
    checks: 'A Gateway selector names at least one label of the gateway workload.',
    origin: 'best-practice',
    source: 'Istio Gateway reference, spec.selector: an empty selector matches every gateway workload, so the servers open on all of them',
  },
  'GW-11': {
    severity: 'error',
    checks: 'Port names are unique across the servers of a Gateway.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateGateway: "port names in servers must be unique"',
  },
  'GW-12': {
    severity: 'warning',
    checks: 'A server host is not a bare "*" (or "<namespace>/*"), which accepts every host name.',
    origin: 'best-practice',
    source: 'Istio security best practices, "Avoid overly broad hosts configurations" (istio.io/latest/docs/ops/best-practices/security)',
  },
  'GW-13': {
    severity: 'error',
    checks: 'httpsRedirect is set on plain HTTP servers only (HTTP, HTTP2, GRPC).',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateGateway: admission warning "tls.httpsRedirect should only be used with http servers" (istiod warns, it does not reject)',
  },
  'GW-14': {
    severity: 'error',
    checks: 'credentialName is given only with TLS modes that terminate with a certificate (not PASSTHROUGH or ISTIO_MUTUAL).',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateTLSOptions: "ISTIO_MUTUAL TLS cannot have associated credentialName"; PASSTHROUGH draws the warning "mode does not use certificates, they will be ignored"',
  },
  'GW-15': {
    severity: 'error',
    checks: 'tls.maxProtocolVersion is not below tls.minProtocolVersion.',
    origin: 'controller',
    source: 'not compared by istiod validateTLSOptions; the two versions become the listener\'s Envoy TlsParameters, where a minimum above the maximum leaves no version to negotiate',
  },

  // ---- VirtualService: hosts, gateways and routes ----
  'VS-01': {
    severity: 'error',
    checks: 'A VirtualService has at least one HTTP route.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateVirtualService: "http, tcp or tls must be provided in virtual service"',
  },
  'VS-02': {
    severity: 'error',
    checks: 'The wildcard host "*" is used only by VirtualServices bound to gateways, not to the mesh.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateVirtualService: "wildcard host * is not allowed for virtual services bound to the mesh gateway"',
  },
  'VS-04': {
    severity: 'error',
    checks: 'No two hosts of a VirtualService can match the same name (e.g. "*.foo.com" and "a.foo.com").',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateVirtualService: "duplicate hosts in virtual service"',
  },
  'VS-06': {
    severity: 'error',
    checks: 'An HTTP route forwards (destinations), redirects or answers (directResponse): exactly one of them, and no rewrite or fault with a redirect or a direct response.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/virtualservice.go validateHTTPRouteConflict: "HTTP route cannot contain both route and redirect", "... both fault and redirect", "... both rewrite and redirect", "HTTP route or redirect is required"',
  },
  'VS-08': {
    severity: 'error',
    checks: 'Route weights are integers from 0 to 100, and a route with several destinations has a total weight above 0.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPRouteDestinations: validateWeight ("weight N < 0") and "total destination weight = 0"',
  },
  'VS-09': {
    severity: 'error',
    checks: 'Retry attempts are a non-negative integer, and 0 attempts (retries off) come without perTryTimeout or retryOn.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPRetry: "attempts cannot be negative" / "http retry policy configured when attempts are set to 0 (disabled)"',
  },
  'VS-10': {
    severity: 'error',
    checks: 'A retryOn status-code condition is an HTTP status from 100 to 599 (named conditions are typed).',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPRetry: each retryOn entry is a supported Envoy policy or a known HTTP status ("... is not a valid retryOn policy")',
  },
  'VS-12': {
    severity: 'warning',
    checks: 'The route timeout leaves room for every retry: timeout >= perTryTimeout x (attempts + 1).',
    origin: 'best-practice',
    source: 'not validated by istiod; Envoy stops retrying when the route timeout expires, so later attempts never run (Istio traffic management docs, timeouts and retries)',
  },
  'VS-13': {
    severity: 'error',
    checks: 'A VirtualService has at least one host.',
    origin: 'library',
    source: 'istio ValidateVirtualService treats a VirtualService without hosts as a delegate, which the library does not offer',
  },
  'VS-14': {
    severity: 'error',
    checks: 'VirtualService and destination hosts are "*", "*.<domain>", a short Service name or a lower-case DNS name of labels of at most 63 characters whose top-level domain is not all digits (VirtualService hosts may also be IP addresses).',
    origin: 'webhook',
    source: 'istio pkg/config/validation/agent/validation.go ValidateWildcardDomain, called by ValidateVirtualService and validateDestination',
  },
  'VS-15': {
    severity: 'error',
    checks: 'A route or mirror destination names a host, not "*".',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateDestination: "invalid destination host *"',
  },
  'VS-16': {
    severity: 'error',
    checks: 'Port numbers of routes (destination, mirror, match and redirect ports) are integers from 1 to 65535.',
    origin: 'webhook',
    source: 'istio pkg/config/validation agent.ValidatePort, via validatePortSelector, validateHTTPRouteMatchRequest and validateHTTPRedirect',
  },
  'VS-17': {
    severity: 'error',
    checks: 'Direct response and fault abort HTTP statuses are integers from 200 to 599.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPStatus, called by validateHTTPDirectResponse and validateHTTPFaultInjectionAbort',
  },
  'VS-18': {
    severity: 'error',
    checks: 'A direct response body is at most 1 MiB.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPDirectResponse: bodies above 1 MB are rejected',
  },
  'VS-19': {
    severity: 'warning',
    checks: 'A direct response body above 100 KiB slows down the control plane.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPDirectResponse: admission warning "large direct_responses may impact control plane performance"',
  },
  'VS-20': {
    severity: 'error',
    checks: 'A mirror destination has no weight; its share is mirrorPercentage.',
    origin: 'library',
    source: 'HTTPRoute.mirror is a Destination without weight (istio/api networking v1 virtual_service.proto); the library\'s RouteDestination carries one',
  },
  'VS-21': {
    severity: 'error',
    checks: 'mirrorPercentage is given only with a mirror.',
    origin: 'library',
    source: 'HTTPRoute.mirrorPercentage only applies to HTTPRoute.mirror (istio/api virtual_service.proto); without one it is ignored',
  },
  'VS-22': {
    severity: 'error',
    checks: 'mirrorPercentage is a number from 0 to 100.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/virtualservice.go validateHTTPRoute: "mirror_percentage must have a max value of 100" / "... a min value of 0"',
  },
  'VS-23': {
    severity: 'error',
    checks: 'A route sets the request authority in one place: rewrite.authority or one :authority/host request header.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/virtualservice.go validateAuthorityRewrite: "authority header cannot be set multiple times"',
  },
  'VS-24': {
    severity: 'error',
    checks: 'A URI condition and any prefix condition of a match are not empty.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateStringMatch: "prefix string match should not be empty"; an empty URI condition is refused by the library',
  },
  'VS-25': {
    severity: 'error',
    checks: 'Regular expressions given to Envoy (match conditions, uriRegexRewrite.match) are not empty and at most 1024 characters.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateStringMatchRegexp ("regex string match should not be empty") and validateStringRegexp ("regex is too large, max length allowed is 1024")',
  },
  'VS-26': {
    severity: 'error',
    checks: 'ignoreUriCase is given only with a uri condition.',
    origin: 'library',
    source: 'HTTPMatchRequest.ignoreUriCase only affects the uri condition (istio/api virtual_service.proto)',
  },
  'VS-27': {
    severity: 'error',
    checks: 'A match has at least one condition; a route without matches is how every request is matched.',
    origin: 'library',
    source: 'an empty HTTPMatchRequest matches every request (istio/api virtual_service.proto); the library asks for matches to be omitted instead',
  },
  'VS-28': {
    severity: 'error',
    checks: 'Header names in matches (headers, withoutHeaders) are lower-case header tokens, HTTP/2 pseudo-headers or "@request.auth.claims.<claim>".',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateHTTPHeaderNameOrJwtClaimRoute ("header name ... is not a valid header name"); Envoy compares header names in lower case',
  },
  'VS-29': {
    severity: 'error',
    checks: 'Query parameter names in matches are not empty.',
    origin: 'controller',
    source: 'Envoy config.route.v3.QueryParameterMatcher.name (validate min_len 1): the proxy rejects the route configuration',
  },
  'VS-30': {
    severity: 'error',
    checks: 'A redirect replaces at least one of uri, authority, scheme or port.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPRedirect: "redirect must specify URI, authority, scheme, or port"',
  },
  'VS-31': {
    severity: 'error',
    checks: 'A redirect code is an integer from 300 to 399.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPRedirect: "N is not a valid redirect code, must be 3xx"',
  },
  'VS-32': {
    severity: 'error',
    checks: 'Redirect and rewrite values (uri, authority, uriRegexRewrite.rewrite) are not empty strings.',
    origin: 'library',
    source: 'proto3 reads an empty string as unset, so istiod would keep the request\'s value; validateURIRegexRewrite requires both match and rewrite',
  },
  'VS-33': {
    severity: 'error',
    checks: 'A rewrite sets at least one of uri, uriRegexRewrite and authority, and not both uri and uriRegexRewrite.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPRewrite: "rewrite may only contain one of URI or UriRegexRewrite" / "rewrite must specify at least one of URI, UriRegexRewrite, or authority"',
  },
  'VS-34': {
    severity: 'error',
    checks: 'A fault injection has a delay, an abort or both.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateHTTPFaultInjection: "HTTP fault injection must have an abort and/or a delay"',
  },
  'VS-35': {
    severity: 'error',
    checks: 'Fault percentages are 0 or a number from 0.0001 to 100.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validatePercentage: "percentage ... is neither 0.0, nor in range [0.0001, 100.0]"',
  },
  'VS-36': {
    severity: 'error',
    checks: 'Header names to set, add or remove are header tokens; only request set and add may name :authority or host, and no operation names another pseudo-header.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateHTTPHeaderWithAuthorityOperationName and ValidateHTTPHeaderOperationName ("header cannot have ":" prefix", "cannot set Host header")',
  },
  'VS-37': {
    severity: 'error',
    checks: 'Header values have no control characters other than tab, and use "%" only as "%%" or around a well-formed formatter.',
    origin: 'webhook',
    source: 'istio pkg/config/validation ValidateHTTPHeaderValue (validation.go) and validateHeaderValue (header_value_validator.go, a port of Envoy\'s header formatter parser)',
  },
  'VS-38': {
    severity: 'error',
    checks: 'A retryOn list names at least one condition (omit it for Istio\'s default).',
    origin: 'library',
    source: 'an empty HTTPRetry.retryOn string reads as unset and Istio\'s default conditions apply, which an empty list would hide',
  },
  'VS-39': {
    severity: 'error',
    checks: 'Route durations (timeout, retries.perTryTimeout, fault delay) are at least 1ms.',
    origin: 'crd-cel',
    source: 'networking.istio.io VirtualService CRD, x-kubernetes-validations on timeout, perTryTimeout and fixedDelay: "must be a valid duration greater than 1ms"; istiod agent.ValidateDuration',
  },
  'VS-40': {
    severity: 'warning',
    checks: 'A route that forwards requests sets a timeout.',
    origin: 'best-practice',
    source: 'Istio disables HTTP route timeouts by default (HTTPRoute.timeout), so a hung upstream holds requests open; Istio traffic management docs, "Timeouts"',
  },
  'VS-41': {
    severity: 'error',
    checks: 'A route or mirror destination Service of this app has the port routed to, and a Service with several ports is given one.',
    origin: 'library',
    source: 'Destination.port selects a port of the Service; one that is not a Service port receives no traffic, and a multi-port Service needs it named (istio/api virtual_service.proto)',
  },
  'VS-42': {
    severity: 'error',
    checks: 'A VirtualService bound to a Gateway of this app shares at least one host with the Gateway\'s servers.',
    origin: 'library',
    source: 'istiod applies a VirtualService to a gateway only for hosts its servers expose; otherwise the routes never apply',
  },
  'VS-43': {
    severity: 'warning',
    checks: 'A Gateway referenced from a VirtualService in a namespace has a known namespace.',
    origin: 'best-practice',
    source: 'istio validateGatewayNames prefers the <namespace>/<name> form; a bare name is resolved in the VirtualService\'s namespace',
  },

  // ---- DestinationRule ----
  'DR-01': {
    severity: 'error',
    checks: 'A subset selects pods by at least one label.',
    origin: 'library',
    source: 'a subset without labels selects every endpoint of the host (istio/api destination_rule.proto Subset.labels)',
  },
  'DR-02': {
    severity: 'error',
    checks: 'Subset names are unique within a DestinationRule.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go ValidateDestinationRule: "duplicate subset names"',
  },
  'DR-03': {
    severity: 'error',
    checks: 'Connection pool limits are int32 values: maxConnections, http1MaxPendingRequests and http2MaxRequests at least 1, maxRequestsPerConnection and maxRetries at least 0.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateConnectionPool ("... must be non-negative"); the CRD types these fields as int32 (networking.istio.io_destinationrules.yaml)',
  },
  'DR-04': {
    severity: 'error',
    checks: 'A connection pool sets at least one limit or timeout.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateConnectionPool: "connection pool must have at least one field"',
  },
  'DR-05': {
    severity: 'error',
    checks: 'Traffic policy durations (connectTimeout, idleTimeout, outlier interval and baseEjectionTime) are at least 1ms.',
    origin: 'crd-cel',
    source: 'networking.istio.io DestinationRule CRD, x-kubernetes-validations on the duration fields: "must be a valid duration greater than 1ms"; istiod agent.ValidateDuration',
  },
  'DR-06': {
    severity: 'error',
    checks: 'Outlier detection consecutive5xxErrors and consecutiveGatewayErrors are integers from 0 to 4294967295.',
    origin: 'crd-schema',
    source: 'networking.istio.io DestinationRule CRD, outlierDetection.consecutive5xxErrors / consecutiveGatewayErrors: minimum 0, maximum 4294967295',
  },
  'DR-07': {
    severity: 'error',
    checks: 'Outlier detection maxEjectionPercent and minHealthPercent are integers from 0 to 100.',
    origin: 'webhook',
    source: 'istio pkg/config/validation/validation.go validateOutlierDetection, via ValidatePercent ("percentage N is not in range 0..100")',
  },
});
