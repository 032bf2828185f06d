import { webDeployment } from './fixtures';
import { Manifests, Match, Matcher, MatchResult } from '../../src';

/** The failure lines a matcher reports for a value; empty when it matches. */
const failures = (matcher: Matcher, actual: any) => matcher.test(actual).toHumanStrings();

describe('plain patterns', () => {
  test('a plain object matches object-like, deep, so other keys are allowed', () => {
    expect(failures(Match.objectLike({ metadata: { labels: { app: 'web' } } }), webDeployment())).toEqual([]);
  });

  test('fails with the path and both values when a leaf differs', () => {
    expect(failures(Match.objectLike({ spec: { template: { spec: { containers: [{ name: 'app', image: 'x' }, {}] } } } }), webDeployment()))
      .toEqual(['at /spec/template/spec/containers/0/image: expected "x", got "nginx:1.27"']);
  });

  test('fails with the missing key when the document lacks it', () => {
    expect(failures(Match.objectLike({ spec: { replicas: 3 } }), webDeployment())).toEqual(['missing key /spec/replicas']);
  });

  test('fails when the types differ, showing them apart', () => {
    expect(failures(Match.objectLike({ spec: { replicas: '3' } }), webDeployment({ replicas: 3 })))
      .toEqual(['at /spec/replicas: expected "3", got 3']);
    expect(failures(Match.objectLike({ metadata: { name: { first: 'web' } } }), webDeployment()))
      .toEqual(['at /metadata/name: expected an object, got string "web"']);
  });

  test('fails for an array of another length: arrays match exactly unless Match.arrayWith', () => {
    expect(failures(Match.objectLike({ spec: { template: { spec: { containers: [{ name: 'app' }] } } } }), webDeployment())).toEqual([
      'at /spec/template/spec/containers: expected 1 item, got 2: [{"name":"app","image":"nginx:1.27","ports":[{"containerPort":8080}]},{"name"... (use Match.arrayWith to match some items)',
    ]);
  });

  test('fails with missing key when an array is expected and the key is missing', () => {
    expect(failures(Match.objectLike({ spec: { template: { spec: { tolerations: [] } } } }), webDeployment())).toEqual(['missing key /spec/template/spec/tolerations']);
  });

  test('objects inside arrays match object-like', () => {
    expect(failures(Match.objectLike({ spec: { template: { spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] } } } }), webDeployment())).toEqual([]);
  });

  test('fails when an array is expected and something else is found', () => {
    expect(failures(Match.objectLike({ metadata: { labels: ['web'] } }), webDeployment()))
      .toEqual(['at /metadata/labels: expected an array, got object {"app":"web","tier":"frontend"}']);
  });

  test('null matches null only', () => {
    expect(failures(Match.objectLike({ a: null }), { a: null })).toEqual([]);
    expect(failures(Match.objectLike({ a: null }), { a: 0 })).toEqual(['at /a: expected null, got 0']);
  });

  test('escapes / and ~ in keys as a JSON pointer does', () => {
    expect(failures(Match.objectLike({ metadata: { annotations: { 'example.com/a~b': 'on' } } }), { metadata: { annotations: { 'example.com/a~b': 'off' } } }))
      .toEqual(['at /metadata/annotations/example.com~1a~0b: expected "on", got "off"']);
  });

  test('reports every difference, not just the first', () => {
    expect(failures(Match.objectLike({ metadata: { name: 'api', labels: { tier: 'backend' } }, spec: { replicas: 2 } }), webDeployment())).toEqual([
      'at /metadata/name: expected "api", got "web"',
      'at /metadata/labels/tier: expected "backend", got "frontend"',
      'missing key /spec/replicas',
    ]);
  });

  test('throws for undefined in a pattern, pointing to Match.absent()', () => {
    expect(() => Match.objectLike({ spec: { replicas: undefined } }))
      .toThrow('the pattern is undefined at /spec/replicas; use Match.absent() for a key that must be missing');
  });
});

describe('Match.objectLike', () => {
  test('fails with missing key when the object itself is missing', () => {
    expect(failures(Match.objectLike({ spec: Match.objectLike({ strategy: { type: 'Recreate' } }) }), webDeployment()))
      .toEqual(['missing key /spec/strategy']);
  });

  test('throws when the pattern is not an object', () => {
    expect(() => Match.objectLike(['a'] as any)).toThrow('Match.objectLike needs an object, got ["a"]');
  });
});

