import { isIP } from 'net';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import { checkServiceReference } from '../common/reference-checks';
import { ServiceReference } from '../common/references';
import { checkFactoryValue, checkInteger, checkLabels, checkPattern } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { ALB_RULES } from '../core/rules';
import { describeServicePorts, isUnresolvedToken, servicePortNumbered } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';

/** What the load balancer registers as targets. */
export class TargetGroupTargetType {
  /** Node ports of every node (the target group's type must be `instance`); needs a NodePort or LoadBalancer Service. */
  public static readonly INSTANCE = new TargetGroupTargetType('instance');
  /** Pod IPs directly (the target group's type must be `ip`). */
  public static readonly IP = new TargetGroupTargetType('ip');

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string) {}
}

/** Properties of a TargetGroupBinding. */
export interface TargetGroupBindingProps extends CustomResourceProps {
  /**
   * The Service whose endpoints are registered. It must be in the binding's namespace (`serviceRef` has
   * no namespace); a Service of this app is checked at synth (namespace, port, type).
   */
  readonly service: ServiceReference;

  /**
   * The Service port to register.
   *
   * @default - the only port of a Service of this app; required for a Service referenced by name
   */
  readonly port?: number;

  /**
   * ARN of an existing target group. May be an unresolved token (AWS CDK, Terraform) that is filled in at deploy time.
   *
   * @default - give `targetGroupName` instead
   */
  readonly targetGroupArn?: string;

  /**
   * Name of an existing target group in the controller's VPC.
   *
   * @default - give `targetGroupArn` instead
   */
  readonly targetGroupName?: string;

  /**
   * Target type; must match the target group's.
   *
   * @default - the controller reads it from the target group
   */
  readonly targetType?: TargetGroupTargetType;

  /**
   * Labels of the nodes registered as instance targets.
   *
   * @default - every node
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * VPC of the target group, when it differs from the cluster's.
   *
   * @default - the cluster's VPC
   */
  readonly vpcId?: string;
}

/** A source allowed to reach the targets (`spec.networking.ingress`). */
export interface TargetGroupIngressOptions {
  /**
   * The target port traffic is allowed to; a node port for instance targets.
   *
   * @default - every port
   */
  readonly port?: number;

  /**
   * Protocol.
   *
   * @default TCP
   */
  readonly udp?: boolean;
}

const ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;
const TARGET_GROUP_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

/** An IPv4 block with a prefix of 0 to 32 bits, or an IPv6 block with one of 0 to 128 bits. */
function isCidr(cidr: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return false;
  const version = isIP(m[1]);
  const bits = Number(m[2]);
  return (version === 4 && bits <= 32) || (version === 6 && bits <= 128);
}

/** One entry of `spec.networking.ingress`. */
interface IngressRuleJson {
  readonly from: Array<{ [source: string]: unknown }>;
  readonly ports: Array<{ readonly protocol: string; readonly port?: number }>;
}

/**
 * An AWS Load Balancer Controller TargetGroupBinding (elbv2.k8s.aws/v1beta1): registers a Service's
 * endpoints in a target group created outside Kubernetes (Terraform, AWS CDK), e.g. an ALB in front
 * of the Istio ingress gateway.
 */
export class TargetGroupBinding extends CustomResource {
  private readonly settings: TargetGroupBindingProps;
  private readonly ingress: IngressRuleJson[] = [];

