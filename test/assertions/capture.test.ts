import { webDeployment } from './fixtures';
import { Capture, Manifests, Match } from '../../src';

const manifests = Manifests.fromObjects([webDeployment({ name: 'api', image: 'api:2', replicas: 3 }), webDeployment({ replicas: 2 })]);

describe('Capture', () => {
  test('captures the value of every matching document, in document order', () => {
    const name = new Capture();
    const replicas = new Capture();
    manifests.hasResource('Deployment', { metadata: { name }, spec: { replicas } });
    expect([name.asString(), replicas.asNumber()]).toEqual(['api', 3]);
    expect(name.next()).toBe(true);
    expect([name.asString(), replicas.next(), replicas.asNumber()]).toEqual(['web', true, 2]);
    expect(name.next()).toBe(false);
    expect(name.asString()).toEqual('web');
  });

  test('captures nothing from documents that do not match as a whole', () => {
    const name = new Capture();
    manifests.hasResource('Deployment', { metadata: { name }, spec: { replicas: 2 } });
    expect(name.asString()).toEqual('web');
    expect(name.next()).toBe(false);
  });

  test('captures only values that match its pattern', () => {
    const image = new Capture(Match.stringLikeRegexp('^nginx'));
    manifests.hasResource('Deployment', { spec: { template: { spec: { containers: Match.arrayWith([{ name: 'app', image }]) } } } });
    expect(image.asString()).toEqual('nginx:1.27');
    expect(image.next()).toBe(false);
  });

  test('captures from the array item that matched, not from items tried before', () => {
    const container = new Capture({ name: 'sidecar' });
    manifests.findResources('Deployment', { metadata: { name: 'web' }, spec: { template: { spec: { containers: Match.arrayWith([container]) } } } });
    expect(container.asObject()).toEqual({ name: 'sidecar', image: 'envoy:1.31' });
  });

  test('captures objects, arrays and booleans', () => {
    const labels = new Capture();
    const ports = new Capture();
    const flag = new Capture();
    Manifests.fromObjects([{ kind: 'X', metadata: { labels: { a: 'b' } }, spec: { ports: [80], enabled: true } }])
      .hasResource('X', { metadata: { labels }, spec: { ports, enabled: flag } });
    expect([labels.asObject(), ports.asArray(), flag.asBoolean()]).toEqual([{ a: 'b' }, [80], true]);
  });

  test('fails the match with missing key when the key is missing', () => {
    expect(() => manifests.hasResource('Deployment', { spec: { paused: new Capture() } }))
      .toThrow('missing key /spec/paused');
  });

  test('fails the match where its pattern does not match', () => {
    expect(() => manifests.hasResource('Deployment', { metadata: { name: new Capture('db') } }))
      .toThrow('at /metadata/name: expected "db", got "api"');
  });

  test('throws when nothing was captured', () => {
    const name = new Capture();
    expect(() => manifests.hasResource('Deployment', { metadata: { name }, spec: { replicas: 5 } })).toThrow();
    expect(() => name.asString()).toThrow('Capture: no value was captured (no document matched)');
    expect(name.next()).toBe(false);
  });

  test('throws when the captured value has another type', () => {
    const name = new Capture();
    manifests.hasResource('Deployment', { metadata: { name } });
    expect(() => name.asNumber()).toThrow('Capture: expected the captured value to be a number, got "api"');
    expect(() => name.asBoolean()).toThrow('Capture: expected the captured value to be a boolean, got "api"');
    expect(() => name.asObject()).toThrow('Capture: expected the captured value to be an object, got "api"');
    expect(() => name.asArray()).toThrow('Capture: expected the captured value to be an array, got "api"');
  });
});
