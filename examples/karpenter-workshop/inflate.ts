import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { WORKSHOP_TAGS } from './node-pool';
import { NodePool, PodSecurity } from '../../src';

/** The workshop creates namespace `other` with its base application; `inflate` runs there. */
const NAMESPACE = 'other';

/** Properties of `InflateChart`. */
export interface InflateChartProps {
  /** The pool whose `type: karpenter` nodes inflate's pods select. */
  readonly pool: NodePool;
}

/**
 * Namespace `other` and the `inflate` Deployment: 0 replicas of the pause container with 1Gi each, on
 * the pool's nodes. The walkthrough scales it with kubectl.
 */
export class InflateChart extends Chart {
  public readonly inflate: kplus.Deployment;

  public constructor(scope: Construct, id: string, props: InflateChartProps) {
    // No chart namespace: it would be written into the cluster-scoped Namespace too.
    super(scope, id, { disableResourceNameHashes: true });
    // Outside the workshop the namespace must be created; inside it, applying this is a no-op. Argo CD must
    // never delete it: the workshop's other applications live there too.
    new kplus.Namespace(this, 'other', {
      metadata: {
        name: NAMESPACE,
        labels: WORKSHOP_TAGS,
        annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' },
      },
    });

    const labels = { app: 'inflate' };
    this.inflate = new kplus.Deployment(this, 'inflate', {
      metadata: { name: 'inflate', namespace: NAMESPACE },
      replicas: 0,
      select: false,
      podMetadata: { labels },
      terminationGracePeriod: Duration.seconds(0),
    });
    this.inflate.select(kplus.LabelSelector.of({ labels }));
    // Keeps the pod template exactly upstream's: only `app: inflate`.
    ApiObject.of(this.inflate).addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
    PodSecurity.addRestrictedContainer(this.inflate, {
      name: 'inflate',
      image: 'public.ecr.aws/eks-distro/kubernetes/pause:3.2',
      // Kubernetes' default for a tagged image, which upstream relies on; cdk8s-plus would write Always.
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {
        // Upstream requests memory only. 10m per pod adds a CPU request without changing which instance fits.
        cpu: { request: kplus.Cpu.millis(10) },
        memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
      },
    });
    props.pool.schedule(this.inflate);
  }
}
