// The generated L1 classes, one namespace per CRD: the escape hatch under every construct.
// Regenerate with `npx projen import`; never edit imports/ by hand.
export * as l1TargetGroupBindings from '../imports/elbv2-targetgroupbindings-elbv2.k8s.aws';
export * as l1IstioDestinationRules from '../imports/istio-destinationrules-networking.istio.io';
export * as l1IstioGateways from '../imports/istio-gateways-networking.istio.io';
export * as l1IstioVirtualServices from '../imports/istio-virtualservices-networking.istio.io';
export * as l1K6PrivateLoadZones from '../imports/k6-privateloadzones-k6.io';
export * as l1K6TestRuns from '../imports/k6-testruns-k6.io';
export * as l1Ec2NodeClasses from '../imports/karpenter-ec2nodeclasses-karpenter.k8s.aws';
export * as l1NodeClaims from '../imports/karpenter-nodeclaims-karpenter.sh';
export * as l1NodePools from '../imports/karpenter-nodepools-karpenter.sh';
export * as l1KedaClusterTriggerAuthentications from '../imports/keda-clustertriggerauthentications-keda.sh';
export * as l1KedaScaledJobs from '../imports/keda-scaledjobs-keda.sh';
export * as l1KedaScaledObjects from '../imports/keda-scaledobjects-keda.sh';
export * as l1KedaTriggerAuthentications from '../imports/keda-triggerauthentications-keda.sh';
export * as l1PodMonitors from '../imports/monitoring-podmonitors-monitoring.coreos.com';
export * as l1PrometheusRules from '../imports/monitoring-prometheusrules-monitoring.coreos.com';
export * as l1ServiceMonitors from '../imports/monitoring-servicemonitors-monitoring.coreos.com';
