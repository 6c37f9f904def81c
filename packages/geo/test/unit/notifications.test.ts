import { FakeServer, type KeyspaceEvent } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

type Argv = string[];

/** Runs commands after a set-up and returns their keyspace events as "class:event:key". */
function eventsOf(setup: Argv[], commands: Argv[]): string[] {
  const server = new FakeServer({ mixins });
  for (const command of setup) server.call(...command);
  const events: string[] = [];
  server.notifier.onEvent((e: KeyspaceEvent) => {
    if (e.eventClass !== 'm' && e.eventClass !== 'n') events.push(`${e.eventClass}:${e.event}:${e.key}`);
  });
  for (const command of commands) server.call(...command);
  server.close();
  return events;
}

const SICILY = ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'];

// The sequences real redis-server 7.0.15 publishes for the same commands
// (notify-keyspace-events KEA, __keyevent@0__:* subscriber), with each event's class.
describe('keyspace events', () => {
  it('GEOADD is ZADD: zadd when something was added or changed', () => {
    expect(eventsOf([], [SICILY, ['GEOADD', 'Sicily', 'XX', '13.361389', '38.115556', 'Palermo'], ['GEOADD', 'Sicily', 'CH', '13.361389', '38.2', 'Palermo']])).toEqual([
      'z:zadd:Sicily', 'z:zadd:Sicily',
    ]);
  });

  it('STORE forms: georadiusstore / geosearchstore, del for an empty result', () => {
    expect(eventsOf([SICILY], [
      ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd1'],
      ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'd1'],
      ['GEOSEARCHSTORE', 'd2', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
      ['GEORADIUS', 'Sicily', '15', '37', '1', 'm', 'STORE', 'd1'],
      ['GEOSEARCHSTORE', 'd2', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
      ['GEOSEARCHSTORE', 'd3', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
      ['SET', 'd3', 'x'],
      ['GEOSEARCHSTORE', 'd3', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
      ['GEOPOS', 'nokey', 'a'],
      ['GEORADIUS', 'nokey', '1', '1', '1', 'm'],
    ])).toEqual([
      'z:georadiusstore:d1', 'z:georadiusstore:d1', 'z:geosearchstore:d2', 'g:del:d1', 'g:del:d2', '$:set:d3', 'g:del:d3',
    ]);
  });
});
