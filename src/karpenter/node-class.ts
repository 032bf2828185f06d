import { EKS_AUTO_MODE_DOMAIN } from './domains';

/**
 * A node class a NodePool launches its nodes with: an `Ec2NodeClass` of self-managed
 * Karpenter, or a NodeClass of EKS Auto Mode.
 */
export interface INodeClass {
  /** API group of the node class (`karpenter.k8s.aws` or `eks.amazonaws.com`). */
  readonly nodeClassGroup: string;
  /** Kind of the node class (`EC2NodeClass` or `NodeClass`). */
  readonly nodeClassKind: string;
  /** Kubernetes name of the node class. */
  readonly nodeClassName: string;
  /**
   * Domain of the instance labels nodes of this class carry: `karpenter.k8s.aws` for
   * self-managed Karpenter, `eks.amazonaws.com` for EKS Auto Mode. Instance requirements
   * (`NodeLabel.INSTANCE_FAMILY`, ...) render with this domain.
   */
  readonly instanceLabelDomain: string;
}

class NodeClassRef implements INodeClass {
  constructor(
    public readonly nodeClassGroup: string,
    public readonly nodeClassKind: string,
    public readonly nodeClassName: string,
    public readonly instanceLabelDomain: string) {}
}

/**
 * References to node classes that are not defined in this app. An EC2NodeClass applied elsewhere is
 * referenced with `Ec2NodeClass.fromEc2NodeClassName(scope, id, name)`.
 */
export class NodeClassReference {
  /**
   * A NodeClass of EKS Auto Mode (group `eks.amazonaws.com`, kind `NodeClass`). Pools on it
   * render instance requirements with `eks.amazonaws.com/instance-*` labels.
   *
   * @param name the NodeClass name; Auto Mode's built-in one is `default`.
   */
  public static eksAutoMode(name: string = 'default'): INodeClass {
    return new NodeClassRef(EKS_AUTO_MODE_DOMAIN, 'NodeClass', name, EKS_AUTO_MODE_DOMAIN);
  }

  private constructor() {}
}
