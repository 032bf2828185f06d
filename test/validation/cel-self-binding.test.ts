import { selfFieldsOf } from '../../src/validation/cel';
import { validateManifests } from '../../src/validation/validator';
import { testCrd } from '../support/crds';

/** A CRD whose spec carries the given CEL rules. */
function crdWith(rules: object[]): any {
  return testCrd({
    group: 'example.com',
    kind: 'Gadget',
    plural: 'gadgets',
    specSchema: {
      'type': 'object',
      'x-kubernetes-validations': rules,
      'properties': {
        min: { type: 'integer' },
        max: { type: 'integer' },
        label: { type: 'string' },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    },
  });
}

const gadget = (spec: object) => ({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'apps' }, spec });
const messagesOf = (rules: object[], spec: object) => validateManifests([gadget(spec)], { extraCrds: [crdWith(rules)], cacheDir: '' }).map(e => e.message);

describe('CEL rules that read some fields of self', () => {
  const minBelowMax = { rule: '!has(self.min) || self.min <= self.max', message: 'min must not exceed max' };

  test('pass and fail on the fields they read, whatever else the object holds', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ name: `item-${i}` }));
    expect(messagesOf([minBelowMax], { min: 1, max: 3, items })).toEqual([]);
    expect(messagesOf([minBelowMax], { min: 5, max: 3, items })).toEqual(['Invalid value: "object": min must not exceed max']);
    expect(messagesOf([minBelowMax], { items })).toEqual([]);
  });

  test('fail with "no such key" for a field they read that is absent, as the API server does', () => {
    expect(messagesOf([{ rule: 'self.min <= self.max' }], { min: 1 })[0]).toMatch(/no such key: max/);
  });

  test('see the whole object when they read it whole', () => {
    expect(messagesOf([{ rule: 'size(self) <= 2', message: 'at most two fields' }], { min: 1, max: 2, label: 'x' }))
      .toEqual(['Invalid value: "object": at most two fields']);
    expect(messagesOf([{ rule: 'self.all(k, k != "label")', message: 'no label' }], { min: 1, label: 'x' }))
      .toEqual(['Invalid value: "object": no label']);
  });

  test('give a messageExpression the whole object, fields the rule does not read included', () => {
    expect(messagesOf([{ rule: 'self.min <= self.max', messageExpression: '"label " + self.label + " is out of range"' }], { min: 5, max: 3, label: 'web' }))
      .toEqual(['Invalid value: "object": label web is out of range']);
  });
});

describe('the fields of self a rule reads', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parse = (rule: string) => (require('@bufbuild/cel') as typeof import('@bufbuild/cel')).parse(rule);

  test('are the ones it selects or tests with has()', () => {
    expect(selfFieldsOf(parse('!has(self.min) || self.min <= (has(self.max) ? self.max : 100)'))).toEqual(['min', 'max']);
    expect(selfFieldsOf(parse('self.template.spec.x == 1'))).toEqual(['template']);
  });

  test('are all of them when the rule uses self whole', () => {
    expect(selfFieldsOf(parse('size(self) > 0'))).toBeUndefined();
    expect(selfFieldsOf(parse('self.all(x, x != "a")'))).toBeUndefined();
    expect(selfFieldsOf(parse('self.a == 1 && self == oldSelf'))).toBeUndefined();
  });
});
