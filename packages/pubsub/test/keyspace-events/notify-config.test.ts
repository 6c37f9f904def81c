import { FakeServer, formatNotifyFlags, parseNotifyFlags } from '@fakeredis/core';
import { allMixins } from '@fakeredis/server';
import { runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';

// notify-keyspace-events as Redis 7.0 parses and prints it, and which notifications each
// setting lets through (captured on a __key*__:* subscriber, compared with redis-server).

const options = { createServer: (config: Record<string, string>) => new FakeServer({ mixins: allMixins, config }) };
const set = (value: string | Buffer): Step => ['CONFIG', 'SET', 'notify-keyspace-events', value];
const get: Step = ['CONFIG', 'GET', 'notify-keyspace-events'];

runScenarios('notify-keyspace-events: CONFIG SET and GET', options, [
  {
    name: 'canonical order and A',
    steps: [
      set('KEA'), get, set('A'), get, set('g$lshzxetd'), get, set('g$lshzxet'), get, set('AKE'), get, set('Am'), get,
      set('mn'), get, set('Kn'), get, set('ExgK'), get, set('gggK'), get, set('tdezhsl$g'), get, set('KEAm'), get,
      set('Ad'), get, set('AdKEm'), get, set('x'), get, set(''), get,
    ],
  },
  { name: 'n is not shown next to A', steps: [set('KEAn'), get, set('nA'), get, set('g$lshzxetdn'), get] },
  {
    name: 'a bad class letter',
    steps: [set('KEA'), set('Z'), get, set('K E'), set('k'), set('a'), set('KEA?'), set('*'), get],
  },
  { name: 'a NUL byte ends the letters', steps: [set(Buffer.from('K\0Z')), get, set(Buffer.from('\0')), get, set(Buffer.from('E\0x')), get] },
  {
    name: 'several parameters: a refused one rolls the events setting back',
    steps: [set('KEA'), ['CONFIG', 'SET', 'notify-keyspace-events', 'Kx', 'hz', 'abc'], get, ['CONFIG', 'SET', 'hz', '10', 'notify-keyspace-events', 'Q'], get],
  },
]);

/** The same commands under a setting: what reaches the subscriber is compared. */
const traffic: Step[] = [
  ['SET', 'k', 'v'],
  ['EXPIRE', 'k', '100'],
  ['SADD', 's', 'a'],
  ['HSET', 'h', 'f', 'v'],
  ['GET', 'missing'],
  ['DEL', 'k', 's'],
];
const under = (classes: string): Scenario => ({ name: `classes "${classes}"`, events: classes, steps: traffic });

runScenarios('notify-keyspace-events: what each setting delivers', options, [
  under('KEA'),
  under('KEAnm'),
  under('K$'),
  under('Eg'),
  under('Kh'),
  under('Es'),
  under('Em'),
  under('Kn'),
  under('A'),
  under('KE'),
  under('K'),
  under('KEgs'),
  { name: 'n keeps working when KEAn reads back as AKE', events: 'KEAn', steps: [set('KEAn'), get, ['SET', 'k', 'v']] },
  { name: 'a rolled-back CONFIG SET re-reads the text and loses n', events: 'KEAn', steps: [['CONFIG', 'SET', 'notify-keyspace-events', 'Kx', 'hz', 'abc'], get, ['SET', 'k', 'v']] },
  { name: 'a setting changed mid-scenario applies at once', events: 'K', steps: [['SET', 'a', 'v'], set('KE$'), ['SET', 'b', 'v'], set(''), ['SET', 'c', 'v']] },
  { name: 'keys of another database', events: 'KEA', steps: [['SELECT', '7'], ['SET', 'k', 'v'], ['DEL', 'k'], ['SELECT', '0']] },
  { name: 'binary keys and event channels', events: 'KEA', steps: [['SET', Buffer.from([0, 255, 10, 13]), 'v'], ['SET', 'a b*?', 'v']] },
]);

describe('parseNotifyFlags / formatNotifyFlags', () => {
  it('round-trips the canonical form', () => {
    for (const value of ['', 'A', 'AKE', 'AKEm', 'g$lshzxet', 'nK', 'gxKE', 'nm']) {
      expect(formatNotifyFlags(parseNotifyFlags(value))).toBe(value);
    }
  });

  it('keeps n set though A hides it', () => {
    const flags = parseNotifyFlags('KEAn');
    expect(formatNotifyFlags(flags)).toBe('AKE');
    expect(flags).not.toBe(parseNotifyFlags('AKE'));
    expect(formatNotifyFlags(flags & ~parseNotifyFlags('A'))).toBe('nKE');
  });

  it('stops at a NUL byte and refuses any other unknown letter', () => {
    expect(parseNotifyFlags('K\0Z')).toBe(parseNotifyFlags('K'));
    expect(() => parseNotifyFlags('KZ')).toThrow("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
  });

  it('the server keeps the parsed bits, not the text', () => {
    const server = new FakeServer({ mixins: allMixins });
    const events: string[] = [];
    server.notifier.addPublisher((channel, message) => events.push(`${channel} ${message}`));
    server.call('CONFIG', 'SET', 'notify-keyspace-events', 'KEAn');
    expect(server.config.get('notify-keyspace-events')).toBe('AKE');
    server.call('SET', 'k', 'v');
    expect(events).toEqual(['__keyspace@0__:k new', '__keyevent@0__:new k', '__keyspace@0__:k set', '__keyevent@0__:set k']);
    server.close();
  });
});
