import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { CapacityType, NodePool, PodSecurity } from '../../src';

/** The multi-arch Monte Carlo π service (Go, :8080, `/simulate` and `/metrics`); no tag upstream, hence `imagePullPolicy: Always`. */
export const MONTECARLO_PI_IMAGE = 'public.ecr.aws/chrismld/montecarlo-pi';

/** Properties of one montecarlo-pi Deployment and its Service. */
export interface MonteCarloPiProps {
  /** Deployment, Service, container name and `app` label. */
  readonly name: string;
  /** The pool the pods run on; its label and taint decide the nodeSelector and toleration. */
  readonly pool: NodePool;
  /** The instance family the pods require (upstream pins one per architecture). */
  readonly instanceFamily: string;
  /** Capacity type the pods require. */
  readonly capacityType: CapacityType;
  /** CPU limit; the request is 900m everywhere. */
  readonly cpuLimit: kplus.Cpu;
  /** Fixed replicas; undefined when KEDA owns the count. */
  readonly replicas?: number;
}

/**
 * One montecarlo-pi Deployment with its internet-facing LoadBalancer Service, as seed 000's
 * workload.yaml, graviton.yaml and x86.yaml write them, with a restricted security context.
 */
export class MonteCarloPi extends Construct {
  public readonly deployment: kplus.Deployment;
  public readonly service: kplus.Service;

  public constructor(scope: Construct, id: string, props: MonteCarloPiProps) {
    super(scope, id);
    const labels = { app: props.name };
    // Upstream selects pods by `app` only; cdk8s-plus' generated selector label is left out.
    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: props.name },
      replicas: props.replicas,
      select: false,
      podMetadata: { labels },
    });
    this.deployment.select(kplus.LabelSelector.of({ labels }));
    // cdk8s-plus labels pods with their construct path, which differs per phase chart; the label would
    // roll every Deployment when one phase's chart replaces another's, restarting pods mid-test.
    ApiObject.of(this.deployment).addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
    PodSecurity.addRestrictedContainer(this.deployment, {
      name: props.name,
      image: MONTECARLO_PI_IMAGE,
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      ports: [{ name: 'http', number: 8080 }],
      resources: {
        cpu: { request: kplus.Cpu.millis(900), limit: props.cpuLimit },
        memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
      },
    });
    props.pool.schedule(this.deployment, { capacityType: props.capacityType, instanceFamily: props.instanceFamily });

    this.service = new kplus.Service(this, 'Service', {
      metadata: {
        name: props.name,
        labels,
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' },
      },
      type: kplus.ServiceType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: kplus.Protocol.TCP }],
    });
    this.service.selectLabel('app', props.name);
  }
}
