import { SecurityGroupSelectorTerm, SubnetSelectorTerm } from '../../src';

/**
 * The values of the webinar's lab that come from its AWS account and Terraform state rather than from
 * its manifests. The defaults are the lab's own (account 707257249187, cluster `webinar-infnet`,
 * host `moc.cquinta.com`); pass yours to `buildApp`.
 */
export interface WebinarParameters {
  /** The EKS cluster's name (the lab's `project_name`). */
  readonly clusterName: string;

  /** The SQS queue the app writes to and the consumer drains; KEDA scales the consumer on its depth. */
  readonly sqsQueueUrl: string;

  /** The role KEDA's operator assumes to read the queue (`iam_keda.tf`). */
  readonly kedaRoleArn: string;

  /**
   * ARN of the target group the lab's ALB forwards to; Terraform fills it in upstream.
   * The default `${TARGET_GROUP_ARN}` is left for `envsubst` at apply time.
   */
  readonly targetGroupArn: string;

  /** The public host name, pointed at the ALB by a Route 53 CNAME. */
  readonly publicHost: string;

  /** Instance profile of the Karpenter nodes (Terraform names it after the project). */
  readonly nodeInstanceProfile: string;

  /** The private subnets the nodes launch into: by tags, or by the ids Terraform looks up. */
  readonly nodeSubnets: SubnetSelectorTerm[];

  /** The nodes' security groups: by tags, or the cluster security group's id. */
  readonly nodeSecurityGroups: SecurityGroupSelectorTerm[];

  /** Bottlerocket release of the Karpenter nodes (`latest`, as the lab's SSM parameter, or e.g. `v1.30.0`). */
  readonly bottlerocketVersion: string;

  /** The URL the k6 spike test requests: the public host (as the webinar does) or the in-cluster Service. */
  readonly loadTestUrl: string;
}

/** The moc Service from inside the cluster, bypassing the ALB and the Istio ingress gateway. */
export const IN_CLUSTER_MOC_URL = 'http://moc.moc.svc.cluster.local:8000';

const CLUSTER_NAME = 'webinar-infnet';

/** The lab's values. */
export const WEBINAR_PARAMETERS: WebinarParameters = {
  clusterName: CLUSTER_NAME,
  sqsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/707257249187/teste',
  kedaRoleArn: 'arn:aws:iam::707257249187:role/webinar-infnet-keda',
  targetGroupArn: '${TARGET_GROUP_ARN}',
  publicHost: 'moc.cquinta.com',
  nodeInstanceProfile: CLUSTER_NAME,
  // Upstream passes ids looked up by Terraform. Tags keep the manifests free of ids: tag the three
  // pod/node subnets with karpenter.sh/discovery, or pass `[{ id: 'subnet-...' }, ...]`.
  nodeSubnets: [{ tags: { 'karpenter.sh/discovery': CLUSTER_NAME } }],
  // EKS tags the cluster security group, the one upstream selects by id, with the cluster's name.
  nodeSecurityGroups: [{ tags: { 'aws:eks:cluster-name': CLUSTER_NAME } }],
  bottlerocketVersion: 'latest',
  loadTestUrl: 'http://moc.cquinta.com',
};
