/** The domain of self-managed Karpenter's AWS instance labels (`karpenter.k8s.aws/instance-family`, ...). */
export const KARPENTER_AWS_DOMAIN = 'karpenter.k8s.aws';
/** The domain EKS Auto Mode uses for the same instance labels (`eks.amazonaws.com/instance-family`, ...). */
export const EKS_AUTO_MODE_DOMAIN = 'eks.amazonaws.com';
