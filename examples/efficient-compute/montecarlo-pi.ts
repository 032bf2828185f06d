import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { CapacityType, NodePool, PodSecurity } from '../../src';

/** The multi-arch Monte Carlo π service (Go, :8080, `/simulate` and `/metrics`); no tag upstream, hence `imagePullPolicy: Always`. */
export const MONTECARLO_PI_IMAGE = 'public.ecr.aws/chrismld/montecarlo-pi';

/**
 * Why the pods cannot meet the restricted profile (README.md, "Hardened images"): the image copies its
 * binary into /root, which Alpine creates with mode 0700, and runs it as a non-root user. That user
 * reaches the binary only through CAP_DAC_OVERRIDE, which the restricted profile drops; the baseline
 * profile allows it.
 */
export const MONTECARLO_PI_EXEMPTION = 'the image runs /root/montecarlo as a non-root user, and /root is mode 0700: '
  + 'the container needs CAP_DAC_OVERRIDE (allowed by the baseline profile, not by restricted) to reach its own binary';

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
 * One montecarlo-pi Deployment with its internet-facing LoadBalancer Service, as upstream's
 * workload.yaml, graviton.yaml and x86.yaml write them, hardened as far as the image allows.
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
    PodSecurity.exempt(this.deployment, MONTECARLO_PI_EXEMPTION);
    PodSecurity.addRestrictedContainer(this.deployment, {
      name: props.name,
      image: MONTECARLO_PI_IMAGE,
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      ports: [{ name: 'http', number: 8080 }],
      resources: {
        cpu: { request: kplus.Cpu.millis(900), limit: props.cpuLimit },
        memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
      },
      // Everything else of the restricted profile stays: non-root 10001, read-only root filesystem, RuntimeDefault seccomp.
      securityContext: { capabilities: { drop: [kplus.Capability.ALL], add: [kplus.Capability.DAC_OVERRIDE] } },
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
