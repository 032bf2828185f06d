import { Duration, Testing } from 'cdk8s';
import { DISCOVERY, expectInvalid, nodeClassIn, nodeClassSpec } from './support';
import { warningsOf } from '../../src/core/warnings';
import {
  CapacityReservationSelectorTerm, Ec2NodeClassProps, InstanceMatchCriteria, NetworkInterface, NetworkInterfaceType,
} from '../../src/karpenter';
import { validateManifests } from '../support/manifest-validator';

const INTERFACE = NetworkInterfaceType.INTERFACE;
const EFA_ONLY = NetworkInterfaceType.EFA_ONLY;
const PRIMARY: NetworkInterface = { networkCardIndex: 0, deviceIndex: 0, interfaceType: INTERFACE };
const EFA_CARD_1: NetworkInterface = { networkCardIndex: 1, deviceIndex: 0, interfaceType: EFA_ONLY };

const nodeClass = nodeClassIn;
const spec = nodeClassSpec;

/** A valid EC2NodeClass document with `fields` merged into its spec, as the API server would receive it. */
function rawNodeClass(fields: object): any {
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'raw' },
    spec: {
      amiSelectorTerms: [{ alias: 'al2023@v20240807' }],
      role: 'KarpenterNodeRole-my-cluster',
      subnetSelectorTerms: [{ tags: DISCOVERY }],
      securityGroupSelectorTerms: [{ tags: DISCOVERY }],
      ...fields,
    },
  };
}

describe('Ec2NodeClass capacity reservations, placement groups and network options: rendering', () => {
  test('renders reservation terms by id, by tags narrowed to an owner, and by match criteria', () => {
    expect(spec({
      capacityReservationSelectorTerms: [
        { id: 'cr-0123456789abcdef0' },
        { tags: { team: 'ml' }, ownerId: '123456789012' },
        { instanceMatchCriteria: InstanceMatchCriteria.OPEN },
        { tags: { 'capacity-block': '*' }, instanceMatchCriteria: InstanceMatchCriteria.TARGETED },
      ],
    }).capacityReservationSelectorTerms).toEqual([
      { id: 'cr-0123456789abcdef0' },
      { tags: { team: 'ml' }, ownerID: '123456789012' },
      { instanceMatchCriteria: 'open' },
      { tags: { 'capacity-block': '*' }, instanceMatchCriteria: 'targeted' },
    ]);
  });

  test('tells NodePools whether the class selects reservations, and leaves an empty list out', () => {
    expect(nodeClass({ capacityReservationSelectorTerms: [{ id: 'cr-0a1b' }] }).nodeClass.selectsCapacityReservations).toBe(true);
    expect(nodeClass({ capacityReservationSelectorTerms: [] }).nodeClass.selectsCapacityReservations).toBe(false);
    expect(nodeClass().nodeClass.selectsCapacityReservations).toBe(false);
    expect(spec({ capacityReservationSelectorTerms: [] })).not.toHaveProperty('capacityReservationSelectorTerms');
  });

  test.each([
    [{ name: 'ml-training' }],
    [{ id: 'pg-0123456789abcdef0' }],
  ])('renders the placement group selector %j', (placementGroupSelector) => {
    expect(spec({ placementGroupSelector }).placementGroupSelector).toEqual(placementGroupSelector);
  });

  test('renders an EFA layout: the primary ENA interface, then one efa-only interface per network card', () => {
    const networkInterfaces: NetworkInterface[] = [
      PRIMARY,
      { networkCardIndex: 0, deviceIndex: 1, interfaceType: EFA_ONLY },
      { networkCardIndex: 1, deviceIndex: 0, interfaceType: EFA_ONLY },
      { networkCardIndex: 2, deviceIndex: 0, interfaceType: EFA_ONLY },
      { networkCardIndex: 2, deviceIndex: 1, interfaceType: INTERFACE },
    ];
    expect(spec({ networkInterfaces }).networkInterfaces).toEqual([
      { networkCardIndex: 0, deviceIndex: 0, interfaceType: 'interface' },
      { networkCardIndex: 0, deviceIndex: 1, interfaceType: 'efa-only' },
      { networkCardIndex: 1, deviceIndex: 0, interfaceType: 'efa-only' },
      { networkCardIndex: 2, deviceIndex: 0, interfaceType: 'efa-only' },
      { networkCardIndex: 2, deviceIndex: 1, interfaceType: 'interface' },
    ]);
  });

  test('leaves an empty interface list out, as Karpenter treats it like no list', () => {
    expect(spec({ networkInterfaces: [] })).not.toHaveProperty('networkInterfaces');
  });

  test('renders ipPrefixCount, connection tracking timeouts in whole seconds and nested virtualization', () => {
    expect(spec({
      ipPrefixCount: 2,
      connectionTracking: { tcpEstablishedTimeout: Duration.minutes(30), udpStreamTimeout: Duration.minutes(2), udpTimeout: Duration.seconds(45) },
      cpuOptions: { nestedVirtualization: true },
    })).toMatchObject({
      ipPrefixCount: 2,
      connectionTracking: { tcpEstablishedTimeout: 1800, udpStreamTimeout: 120, udpTimeout: 45 },
      cpuOptions: { nestedVirtualization: 'enabled' },
    });
  });

  test('renders the bounds of each timeout, a zero prefix count and nested virtualization turned off', () => {
    const low = spec({
      ipPrefixCount: 0,
      connectionTracking: { tcpEstablishedTimeout: Duration.seconds(60), udpStreamTimeout: Duration.seconds(60), udpTimeout: Duration.seconds(30) },
      cpuOptions: { nestedVirtualization: false },
    });
    expect(low).toMatchObject({
      ipPrefixCount: 0,
      connectionTracking: { tcpEstablishedTimeout: 60, udpStreamTimeout: 60, udpTimeout: 30 },
      cpuOptions: { nestedVirtualization: 'disabled' },
    });
    const high = spec({
      connectionTracking: { tcpEstablishedTimeout: Duration.days(5), udpStreamTimeout: Duration.minutes(3), udpTimeout: Duration.minutes(1) },
    });
    expect(high.connectionTracking).toEqual({ tcpEstablishedTimeout: 432000, udpStreamTimeout: 180, udpTimeout: 60 });
  });

  test('renders a single timeout alone and leaves CPU options without a setting out', () => {
    const s = spec({ connectionTracking: { udpTimeout: Duration.seconds(30) }, cpuOptions: {} });
    expect(s.connectionTracking).toEqual({ udpTimeout: 30 });
    expect(s).not.toHaveProperty('cpuOptions');
  });

  test('keeps unresolved tokens for reservation ids, owner accounts and placement group ids, for a later resolver to fill in', () => {
    // Not schema-validated: the tokens only become ids when the AWS CDK resolver runs.
    const synthesized = (props: Partial<Ec2NodeClassProps>) => Testing.synth(nodeClass(props).chart)[0].spec;
    expect(synthesized({
      capacityReservationSelectorTerms: [{ id: '${Token[TOKEN.201]}' }, { tags: { team: 'ml' }, ownerId: '${Token[TOKEN.202]}' }],
      placementGroupSelector: { id: '${Token[TOKEN.203]}' },
    })).toMatchObject({
      capacityReservationSelectorTerms: [{ id: '${Token[TOKEN.201]}' }, { tags: { team: 'ml' }, ownerID: '${Token[TOKEN.202]}' }],
      placementGroupSelector: { id: '${Token[TOKEN.203]}' },
    });
  });
});

