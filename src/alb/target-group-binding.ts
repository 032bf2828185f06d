import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import * as l1 from '../../imports/elbv2-targetgroupbindings-elbv2.k8s.aws';
import { checkDnsLabel, checkInteger, checkLabels, checkObjectName, checkPattern } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { ALB_RULES } from '../core/rules';
import { describeServicePorts, isUnresolvedToken, namespaceOf, servicePortNumbered } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';

/** The Service whose endpoints are registered in the target group. */
export class TargetGroupService {
  /**
   * A cdk8s-plus Service of this app; the port is checked against it at synth.
   *
   * @param port the Service port; defaults to the Service's only port
   */
  public static fromService(service: kplus.Service, port?: number): TargetGroupService {
    return new TargetGroupService(service, service.name, port);
  }

  /** A Service installed by other means (e.g. the Istio ingress gateway chart's `istio-ingressgateway`). */
  public static fromName(name: string, port: number): TargetGroupService {
    return new TargetGroupService(undefined, name, port);
  }

  private constructor(
    /** The Service, when given as an object. */
    public readonly service: kplus.Service | undefined,
    /** The Service name. */
    public readonly name: string,
    /** The Service port, when given. */
    public readonly port: number | undefined) {}
}

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
export interface TargetGroupBindingProps extends kplus.ResourceProps {
  /** The Service and port to register. The Service must be in the binding's namespace. */
  readonly service: TargetGroupService;

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
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;

/**
 * An AWS Load Balancer Controller TargetGroupBinding (elbv2.k8s.aws/v1beta1): registers a Service's
 * endpoints in a target group created outside Kubernetes (Terraform, AWS CDK), e.g. an ALB in front
 * of the Istio ingress gateway.
 */
export class TargetGroupBinding extends kplus.Resource {
  /** @see kplus.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The plural resource name used in RBAC rules. */
  public readonly resourceType = 'targetgroupbindings';

  private readonly props: TargetGroupBindingProps;
  private readonly ingress: l1.TargetGroupBindingV1Beta1SpecNetworkingIngress[] = [];

  constructor(scope: Construct, id: string, props: TargetGroupBindingProps) {
    super(scope, id);
    this.props = props;
    checkObjectName(this, 'metadata.name', props.metadata?.name);
    checkDnsLabel(this, 'service.name', props.service.service ? undefined : props.service.name);
    checkInteger(this, ALB_RULES['TGB-01'], 'service.port', props.service.port, 1, 65535);
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

    this.apiObject = new l1.TargetGroupBindingV1Beta1(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    addSynthValidation(this, () => this.validateService());
  }

  /** Allows traffic from a security group to the targets (the controller manages the node/pod security group rules). */
  public allowFromSecurityGroup(groupId: string, options: TargetGroupIngressOptions = {}): void {
    const field = `networking.ingress[${this.ingress.length}]`;
    if (!isUnresolvedToken(groupId)) checkPattern(this, ALB_RULES['TGB-07'], `${field}.from.securityGroup.groupID`, groupId, /^sg-[0-9a-f]{8,17}$/, 'must be a security group id like "sg-0123456789abcdef0"');
    this.addIngress({ securityGroup: { groupId } }, options, field);
  }

  /** Allows traffic from an IPv4 or IPv6 CIDR block to the targets. */
  public allowFromCidr(cidr: string, options: TargetGroupIngressOptions = {}): void {
    const field = `networking.ingress[${this.ingress.length}]`;
    checkPattern(this, ALB_RULES['TGB-08'], `${field}.from.ipBlock.cidr`, cidr, CIDR, 'must be a CIDR block like "10.0.0.0/16"');
    this.addIngress({ ipBlock: { cidr } }, options, field);
  }

  private addIngress(from: l1.TargetGroupBindingV1Beta1SpecNetworkingIngressFrom, options: TargetGroupIngressOptions, field: string): void {
    checkInteger(this, ALB_RULES['TGB-09'], `${field}.ports[0].port`, options.port, 1, 65535);
    this.ingress.push({
      from: [from],
      ports: [{
        protocol: (options.udp ? 'UDP' : 'TCP') as l1.TargetGroupBindingV1Beta1SpecNetworkingIngressPortsProtocol,
        port: options.port !== undefined ? l1.TargetGroupBindingV1Beta1SpecNetworkingIngressPortsPort.fromNumber(options.port) : undefined,
      }],
    });
  }

  private servicePort(): number | undefined {
    const ref = this.props.service;
    return ref.port ?? (ref.service?.ports.length === 1 ? ref.service.ports[0].port : undefined);
  }

  private renderSpec(): l1.TargetGroupBindingV1Beta1Spec {
    const port = this.servicePort();
    return {
      serviceRef: {
        name: this.props.service.name,
        port: l1.TargetGroupBindingV1Beta1SpecServiceRefPort.fromNumber(port ?? 0),
      },
      targetGroupArn: this.props.targetGroupArn,
      targetGroupName: this.props.targetGroupName,
      targetType: this.props.targetType?.value as l1.TargetGroupBindingV1Beta1SpecTargetType | undefined,
      nodeSelector: this.props.nodeSelector && { matchLabels: this.props.nodeSelector },
      vpcId: this.props.vpcId,
      networking: this.ingress.length > 0 ? { ingress: this.ingress } : undefined,
    };
  }

  private validateService(): string[] {
    const service = this.props.service.service;
    if (!service) return [];
    const errors: string[] = [];
    if (namespaceOf(service) !== namespaceOf(this)) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-10'], 'service', service.name,
        `must be in the binding's namespace ${JSON.stringify(namespaceOf(this) ?? '(unset)')}, not ${JSON.stringify(namespaceOf(service) ?? '(unset)')}; serviceRef has no namespace`));
    }
    const port = this.servicePort();
    if (port === undefined) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-11'], 'service.port', undefined, `is required because Service "${service.name}" has ${service.ports.length} ports (${describeServicePorts(service)})`));
    } else if (!servicePortNumbered(service, port)) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-11'], 'service.port', port, `must be a port of Service "${service.name}" (its ports: ${describeServicePorts(service)})`));
    }
    if (this.props.targetType !== TargetGroupTargetType.IP && service.type === kplus.ServiceType.CLUSTER_IP) {
      errors.push(invalidInputMessage(this, ALB_RULES['TGB-12'], 'service', service.name,
        'instance targets register node ports, so the Service must be of type NodePort or LoadBalancer (or use TargetGroupTargetType.IP)'));
    }
    return errors;
  }
}
