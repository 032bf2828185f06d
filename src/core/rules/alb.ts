import { defineRules } from './rule';

/**
 * Rules of the AWS Load Balancer Controller constructs (TargetGroupBinding, elbv2.k8s.aws/v1beta1).
 * Ids are stable: never reuse or renumber one.
 */
export const ALB_RULES = defineRules({
  'TGB-01': {
    severity: 'error',
    checks: 'The bound Service port is an integer from 1 to 65535.',
    origin: 'kubernetes',
    source: 'Service ports are 1-65535 (kubernetes pkg/apis/core/validation ValidateService), so serviceRef.port outside that range names no port',
  },
  'TGB-02': {
    severity: 'error',
    checks: 'A binding gives exactly one of targetGroupArn and targetGroupName.',
    origin: 'library',
    source: 'elbv2.k8s.aws_targetgroupbindings.yaml v1beta1 requires neither targetGroupARN nor targetGroupName; the library asks for one unambiguous reference',
  },
  'TGB-03': {
    severity: 'error',
    checks: 'A targetGroupArn (unless an unresolved token) is an elasticloadbalancing target group ARN.',
    origin: 'webhook',
    source: 'aws-load-balancer-controller webhooks/elbv2 targetgroupbinding_mutator.go and targetgroupbinding_validator.go look the target group up with elbv2 DescribeTargetGroups by ARN, which rejects a malformed ARN',
  },
  'TGB-04': {
    severity: 'error',
    checks: 'A targetGroupName is 1 to 32 letters, digits and "-", not starting or ending with "-".',
    origin: 'controller',
    source: 'AWS ELBv2 CreateTargetGroup Name constraints: a name outside them matches no target group when the controller looks it up',
  },
  'TGB-05': {
    severity: 'error',
    checks: 'A vpcId is a VPC id such as "vpc-0123456789abcdef0".',
    origin: 'webhook',
    source: 'aws-load-balancer-controller webhooks/elbv2/targetgroupbinding_validator.go checkTargetGroupVpcId: spec.vpcID must equal the target group\'s VPC id',
  },
  'TGB-06': {
    severity: 'error',
    checks: 'A nodeSelector is given only for instance targets, not with target type ip.',
    origin: 'webhook',
    source: 'aws-load-balancer-controller webhooks/elbv2/targetgroupbinding_validator.go checkNodeSelector ("TargetGroupBinding cannot set NodeSelector when TargetType is ip")',
  },
  'TGB-07': {
    severity: 'error',
    checks: 'A networking ingress security group is a security group id such as "sg-0123456789abcdef0".',
    origin: 'controller',
    source: 'aws-load-balancer-controller pkg/targetgroupbinding/networking_manager.go writes EC2 security group rules naming this group; EC2 rejects a malformed id',
  },
  'TGB-08': {
    severity: 'error',
    checks: 'A networking ingress ipBlock is an IPv4 or IPv6 CIDR block.',
    origin: 'controller',
    source: 'aws-load-balancer-controller pkg/targetgroupbinding/networking_manager.go writes EC2 security group rules for this CIDR; EC2 rejects a malformed block',
  },
  'TGB-09': {
    severity: 'error',
    checks: 'A networking ingress port is an integer from 1 to 65535.',
    origin: 'controller',
    source: 'aws-load-balancer-controller pkg/targetgroupbinding/networking_manager.go turns the port into the port range of an EC2 security group rule',
  },
  'TGB-10': {
    severity: 'error',
    checks: 'The bound Service is in the binding\'s namespace.',
    origin: 'controller',
    source: 'serviceRef has no namespace field: the controller resolves the Service in the binding\'s namespace (pkg/backend/endpoint_resolver.go)',
  },
  'TGB-11': {
    severity: 'error',
    checks: 'The bound port of a Service of this app is one of the Service\'s ports, and is given when the Service has more than one.',
    origin: 'controller',
    source: 'aws-load-balancer-controller pkg/backend/endpoint_resolver.go findServiceAndServicePort fails when serviceRef.port matches no Service port',
  },
  'TGB-12': {
    severity: 'error',
    checks: 'Instance targets bind a Service of type NodePort or LoadBalancer.',
    origin: 'controller',
    source: 'aws-load-balancer-controller pkg/backend/endpoint_resolver.go ResolveNodePortEndpoints ("service type must be either \'NodePort\' or \'LoadBalancer\'")',
  },
  'TGB-13': {
    severity: 'error',
    checks: 'A binding to a Service referenced by name gives the Service port (its ports are not known to the library).',
    origin: 'crd-schema',
    source: 'elbv2.k8s.aws_targetgroupbindings.yaml v1beta1: spec.serviceRef requires name and port',
  },
});
