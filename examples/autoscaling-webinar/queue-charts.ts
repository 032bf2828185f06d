import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { KEDA_BEHAVIOR } from './scaling-charts';
import { consumerDeployment, MOC_NAMESPACE, namespacedChartProps, producerDeployment } from './workloads';
import { ScaledObject, ScalerTrigger, SpotOnDemandSplit, TriggerAuthentication, WorkloadReference } from '../../src';

/** Properties of the consumer chart. */
export interface ConsumerChartProps {
  /** The split whose domains the consumer's pods spread over, as upstream. */
  readonly split: SpotOnDemandSplit;
}

/** The `consumer` Deployment that drains the queue through moc (`moc-consumer.yaml`). */
export class ConsumerChart extends Chart {
  /** The consumer, which KEDA scales on the queue's depth. */
  public readonly consumer: kplus.Deployment;

  public constructor(scope: Construct, id: string, props: ConsumerChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    this.consumer = consumerDeployment(this, props.split);
  }
}

/** Properties of the queue-depth ScaledObject chart. */
export interface QueueScaledObjectChartProps {
  /** The consumer to scale. */
  readonly target: kplus.Deployment;
  /** The queue whose depth KEDA reads. */
  readonly queueUrl: string;
  /** The TriggerAuthentication, applied by another chart, whose role KEDA's operator assumes. */
  readonly triggerAuthenticationName: string;
}

/** KEDA scales the consumer on the SQS queue's depth: one replica per 10 messages (`keda_scaledobject_consumer.yaml`). */
export class QueueScaledObjectChart extends Chart {
  public constructor(scope: Construct, id: string, props: QueueScaledObjectChartProps) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    new ScaledObject(this, 'MocHighQueue', {
      metadata: { name: 'moc-high-queue' },
      target: WorkloadReference.fromWorkload(props.target),
      minReplicas: 1,
      maxReplicas: 30,
      behavior: KEDA_BEHAVIOR,
      triggers: [ScalerTrigger.awsSqsQueue({
        authentication: TriggerAuthentication.fromTriggerAuthenticationName(this, 'TriggerAuthentication', props.triggerAuthenticationName),
        queueUrl: props.queueUrl,
        queueLength: 10,
      })],
    });
  }
}

/** The in-cluster producer that fills the queue (upstream's `moc-producer.yaml`). */
export class ProducerChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, namespacedChartProps(MOC_NAMESPACE));
    producerDeployment(this);
  }
}