describe('Match.objectEquals', () => {
  test('matches an object with exactly the keys listed', () => {
    expect(failures(Match.objectLike({ metadata: { labels: Match.objectEquals({ app: 'web', tier: 'frontend' }) } }), webDeployment())).toEqual([]);
  });

  test('fails naming each unexpected key with its value', () => {
    expect(failures(Match.objectLike({ metadata: { labels: Match.objectEquals({ app: 'web' }) } }), webDeployment()))
      .toEqual(['unexpected key /metadata/labels/tier with value "frontend"']);
  });

  test('is exact all the way down', () => {
    expect(failures(Match.objectEquals({ spec: { selector: { matchLabels: {} } } }), { spec: { selector: { matchLabels: { app: 'web' } } } }))
      .toEqual(['unexpected key /spec/selector/matchLabels/app with value "web"']);
  });
});

describe('Match.exact', () => {
  test('matches an equal value, deep', () => {
    expect(failures(Match.exact({ app: 'web', tier: 'frontend' }), { app: 'web', tier: 'frontend' })).toEqual([]);
    expect(failures(Match.exact([1, 2]), [1, 2])).toEqual([]);
    expect(failures(Match.exact('web'), 'web')).toEqual([]);
  });

  test('fails for extra keys in nested objects, which object-like would allow', () => {
    expect(failures(Match.exact({ spec: { ports: [{ port: 80 }] } }), { spec: { ports: [{ port: 80, name: 'http' }] } }))
      .toEqual(['unexpected key /spec/ports/0/name with value "http"']);
  });

  test('still applies matchers nested in the pattern', () => {
    expect(failures(Match.exact({ name: Match.stringLikeRegexp('^web-'), port: Match.anyValue() }), { name: 'web-1', port: 80 })).toEqual([]);
  });
});

describe('Match.arrayWith', () => {
  const containers = webDeployment().spec.template.spec.containers;

  test('matches items in order, with others around them, objects object-like', () => {
    expect(failures(Match.arrayWith([{ name: 'app' }, { name: 'sidecar' }]), containers)).toEqual([]);
    expect(failures(Match.arrayWith([{ image: 'envoy:1.31' }]), containers)).toEqual([]);
    expect(failures(Match.arrayWith([]), [])).toEqual([]);
  });

  test('fails when the items are out of order', () => {
    expect(failures(Match.arrayWith([{ name: 'sidecar' }, { name: 'app' }]), containers)).toEqual([
      'at (root): no item after index 1 matches {"name":"app"} (Match.arrayWith matches items in order)',
    ]);
  });

  test('fails showing how the closest item differs', () => {
    expect(failures(Match.objectLike({ spec: { template: { spec: { containers: Match.arrayWith([{ name: 'app', image: 'nginx:1.28' }]) } } } }), webDeployment()))
      .toEqual([
        'at /spec/template/spec/containers: no item matches {"name":"app","image":"nginx:1.28"}; closest is item 0:',
        'at /spec/template/spec/containers/0/image: expected "nginx:1.28", got "nginx:1.27"',
      ]);
  });

  test('fails with missing key or a type error when there is no array', () => {
    expect(failures(Match.objectLike({ spec: { tolerations: Match.arrayWith([{ key: 'gpu' }]) } }), webDeployment()))
      .toEqual(['missing key /spec/tolerations']);
    expect(failures(Match.arrayWith(['a']), 'a')).toEqual(['at (root): expected an array, got string "a"']);
    expect(failures(Match.arrayWith(['a']), [])).toEqual(['at (root): no item matches "a" (the array is empty)']);
  });

  test('throws for Match.absent() as an item, which cannot mean anything', () => {
    expect(() => Match.arrayWith([Match.absent()])).toThrow('Match.absent() cannot be an array item (at /0)');
  });

  test('throws when the pattern is not an array', () => {
    expect(() => Match.arrayWith({ name: 'app' } as any)).toThrow('Match.arrayWith needs an array, got {"name":"app"}');
  });
});

describe('Match.absent', () => {
  test('matches a missing key', () => {
    expect(failures(Match.objectLike({ spec: { replicas: Match.absent() } }), webDeployment())).toEqual([]);
  });

  test('fails saying the key should be absent and what it is', () => {
    expect(failures(Match.objectLike({ metadata: { labels: { app: Match.absent() } } }), webDeployment()))
      .toEqual(['/metadata/labels/app should be absent, but is "web"']);
  });
});

