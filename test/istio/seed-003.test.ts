import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ServiceReference } from '../../src/common/references';
import {
  DestinationRule, Gateway, GatewayProtocol, HttpRetryOn, HttpRouteMatch, RouteDestination, VirtualService,
} from '../../src/istio';
import { expectValidManifests } from '../support/manifest-validator';

describe('seed 003 Istio objects', () => {
  test('Gateway, VirtualService with retries and DestinationRule "moc"', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'Moc', {
      metadata: { name: 'moc', namespace: 'moc', labels: { app: 'moc' } },
      ports: [{ port: 8000, targetPort: 8000, name: 'http' }],
    });
    const gateway = new Gateway(chart, 'Gateway', {
      metadata: { name: 'moc', namespace: 'moc' },
      servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: ['moc.cquinta.com'] }],
    });
    new VirtualService(chart, 'Routes', {
      metadata: { name: 'moc', namespace: 'moc' },
      hosts: ['moc.moc.svc.cluster.local', 'moc.cquinta.com'],
      gateways: [gateway],
      httpRoutes: [{
        destinations: [RouteDestination.toService(ServiceReference.fromService(service), { port: 8000 })],
        retries: { attempts: 3, perTryTimeout: Duration.millis(500), retryOn: [HttpRetryOn.FIVE_XX] },
      }],
    });
    new DestinationRule(chart, 'Policy', {
      metadata: { name: 'moc', namespace: 'moc' },
      service: ServiceReference.fromService(service),
      connectionPool: { maxConnections: 100, http1MaxPendingRequests: 1000, maxRequestsPerConnection: 500 },
      outlierDetection: {
        consecutive5xxErrors: 10000, interval: Duration.millis(600), baseEjectionTime: Duration.seconds(60), maxEjectionPercent: 50,
      },
    });

    const docs = Testing.synth(chart);
    expect(docs.find(d => d.kind === 'Gateway')).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'moc', namespace: 'moc' },
      spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['moc.cquinta.com'] }] },
    });
    expect(docs.find(d => d.kind === 'VirtualService').spec).toEqual({
      hosts: ['moc.moc.svc.cluster.local', 'moc.cquinta.com'],
      gateways: ['moc/moc'],
      http: [{
        route: [{ destination: { host: 'moc', port: { number: 8000 } } }],
        retries: { attempts: 3, perTryTimeout: '500ms', retryOn: '5xx' },
      }],
    });
    expect(docs.find(d => d.kind === 'DestinationRule').spec).toEqual({
      host: 'moc.moc.svc.cluster.local',
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 1000, maxRequestsPerConnection: 500 } },
        outlierDetection: { consecutive5xxErrors: 10000, interval: '600ms', baseEjectionTime: '1m', maxEjectionPercent: 50 },
      },
    });
    expectValidManifests(docs);
    expect(docs).toMatchSnapshot();
  });

  test('mock-istio Gateway and mesh VirtualService answering "/" with a direct response', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'Gateway', {
      metadata: { name: 'mock-istio', namespace: 'istio-system' },
      servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: ['mock-istio.istio-system.svc.cluster.local'] }],
    });
    new VirtualService(chart, 'Routes', {
      metadata: { name: 'mock-istio', namespace: 'istio-system' },
      hosts: ['mock-istio.istio-system.svc.cluster.local'],
      httpRoutes: [{ matches: [HttpRouteMatch.exact('/')], directResponse: { status: 200, body: 'OK' } }],
    });
    const docs = Testing.synth(chart);
    expect(docs.find(d => d.kind === 'VirtualService').spec).toEqual({
      hosts: ['mock-istio.istio-system.svc.cluster.local'],
      http: [{ match: [{ uri: { exact: '/' } }], directResponse: { status: 200, body: { string: 'OK' } } }],
    });
    expectValidManifests(docs);
    expect(docs).toMatchSnapshot();
  });

  test('grafana Gateway and VirtualService routing to a Helm-installed Service by host', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Gateway', {
      metadata: { name: 'grafana', namespace: 'prometheus' },
      servers: [{ port: 80, protocol: GatewayProtocol.HTTP, hosts: ['grafana-webinar.cquinta.com'] }],
    });
    new VirtualService(chart, 'Routes', {
      metadata: { name: 'grafana', namespace: 'prometheus' },
      hosts: ['grafana-webinar.cquinta.com'],
      gateways: [gateway],
      httpRoutes: [{ destinations: [RouteDestination.toHost('prometheus-grafana', { port: 80 })], timeout: Duration.seconds(30) }],
    });
    const docs = Testing.synth(chart);
    expect(docs.find(d => d.kind === 'VirtualService').spec.http).toEqual([
      { route: [{ destination: { host: 'prometheus-grafana', port: { number: 80 } } }], timeout: '30s' },
    ]);
    expectValidManifests(docs);
  });
});
