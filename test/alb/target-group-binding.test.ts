import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { TargetGroupBinding, TargetGroupBindingProps, TargetGroupTargetType } from '../../src/alb';
import { ServiceReference } from '../../src/common/references';
import { expectValidManifests } from '../support/manifest-validator';

const ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/webinar/73e2d6bc24d8a067';

function bindingDoc(chart: any) {
  return Testing.synth(chart).find(d => d.kind === 'TargetGroupBinding');
}

describe('TargetGroupBinding', () => {
  test('reproduces seed 003 istio-ingress with a deploy-time ARN placeholder', () => {
    const chart = Testing.chart();
    new TargetGroupBinding(chart, 'Binding', {
      metadata: { name: 'istio-ingress', namespace: 'istio-system' },
      service: ServiceReference.fromServiceName('istio-ingressgateway'),
      port: 80,
      targetGroupArn: '${aws_lb_target_group.main.arn}',
      targetType: TargetGroupTargetType.INSTANCE,
    });
    expect(bindingDoc(chart)).toEqual({
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      metadata: { name: 'istio-ingress', namespace: 'istio-system' },
      spec: { serviceRef: { name: 'istio-ingressgateway', port: 80 }, targetGroupARN: '${aws_lb_target_group.main.arn}', targetType: 'instance' },
    });
    expectValidManifests(Testing.synth(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('binds a NodePort Service of the app by its only port, with node selector, VPC and ingress rules', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Svc', { type: kplus.ServiceType.NODE_PORT, ports: [{ port: 8080, name: 'http' }] });
    const binding = new TargetGroupBinding(chart, 'Binding', {
      service: ServiceReference.fromService(service),
      targetGroupName: 'my-target-group',
      nodeSelector: { 'karpenter.sh/capacity-type': 'on-demand' },
      vpcId: 'vpc-0123456789abcdef0',
    });
    binding.allowFromSecurityGroup('sg-0123456789abcdef0', { port: 30080 });
    binding.allowFromCidr('10.0.0.0/16', { udp: true });
    expect(bindingDoc(chart).spec).toEqual({
      serviceRef: { name: service.name, port: 8080 },
      targetGroupName: 'my-target-group',
      nodeSelector: { matchLabels: { 'karpenter.sh/capacity-type': 'on-demand' } },
      vpcID: 'vpc-0123456789abcdef0',
      networking: {
        ingress: [
          { from: [{ securityGroup: { groupID: 'sg-0123456789abcdef0' } }], ports: [{ protocol: 'TCP', port: 30080 }] },
          { from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ protocol: 'UDP' }] },
        ],
      },
    });
    expectValidManifests(Testing.synth(chart));
  });

  test('binds pod IPs of a ClusterIP Service', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Svc', { ports: [{ port: 80, name: 'http' }, { port: 9090, name: 'metrics' }] });
    new TargetGroupBinding(chart, 'Binding', { service: ServiceReference.fromService(service), port: 80, targetGroupArn: ARN, targetType: TargetGroupTargetType.IP });
    expect(bindingDoc(chart).spec).toEqual({ serviceRef: { name: service.name, port: 80 }, targetGroupARN: ARN, targetType: 'ip' });
  });

  test('fails when instance targets point at a ClusterIP Service', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Svc', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
    new TargetGroupBinding(chart, 'Binding', { service: ServiceReference.fromService(service), targetGroupArn: ARN });
    expect(() => Testing.synth(chart)).toThrow('[test/Binding] service: got "web"; instance targets register node ports, so the Service must be of type NodePort or LoadBalancer');
  });

  test('fails when the port is not a port of the Service, or is ambiguous', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Svc', { metadata: { name: 'web' }, type: kplus.ServiceType.NODE_PORT, ports: [{ port: 80, name: 'http' }, { port: 81, name: 'alt' }] });
    new TargetGroupBinding(chart, 'A', { service: ServiceReference.fromService(service), port: 8080, targetGroupArn: ARN });
    new TargetGroupBinding(chart, 'B', { service: ServiceReference.fromService(service), targetGroupArn: ARN });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/A\] port: got 8080; must be a port of Service "web" \(its ports: http=80, alt=81\)[\s\S]*\[test\/B\] port: got undefined; is required because Service "web" has 2 ports/);
  });

  test('fails when the Service is in another namespace', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Svc', { metadata: { name: 'web', namespace: 'apps' }, type: kplus.ServiceType.NODE_PORT, ports: [{ port: 80 }] });
    new TargetGroupBinding(chart, 'Binding', { metadata: { namespace: 'istio-system' }, service: ServiceReference.fromService(service), targetGroupArn: ARN });
    expect(() => Testing.synth(chart)).toThrow('[test/Binding] service: got "web"; must be in the binding\'s namespace "istio-system", not "apps"');
  });

  test('fails when a Service referenced by name is given another namespace', () => {
    const chart = Testing.chart();
    new TargetGroupBinding(chart, 'Binding', {
      metadata: { namespace: 'istio-system' }, service: ServiceReference.fromServiceName('gw', { namespace: 'apps' }), port: 80, targetGroupArn: ARN,
    });
    expect(() => Testing.synth(chart)).toThrow('[test/Binding] service: got "gw"; must be in the binding\'s namespace "istio-system", not "apps"; serviceRef has no namespace (TGB-10)');
  });

  test('keeps the name generated before the binding was a single construct', () => {
    const chart = Testing.chart();
    new TargetGroupBinding(chart, 'Binding', { service: ServiceReference.fromServiceName('gw'), port: 80, targetGroupName: 'tg' });
    expect(bindingDoc(chart).metadata.name).toBe('test-binding-c81a166a');
  });

  test.each<[string, Partial<TargetGroupBindingProps>, string]>([
    ['neither ARN nor name', {}, 'targetGroupArn: got undefined; give exactly one of targetGroupArn and targetGroupName'],
    ['both ARN and name', { targetGroupArn: ARN, targetGroupName: 'tg' }, 'targetGroupArn: got "arn:aws'],
    ['a malformed ARN', { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123:loadbalancer/app/x' }, 'targetGroupArn: got "arn:aws:elasticloadbalancing:us-east-1:123:loadbalancer/app/x"; must be a target group ARN'],
    ['a target group name too long', { targetGroupName: 'a'.repeat(33) }, `targetGroupName: got "${'a'.repeat(33)}"; must be 1-32 letters, digits and "-"`],
    ['a malformed VPC id', { targetGroupName: 'tg', vpcId: 'vpc-xyz' }, 'vpcId: got "vpc-xyz"; must be a VPC id'],
    ['a node selector with IP targets', { targetGroupName: 'tg', targetType: TargetGroupTargetType.IP, nodeSelector: { a: 'b' } }, 'nodeSelector: got {"a":"b"}; only applies to instance targets'],
    ['an invalid Service name', { targetGroupName: 'tg', service: ServiceReference.fromServiceName('Istio_GW') }, 'service.name: got "Istio_GW"; must be a DNS-1123 label'],
    ['a Service port out of range', { targetGroupName: 'tg', port: 0 }, 'port: got 0; must be an integer from 1 to 65535'],
    ['a Service referenced by name without a port', { targetGroupName: 'tg', port: undefined }, 'port: got undefined; is required for Service "gw", referenced by name (serviceRef.port is required) (TGB-13)'],
    ['an invalid Service namespace', { targetGroupName: 'tg', service: ServiceReference.fromServiceName('gw', { namespace: 'Istio_System' }) }, 'service.namespace: got "Istio_System"; must be a DNS-1123 label'],
    ['an empty Service name', { targetGroupName: 'tg', service: ServiceReference.fromServiceName('') }, 'service.name: got ""; must be a DNS-1123 label'],
    ['a forged Service reference', { targetGroupName: 'tg', service: { name: 'gw' } as any }, 'service: got {"name":"gw"}; must be made by ServiceReference'],
    ['a forged target type', { targetGroupName: 'tg', targetType: { value: 'ip' } as any }, 'targetType: got {"value":"ip"}; must be made by TargetGroupTargetType: TargetGroupTargetType.INSTANCE, TargetGroupTargetType.IP'],
    ['an ARN with a placeholder inside, which is not a token', { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067' },
      'targetGroupArn: got "arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/73e2d6bc24d8a067"; must be a target group ARN'],
    ['a port beyond the port range', { targetGroupName: 'tg', port: 2 ** 31 }, 'port: got 2147483648; must be an integer from 1 to 65535'],
    ['a label key with a space', { targetGroupName: 'tg', metadata: { labels: { 'a b': 'x' } } }, 'metadata.labels key: got "a b"'],
    ['a namespace with capitals and "_"', { targetGroupName: 'tg', metadata: { namespace: 'Istio_Ingress' } }, 'metadata.namespace: got "Istio_Ingress"'],
    ['an empty name, as from an unset environment variable', { targetGroupName: 'tg', metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET ?? '' } }, 'metadata.name: got ""'],
  ])('throws on %s', (_name, props, message) => {
    const chart = Testing.chart();
    expect(() => new TargetGroupBinding(chart, 'Binding', { service: ServiceReference.fromServiceName('gw'), port: 80, ...props }))
      .toThrow(`[test/Binding] ${message}`);
  });

  test('throws on malformed ingress sources and ports', () => {
    const chart = Testing.chart();
    const binding = new TargetGroupBinding(chart, 'Binding', { service: ServiceReference.fromServiceName('gw'), port: 80, targetGroupName: 'tg' });
    expect(() => binding.allowFromSecurityGroup('default')).toThrow('[test/Binding] networking.ingress[0].from.securityGroup.groupID: got "default"; must be a security group id');
    expect(() => binding.allowFromCidr('10.0.0.0')).toThrow('[test/Binding] networking.ingress[0].from.ipBlock.cidr: got "10.0.0.0"; must be an IPv4 or IPv6 CIDR block');
    expect(() => binding.allowFromCidr('10.0.0.0/8', { port: 70000 })).toThrow('[test/Binding] networking.ingress[0].ports[0].port: got 70000; must be an integer from 1 to 65535');
    expect(() => binding.allowFromCidr('999.0.0.0/8')).toThrow('[test/Binding] networking.ingress[0].from.ipBlock.cidr: got "999.0.0.0/8"; must be an IPv4 or IPv6 CIDR block');
    expect(() => binding.allowFromCidr('10.0.0.0/33')).toThrow('[test/Binding] networking.ingress[0].from.ipBlock.cidr: got "10.0.0.0/33"');
    expect(() => binding.allowFromCidr('2001:db8::/129')).toThrow('[test/Binding] networking.ingress[0].from.ipBlock.cidr: got "2001:db8::/129"');
    expect(() => binding.allowFromSecurityGroup('sg-${SG}')).toThrow('[test/Binding] networking.ingress[0].from.securityGroup.groupID: got "sg-${SG}"; must be a security group id');
    binding.allowFromCidr('2001:db8::/32');
    expect(bindingDoc(chart).spec.networking.ingress[0].from).toEqual([{ ipBlock: { cidr: '2001:db8::/32' } }]);
  });
});