describe('Match.anyValue', () => {
  test('matches any present value', () => {
    expect(failures(Match.objectLike({ metadata: { name: Match.anyValue(), labels: Match.anyValue() } }), webDeployment())).toEqual([]);
  });

  test('fails with missing key when the key is missing', () => {
    expect(failures(Match.objectLike({ spec: { replicas: Match.anyValue() } }), webDeployment())).toEqual(['missing key /spec/replicas']);
  });

  test('fails for null', () => {
    expect(failures(Match.objectLike({ a: Match.anyValue() }), { a: null })).toEqual(['at /a: expected any value, got null']);
  });
});

describe('Match.stringLikeRegexp', () => {
  test('matches a string the expression finds a match in', () => {
    expect(failures(Match.stringLikeRegexp('^nginx:1\\.2\\d$'), 'nginx:1.27')).toEqual([]);
    expect(failures(Match.stringLikeRegexp('nginx'), 'public.ecr.aws/nginx/nginx:1.27')).toEqual([]);
  });

  test('fails for a string that does not match, or for something else than a string', () => {
    expect(failures(Match.objectLike({ metadata: { name: Match.stringLikeRegexp('^api') } }), webDeployment()))
      .toEqual(['at /metadata/name: expected a string matching /^api/, got "web"']);
    expect(failures(Match.stringLikeRegexp('8080'), 8080)).toEqual(['at (root): expected a string matching /8080/, got 8080']);
    expect(failures(Match.objectLike({ spec: { serviceName: Match.stringLikeRegexp('web') } }), webDeployment()))
      .toEqual(['missing key /spec/serviceName']);
  });

  test('throws for an invalid expression', () => {
    expect(() => Match.stringLikeRegexp('(')).toThrow(/Invalid regular expression/);
  });
});

describe('Match.not', () => {
  test('matches anything else than the pattern, including a missing key', () => {
    expect(failures(Match.objectLike({ metadata: { name: Match.not('api') } }), webDeployment())).toEqual([]);
    expect(failures(Match.objectLike({ spec: { replicas: Match.not(1) } }), webDeployment())).toEqual([]);
  });

  test('fails when the value matches the pattern, plain objects object-like', () => {
    expect(failures(Match.objectLike({ metadata: { labels: Match.not({ tier: 'frontend' }) } }), webDeployment()))
      .toEqual(['at /metadata/labels: expected anything but {"tier":"frontend"}, got {"app":"web","tier":"frontend"}']);
  });

  test('inverts other matchers', () => {
    expect(failures(Match.not(Match.stringLikeRegexp(':latest$')), 'nginx:1.27')).toEqual([]);
    expect(failures(Match.not(Match.stringLikeRegexp(':latest$')), 'nginx:latest'))
      .toEqual(['at (root): expected anything but <stringLikeRegexp>, got "nginx:latest"']);
  });
});

describe('custom matchers', () => {
  class EvenNumber extends Matcher {
    public readonly name = 'evenNumber';
    public test(actual: any): MatchResult {
      const result = new MatchResult(actual);
      if (typeof actual === 'number' && actual % 2 === 0) result.recordMatch();
      else result.recordFailure({ path: [], message: `expected an even number, got ${actual}` });
      return result;
    }
  }

  test('a subclass of Matcher works anywhere in a pattern', () => {
    const manifests = Manifests.fromObjects([webDeployment({ replicas: 2 })]);
    manifests.hasResource('Deployment', { spec: { replicas: new EvenNumber() } });
    expect(() => Manifests.fromObjects([webDeployment({ replicas: 3 })]).hasResource('Deployment', { spec: { replicas: new EvenNumber() } }))
      .toThrow('at /spec/replicas: expected an even number, got 3');
  });

  test('Matcher.isMatcher recognizes matchers only', () => {
    expect(Matcher.isMatcher(Match.anyValue())).toBe(true);
    expect(Matcher.isMatcher({ name: 'x', test: () => undefined })).toBe(false);
    expect(Matcher.isMatcher(null)).toBe(false);
  });

  test('a result counts matching leaves and failures', () => {
    const result = Match.objectLike({ metadata: { name: 'web', namespace: 'other', labels: { app: 'web' } } }).test(webDeployment());
    expect([result.matchCount, result.failCount, result.isSuccess, result.hasFailed()]).toEqual([2, 1, false, true]);
    expect(result.target.kind).toEqual('Deployment');
  });
});