  constructor(scope: Construct, id: string, props: TargetGroupBindingProps) {
    checkProps(scope, id, 'TargetGroupBindingProps', props);
    super(scope, id, {
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      resourceType: 'targetgroupbindings',
    }, { metadata: props.metadata });
    this.settings = props;
    const service = props.service;
    checkServiceReference(this, 'service', service);
    checkFactoryValue(this, 'targetType', props.targetType, TargetGroupTargetType);
    checkInteger(this, ALB_RULES['TGB-01'], 'port', props.port, 1, 65535);
    if (!service.service && props.port === undefined) {
      throw invalidInput(this, ALB_RULES['TGB-13'], 'port', undefined, `is required for Service "${service.name}", referenced by name (serviceRef.port is required)`);
    }
    const { targetGroupArn: arn, targetGroupName: name } = props;
    if ((arn === undefined) === (name === undefined)) {
      throw invalidInput(this, ALB_RULES['TGB-02'], 'targetGroupArn', arn, 'give exactly one of targetGroupArn and targetGroupName');
    }
    if (arn !== undefined && !isUnresolvedToken(arn)) {
      checkPattern(this, ALB_RULES['TGB-03'], 'targetGroupArn', arn, ARN, 'must be a target group ARN: arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<16 hex digits>');
    }
    checkPattern(this, ALB_RULES['TGB-04'], 'targetGroupName', name, TARGET_GROUP_NAME, 'must be 1-32 letters, digits and "-", not starting or ending with "-"');
    checkPattern(this, ALB_RULES['TGB-05'], 'vpcId', props.vpcId, /^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id like "vpc-0123456789abcdef0"');
    checkLabels(this, 'nodeSelector', props.nodeSelector);
    if (props.nodeSelector && props.targetType === TargetGroupTargetType.IP) {
      throw invalidInput(this, ALB_RULES['TGB-06'], 'nodeSelector', props.nodeSelector, 'only applies to instance targets');
    }
    addSynthValidation(this, () => this.validateService());
  }

  /** Allows traffic from a security group to the targets (the controller manages the node/pod security group rules). */
  public allowFromSecurityGroup(groupId: string, options: TargetGroupIngressOptions = {}): void {
    const field = `networking.ingress[${this.ingress.length}]`;
    if (!isUnresolvedToken(groupId)) checkPattern(this, ALB_RULES['TGB-07'], `${field}.from.securityGroup.groupID`, groupId, /^sg-[0-9a-f]{8,17}$/, 'must be a security group id like "sg-0123456789abcdef0"');
    this.addIngress({ securityGroup: { groupID: groupId } }, options, field);
  }

  /** Allows traffic from an IPv4 or IPv6 CIDR block to the targets. */
  public allowFromCidr(cidr: string, options: TargetGroupIngressOptions = {}): void {
    const field = `networking.ingress[${this.ingress.length}]`;
    if (!isCidr(cidr)) throw invalidInput(this, ALB_RULES['TGB-08'], `${field}.from.ipBlock.cidr`, cidr, 'must be an IPv4 or IPv6 CIDR block like "10.0.0.0/16" or "2001:db8::/32"');
    this.addIngress({ ipBlock: { cidr } }, options, field);
  }

  private addIngress(from: { [source: string]: unknown }, options: TargetGroupIngressOptions, field: string): void {
    checkInteger(this, ALB_RULES['TGB-09'], `${field}.ports[0].port`, options.port, 1, 65535);
    this.ingress.push({ from: [from], ports: [{ protocol: options.udp ? 'UDP' : 'TCP', port: options.port }] });
  }

  private servicePort(): number | undefined {
    const service = this.settings.service.service;
    return this.settings.port ?? (service?.ports.length === 1 ? service.ports[0].port : undefined);
  }

  protected renderSpec(): unknown {
    const p = this.settings;
    return {
      serviceRef: { name: p.service.name, port: this.servicePort() ?? 0 },
      targetGroupARN: p.targetGroupArn,
      targetGroupName: p.targetGroupName,
      targetType: p.targetType?.value,
      nodeSelector: p.nodeSelector && { matchLabels: p.nodeSelector },
      vpcID: p.vpcId,
      networking: this.ingress.length > 0 ? { ingress: this.ingress } : undefined,
    };
  }

  private validateService(): string[] {
    const errors: string[] = [];
    const ref = this.settings.service;
    const namespace = this.metadata.namespace;
    if ((ref.service || ref.namespace !== undefined) && ref.namespace !== namespace) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-10'], 'service', ref.name,
        `must be in the binding's namespace ${JSON.stringify(namespace ?? '(unset)')}, not ${JSON.stringify(ref.namespace ?? '(unset)')}; serviceRef has no namespace`));
    }
    const service = ref.service;
    if (!service) return errors;
    const port = this.servicePort();
    if (port === undefined) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-11'], 'port', undefined, `is required because Service "${service.name}" has ${service.ports.length} ports (${describeServicePorts(service)})`));
    } else if (!servicePortNumbered(service, port)) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-11'], 'port', port, `must be a port of Service "${service.name}" (its ports: ${describeServicePorts(service)})`));
    }
    if (this.settings.targetType !== TargetGroupTargetType.IP && service.type === kplus.ServiceType.CLUSTER_IP) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-12'], 'service', service.name,
        'instance targets register node ports, so the Service must be of type NodePort or LoadBalancer (or use TargetGroupTargetType.IP)'));
    }
    return errors;
  }
}
