// The shared fuzz harness (test/support/fuzz.ts) itself: reproducible mutations, and verdicts that tell a library
// error from a crash.
import { ApiObject, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { invalidInput } from '../../src/core/errors';
import { KARPENTER_RULES } from '../../src/core/rules';
import { CapacityType, NodeClassReference, NodePool } from '../../src/karpenter';
import {
  describeFuzzValue, expectLibraryErrorOrValidOutput, expectNoFuzzFailures, formatFuzzFailure, fuzz, mulberry32, mutations,
} from '../support/fuzz';

interface Props {
  readonly name: string;
  readonly count: number;
  readonly enabled: boolean;
  readonly memory: Size;
  readonly wait: Duration;
  readonly cpu: kplus.Cpu;
  readonly capacity: CapacityType;
  readonly tags: string[];
  readonly nested: { readonly value: string };
  readonly scope?: Construct;
}

function base(scope?: Construct): Props {
  return {
    name: 'web',
    count: 3,
    enabled: true,
    memory: Size.gibibytes(1),
    wait: Duration.seconds(30),
    cpu: kplus.Cpu.millis(250),
    capacity: CapacityType.SPOT,
    tags: ['a', 'b'],
    nested: { value: 'x' },
    scope,
  };
}

describe('the fuzz harness', () => {
  test('gives the same pseudo-random sequence for the same seed, and another one for another seed', () => {
    const take = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(42).every(n => n >= 0 && n < 1)).toBe(true);
  });

  test('applies the same mutations for the same seed and leaves the base props unchanged', () => {
    const props = base();
    const snapshot = describeFuzzValue(props);
    for (let seed = 0; seed < 50; seed++) {
      const first = mutations(props, mulberry32(seed));
      const again = mutations(props, mulberry32(seed));
      expect(again.applied).toEqual(first.applied);
      expect(first.applied.length).toBeGreaterThanOrEqual(1);
      expect(first.applied.length).toBeLessThanOrEqual(3);
    }
    expect(describeFuzzValue(props)).toBe(snapshot);
  });

  test('replaces values with hostile ones of the same type, and never touches a construct', () => {
    const chart = new Chart(new Construct(undefined as any, 'root'), 'chart');
    const props = base(chart);
    for (let seed = 0; seed < 300; seed++) {
      const { props: mutated } = mutations(props, mulberry32(seed), { min: 3, max: 3 });
      expect(typeof mutated.name).toBe('string');
      expect(typeof mutated.count).toBe('number');
      expect(typeof mutated.enabled).toBe('boolean');
      expect(mutated.memory).toBeInstanceOf(Size);
      expect(mutated.wait).toBeInstanceOf(Duration);
      expect(mutated.cpu).toBeInstanceOf(kplus.Cpu);
      expect(Array.isArray(mutated.tags)).toBe(true);
      expect(typeof mutated.nested.value).toBe('string');
      expect(mutated.scope).toBe(chart);
      // an enum-like value is another static member, or a forged plain object with a hostile value
      const capacity = mutated.capacity as unknown;
      const member = [CapacityType.ON_DEMAND, CapacityType.SPOT, CapacityType.RESERVED].includes(capacity as CapacityType);
      expect(member || Object.getPrototypeOf(capacity) === Object.prototype).toBe(true);
    }
  });

  test('names the path, the old value and the new value of each mutation', () => {
    const { applied } = mutations({ limits: { memory: Size.gibibytes(1) } }, mulberry32(7));
    expect(applied).toEqual([{ path: 'props.limits.memory', before: 'Size(1048576 KiB)', after: expect.stringMatching(/^Size\./) }]);
  });

  test('counts a library error that names the construct path and a rule as keeping the contract', () => {
    const verdict = expectLibraryErrorOrValidOutput(chart => {
      throw invalidInput(new Construct(chart, 'Thing'), KARPENTER_RULES['NP-01'], 'weight', 0, 'must be from 1 to 100');
    }, 'thing');
    expect(verdict).toMatchObject({ ok: true, outcome: 'library-error' });
  });

  test('counts a TypeError, an error without the path and an error without a rule as breaking the contract', () => {
    expect(expectLibraryErrorOrValidOutput(() => (undefined as any).x, 'crash')).toMatchObject({ ok: false, outcome: 'crash' });
    expect(expectLibraryErrorOrValidOutput(() => {
      throw new Error('something went wrong (NP-01)');
    }, 'no path')).toMatchObject({ ok: false, outcome: 'unnamed-error' });
    expect(expectLibraryErrorOrValidOutput(() => {
      throw new Error('[FuzzChart/Thing] bad value');
    }, 'no rule')).toMatchObject({ ok: false, outcome: 'unnamed-error' });
  });

  test('counts valid output as keeping the contract, and output the validator rejects as breaking it', () => {
    const valid = expectLibraryErrorOrValidOutput(chart => {
      new NodePool(chart, 'Pool', { nodeClass: NodeClassReference.eksAutoMode(), limits: { cpu: kplus.Cpu.units(10) } });
    }, 'pool');
    expect(valid).toMatchObject({ ok: true, outcome: 'valid-output' });
    const invalid = expectLibraryErrorOrValidOutput(chart => {
      new ApiObject(chart, 'Raw', { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'raw' }, spec: { weight: 1000 } } as any);
    }, 'raw');
    expect(invalid).toMatchObject({ ok: false, outcome: 'invalid-output' });
    expect(invalid.detail).toContain('weight');
  });

  test('reports every failing run with its seed, run and mutations, so it can be replayed', () => {
    const report = fuzz<{ readonly name: string }>({
      name: 'Fragile',
      seed: 9,
      runs: 5,
      baseProps: () => ({ name: 'ok' }),
      build: (_chart, props) => {
        if (props.name !== 'ok') throw new TypeError(`cannot read ${props.name}`);
      },
    });
    expect(report.failures).toHaveLength(5);
    expect(formatFuzzFailure(report.failures[2])).toMatch(/^Fragile, seed 9 run 2 \(replay: FUZZ_SEED=9 FUZZ_RUN=2\): crash\n {2}mutations:\n {4}props\.name: "ok" → /);
    expect(() => expectNoFuzzFailures(report)).toThrow(/5 fuzz run\(s\) broke the contract/);
  });
});
