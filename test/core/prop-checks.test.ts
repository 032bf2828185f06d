import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../../src';
import { checkProps } from '../../src/core/prop-checks';
import { CONSTRUCTS, STRUCTS } from '../../src/core/prop-types.generated';

// Every case is derived from the generated description, so a new construct is covered once it is regenerated.

type Props = { [key: string]: unknown };
const INHERITS = '...';

/** A struct's own and inherited properties: name → type, with `!` in front when required. */
function declared(struct: string): Map<string, string> {
  const spec = STRUCTS[struct];
  const props = new Map(Object.entries(spec).filter(([key]) => key !== INHERITS));
  for (const base of spec[INHERITS]?.split(' ') ?? []) {
    for (const [key, type] of declared(base)) if (!props.has(key)) props.set(key, type);
  }
  return props;
}

function requiredOf(struct: string): string[] {
  return [...declared(struct)].filter(([, type]) => type.startsWith('!')).map(([key]) => key);
}

const bare = (type: string) => type.replace(/^!/, '');
const shortName = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/** A value of the declared JavaScript type; checkProps runs first, so the construct never has to accept it. */
function sample(type: string): unknown {
  const t = bare(type);
  if (t.endsWith('[]')) return [];
  if (t.startsWith('map<')) return {};
  if (t.includes('|')) return sample(t.replace(/^\(/, '').split('|')[0]);
  if (t === 'string' || t.startsWith('enum:')) return 'x';
  if (t === 'number') return 1;
  if (t === 'boolean') return true;
  if (t === 'date') return new Date(0);
  if (t in STRUCTS) return requiredSample(t);
  return {};
}

function requiredSample(struct: string): Props {
  const props = declared(struct);
  return Object.fromEntries(requiredOf(struct).map(key => [key, sample(props.get(key)!)]));
}

/** A prop declared a string: a top-level one, or one of a struct prop (`metadata.name`). */
function stringPropPath(struct: string): string[] | undefined {
  const props = [...declared(struct)];
  const top = props.find(([, type]) => bare(type) === 'string');
  if (top) return [top[0]];
  for (const [key, type] of props) {
    const nested = bare(type) in STRUCTS ? [...declared(bare(type))].find(([, t]) => bare(t) === 'string') : undefined;
    if (nested) return [key, nested[0]];
  }
  return undefined;
}

function withValue(props: Props, path: readonly string[], struct: string, value: unknown): Props {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...props, [head]: value };
  const type = bare(declared(struct).get(head)!);
  return { ...props, [head]: withValue((props[head] as Props | undefined) ?? requiredSample(type), rest, type, value) };
}

/** The error of constructing `name` under test/Subject, as a plain-JavaScript caller would. */
function constructError(name: string, props: unknown): Error | undefined {
  const chart = new Chart(Testing.app(), 'test');
  const ctor = (lib as unknown as { [name: string]: new (scope: Construct, id: string, props: unknown) => unknown })[name];
  try {
    new ctor(chart, 'Subject', props);
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

function expectPropsError(error: Error | undefined, message: string): void {
  expect(error).toBeDefined();
  expect(error!.name).toEqual('Error'); // not a TypeError from deeper in the constructor
  expect(error!.message).toContain(`[test/Subject] ${message}`);
  expect(error!.message).toMatch(/ \(GEN-80\)$/);
}

describe.each(Object.entries(CONSTRUCTS))('%s', (name, struct) => {
  const required = requiredOf(struct);
  const valid = requiredSample(struct);

  test('is exported, and checks props of the declared types without complaint', () => {
    expect(typeof (lib as unknown as Props)[name]).toEqual('function');
    expect(() => checkProps(new Chart(Testing.app(), 'test'), 'Subject', struct, valid)).not.toThrow();
  });

  if (required.length > 0) {
    test('throws naming the construct path and props when props are undefined', () => {
      expectPropsError(constructError(name, undefined), `props: got undefined; is required: an object (${struct}) with ${required[0]}`);
    });
  }

  for (const prop of required) {
    test(`throws naming ${prop} when the required prop ${prop} is missing`, () => {
      const { [prop]: _omitted, ...props } = valid;
      expectPropsError(constructError(name, props), `${prop}: got undefined; is required:`);
    });
  }

  const stringPath = stringPropPath(struct);
  if (stringPath) {
    test(`throws naming ${stringPath.join('.')} when it is given a number instead of a string`, () => {
      expectPropsError(constructError(name, withValue(valid, stringPath, struct, 42)), `${stringPath.join('.')}: got 42; must be a string`);
    });
  }

  const structProp = [...declared(struct)].find(([, type]) => bare(type) in STRUCTS);
  if (structProp) {
    const [prop, type] = structProp;
    test(`throws naming ${prop} when it is given a string instead of an object (${shortName(bare(type))})`, () => {
      expectPropsError(constructError(name, { ...valid, [prop]: 'x' }), `${prop}: got "x"; must be an object (${shortName(bare(type))})`);
    });
  }

  test('throws naming props when props are not an object', () => {
    expectPropsError(constructError(name, 'props'), `props: got "props"; must be an object (${struct})`);
  });
});

describe('checkProps', () => {
  const check = (struct: string, props: unknown) => () => checkProps(new Chart(Testing.app(), 'test'), 'Subject', struct, props);
  const monitor = { service: {}, prometheusSelector: {}, port: 'http' };

  test('accepts props of the declared types, including optional ones left undefined', () => {
    expect(check('ServiceMonitorProps', { ...monitor, path: undefined, metadata: { labels: { app: 'web' } } })).not.toThrow();
  });

  test.each<[string, string, unknown, string]>([
    ['a value inside a map', 'ServiceMonitorProps', { ...monitor, metadata: { labels: { 'app.kubernetes.io/name': 5 } } },
      'metadata.labels["app.kubernetes.io/name"]: got 5; must be a string'],
    ['an array element', 'ServiceMonitorProps', { ...monitor, relabelings: [{}, 'x'] }, 'relabelings[1]: got "x"; must be a RelabelRule object'],
    ['a missing property of a struct in an array', 'NodePoolProps', { nodeClass: {}, taints: [{ key: 'gpu' }] },
      'taints[0].effect: got undefined; is required: a TaintEffect value'],
    ['a string where an array is declared', 'VirtualServiceProps', { hosts: 'web' }, 'hosts: got "web"; must be an array of strings'],
    ['null where a string is declared', 'ServiceMonitorProps', { ...monitor, path: null }, 'path: got null; must be a string'],
    ['null props', 'GatewayProps', null, 'props: got null; must be an object (GatewayProps)'],
  ])('throws naming the path of %s', (_case, struct, props, message) => {
    expect(check(struct, props)).toThrow(`[test/Subject] ${message} (GEN-80)`);
  });

  test('throws for a struct the generated description does not know', () => {
    expect(check('NoSuchProps', {})).toThrow('checkProps: no struct NoSuchProps in src/core/prop-types.generated.ts');
  });

  test('accepts undefined props when the struct has no required property', () => {
    expect(check('GatewayProps', undefined)).not.toThrow();
  });
});

describe('the generated description', () => {
  test('covers every exported construct class except the abstract bases', () => {
    const abstractBases = ['CustomResource', 'TriggerAuthenticationBase']; // their subclasses check their own props
    const constructClasses = Object.entries(lib)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Construct)
      .map(([name]) => name);
    expect(constructClasses.filter(name => !abstractBases.includes(name)).sort()).toEqual(Object.keys(CONSTRUCTS).sort());
  });
});