describe('Ec2NodeClass capacity reservations, placement groups and network options: validation', () => {
  test('fails when a reservation term selects by nothing, or by ownerId alone', () => {
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{}] }),
      '[test/Class]', 'capacityReservationSelectorTerms[0]', 'got {}', 'at least one of id, tags or instanceMatchCriteria');
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{ id: 'cr-0a1b' }, { ownerId: '123456789012' }] }),
      'capacityReservationSelectorTerms[1]', '{"ownerId":"123456789012"}', 'ownerId only narrows a term');
  });

  test.each<[string, CapacityReservationSelectorTerm, string]>([
    ['tags', { id: 'cr-0a1b', tags: { team: 'ml' } }, '{"id":"cr-0a1b","tags":{"team":"ml"}}'],
    ['ownerId', { id: 'cr-0a1b', ownerId: '123456789012' }, '{"id":"cr-0a1b","ownerId":"123456789012"}'],
    ['instanceMatchCriteria', { id: 'cr-0a1b', instanceMatchCriteria: InstanceMatchCriteria.OPEN }, '{"id":"cr-0a1b","instanceMatchCriteria":"open"}'],
  ])('fails when a reservation id shares its term with %s', (_, term, shown) => {
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [term] }),
      'capacityReservationSelectorTerms[0]', shown, 'id must stand alone in its term');
  });

  test('fails on a combined id term even when other terms are fine, although the CRD only rejects it when every term is combined', () => {
    const terms = [{ id: 'cr-0a1b', tags: { team: 'ml' } }, { tags: { team: 'ml' } }];
    // The CRD rule is `!self.all(...)`: this list passes it, and Karpenter would select cr-0a1b and every ml reservation.
    expect(validateManifests([rawNodeClass({ capacityReservationSelectorTerms: terms })])).toEqual([]);
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: terms }), 'capacityReservationSelectorTerms[0]', 'id must stand alone');
  });

  test('fails on a malformed reservation id or owner account', () => {
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{ id: 'odcr-1' }] }),
      'capacityReservationSelectorTerms[0].id', '"odcr-1"', 'capacity reservation id such as cr-');
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{ tags: { team: 'ml' }, ownerId: '1234' }] }),
      'capacityReservationSelectorTerms[0].ownerId', '"1234"', '12-digit AWS account id');
  });

  test('fails on empty reservation tags, more than 20 of them and more than 30 terms', () => {
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{ tags: { team: '' } }] }),
      'capacityReservationSelectorTerms[0].tags', '{"team":""}', 'empty tag keys or values');
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: [{ tags: many }] }), 'capacityReservationSelectorTerms[0].tags', '1 to 20 tags');
    const terms = Array.from({ length: 31 }, (_, i) => ({ id: `cr-${i}` }));
    expectInvalid(() => nodeClass({ capacityReservationSelectorTerms: terms }), 'capacityReservationSelectorTerms', 'got 31', 'at most 30 terms');
  });

  test('fails when the placement group selector sets neither name nor id, or both', () => {
    expectInvalid(() => nodeClass({ placementGroupSelector: {} }), '[test/Class]', 'placementGroupSelector', 'got {}', 'must select by name or by id');
    expectInvalid(() => nodeClass({ placementGroupSelector: { name: 'ml', id: 'pg-0a1b' } }),
      'placementGroupSelector', '{"name":"ml","id":"pg-0a1b"}', 'mutually exclusive');
  });

  test('fails on an empty placement group name or a malformed id', () => {
    expectInvalid(() => nodeClass({ placementGroupSelector: { name: '' } }), 'placementGroupSelector.name', 'got ""', 'must not be empty');
    expectInvalid(() => nodeClass({ placementGroupSelector: { id: 'placement-1' } }), 'placementGroupSelector.id', '"placement-1"', 'placement group id such as pg-');
  });

  test.each<[string, NetworkInterface[]]>([
    ['an efa-only interface', [{ networkCardIndex: 0, deviceIndex: 0, interfaceType: EFA_ONLY }]],
    ['an interface on another device', [{ networkCardIndex: 0, deviceIndex: 1, interfaceType: INTERFACE }]],
    ['an interface on another card', [{ networkCardIndex: 1, deviceIndex: 0, interfaceType: INTERFACE }]],
  ])('fails when card 0 device 0 is not an ENA interface but %s', (_, networkInterfaces) => {
    expectInvalid(() => nodeClass({ networkInterfaces }), '[test/Class]', 'networkInterfaces', 'must include the primary interface');
  });

  test('fails on a repeated card and device pair', () => {
    const networkInterfaces = [PRIMARY, EFA_CARD_1, { networkCardIndex: 1, deviceIndex: 0, interfaceType: INTERFACE }];
    expectInvalid(() => nodeClass({ networkInterfaces }),
      'networkInterfaces[2]', '{"networkCardIndex":1,"deviceIndex":0,"interfaceType":"interface"}', 'must not repeat the networkCardIndex and deviceIndex of networkInterfaces[1]');
  });

  test('fails on a second efa-only interface on the same card', () => {
    const efa = (deviceIndex: number) => ({ networkCardIndex: 0, deviceIndex, interfaceType: EFA_ONLY });
    const networkInterfaces = [PRIMARY, efa(1), efa(2)];
    expectInvalid(() => nodeClass({ networkInterfaces }),
      'networkInterfaces[2]', 'second efa-only interface on network card 0', 'networkInterfaces[1] is one');
  });

  test('fails on negative or fractional indexes and on more than 150 interfaces', () => {
    expectInvalid(() => nodeClass({ networkInterfaces: [PRIMARY, { networkCardIndex: -1, deviceIndex: 0, interfaceType: EFA_ONLY }] }),
      'networkInterfaces[1].networkCardIndex', 'got -1', 'integer from 0');
    expectInvalid(() => nodeClass({ networkInterfaces: [PRIMARY, { networkCardIndex: 1, deviceIndex: 0.5, interfaceType: EFA_ONLY }] }),
      'networkInterfaces[1].deviceIndex', 'got 0.5', 'integer from 0');
    const many = Array.from({ length: 151 }, (_, i) => ({ networkCardIndex: i, deviceIndex: 0, interfaceType: i === 0 ? INTERFACE : EFA_ONLY }));
    expectInvalid(() => nodeClass({ networkInterfaces: many }), 'networkInterfaces', 'got 151', 'at most 150');
  });

  test('fails on a negative, fractional or out-of-range ipPrefixCount', () => {
    expectInvalid(() => nodeClass({ ipPrefixCount: -1 }), '[test/Class]', 'ipPrefixCount', 'got -1', 'integer from 0 to 2147483647');
    expectInvalid(() => nodeClass({ ipPrefixCount: 1.5 }), 'ipPrefixCount', 'got 1.5');
    expectInvalid(() => nodeClass({ ipPrefixCount: 2 ** 31 }), 'ipPrefixCount', 'got 2147483648');
  });

  test('fails when connection tracking sets no timeout', () => {
    expectInvalid(() => nodeClass({ connectionTracking: {} }), '[test/Class]', 'connectionTracking', 'at least one of tcpEstablishedTimeout, udpStreamTimeout or udpTimeout');
  });

  test.each([
    ['tcpEstablishedTimeout', '59 seconds', Duration.seconds(59), 'from 60 to 432000 seconds'],
    ['tcpEstablishedTimeout', '5 days 1 second', Duration.seconds(432001), 'from 60 to 432000 seconds'],
    ['udpStreamTimeout', '59 seconds', Duration.seconds(59), 'from 60 to 180 seconds'],
    ['udpStreamTimeout', '3 minutes 1 second', Duration.seconds(181), 'from 60 to 180 seconds'],
    ['udpTimeout', '29 seconds', Duration.seconds(29), 'from 30 to 60 seconds'],
    ['udpTimeout', '1 minute 1 second', Duration.seconds(61), 'from 30 to 60 seconds'],
    ['udpTimeout', '30 seconds 500 millis', Duration.millis(30500), 'whole number of seconds'],
  ])('fails when connectionTracking.%s is %s', (field, shown, duration, allowed) => {
    expectInvalid(() => nodeClass({ connectionTracking: { [field]: duration } }), `connectionTracking.${field}`, `got "${shown}"`, allowed);
  });

  test.each([
    ['a reservation term without a selecting field', { capacityReservationSelectorTerms: [{ ownerID: '123456789012' }] }, 'expected at least one, got none'],
    ['a reservation id combined with tags in every term', { capacityReservationSelectorTerms: [{ id: 'cr-0a1b', tags: { a: 'b' } }] }, '\'id\' is mutually exclusive'],
    ['a malformed reservation id', { capacityReservationSelectorTerms: [{ id: 'odcr-1' }] }, 'should match \'^cr-[0-9a-z]+$\''],
    ['an empty placement group selector', { placementGroupSelector: {} }, 'expected at least one, got none, [\'name\', \'id\']'],
    ['a placement group selected by name and id', { placementGroupSelector: { name: 'ml', id: 'pg-0a1b' } }, '\'name\' and \'id\' are mutually exclusive'],
    ['interfaces without the primary one', { networkInterfaces: [{ networkCardIndex: 0, deviceIndex: 0, interfaceType: 'efa-only' }] }, 'must include a primary interface'],
    ['a repeated card and device pair', { networkInterfaces: [{ networkCardIndex: 0, deviceIndex: 0, interfaceType: 'interface' }, { networkCardIndex: 0, deviceIndex: 0, interfaceType: 'efa-only' }] }, 'must not have duplicate'],
    ['two efa-only interfaces on one card', { networkInterfaces: [{ networkCardIndex: 0, deviceIndex: 0, interfaceType: 'interface' }, { networkCardIndex: 1, deviceIndex: 0, interfaceType: 'efa-only' }, { networkCardIndex: 1, deviceIndex: 1, interfaceType: 'efa-only' }] }, 'at most one efa device per network card'],
    ['connection tracking without a timeout', { connectionTracking: {} }, 'at least one of tcpEstablishedTimeout'],
    ['a UDP timeout above 60 seconds', { connectionTracking: { udpTimeout: 61 } }, 'udpTimeout in body should be less than or equal to 60'],
    ['a negative ipPrefixCount', { ipPrefixCount: -1 }, 'ipPrefixCount in body should be greater than or equal to 0'],
  ])('agrees with the pinned CRD, which also rejects %s', (_, fields, crdMessage) => {
    expect(validateManifests([rawNodeClass(fields)]).join('\n')).toContain(crdMessage);
  });
});

describe('Ec2NodeClass network option warnings', () => {
  test('warns on a public IP with several network interfaces', () => {
    const { chart } = nodeClass({ associatePublicIpAddress: true, networkInterfaces: [PRIMARY, EFA_CARD_1] });
    expect(warningsOf(chart)).toEqual([expect.stringContaining('[test/Class] sets associatePublicIpAddress with 2 network interfaces')]);
  });

  test('records no warning for a public IP on the primary interface alone, or for several interfaces without one', () => {
    expect(warningsOf(nodeClass({ associatePublicIpAddress: true, networkInterfaces: [PRIMARY] }).chart)).toEqual([]);
    expect(warningsOf(nodeClass({ networkInterfaces: [PRIMARY, EFA_CARD_1] }).chart)).toEqual([]);
  });
});
