import { coreMixins, type ErrorReply, FakeServer, type MapReply, NULL_ARRAY, serverProfile } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { featuresOf } from '../../src/features.js';
import { StreamCommands } from '../../src/index.js';

// The README's Versions section: what each profile answers (the behaviour itself is
// checked against reference servers in test/conformance/versions.test.ts).
describe('stream features by profile', () => {
  it('7.0 has none of the later changes; 7.2.4 restarts a re-blocked timeout, 7.4 does not', () => {
    expect(Object.values(featuresOf(serverProfile('redis', '7.0'))).filter(Boolean)).toEqual([true]); // blockInScriptIsError
    expect(featuresOf(serverProfile('redis', '7.2'))).toMatchObject({ reexecuteBlocked: true, timeoutRestartsWhenBlockedAgain: true, xreadLastEntry: false, blockInScriptIsError: true });
    expect(featuresOf(serverProfile('redis', '7.4'))).toMatchObject({ reexecuteBlocked: true, timeoutRestartsWhenBlockedAgain: false, xreadLastEntry: true, blockInScriptIsError: false });
  });

  it('Valkey has what Redis 7.4 has; 8.0 adds its group counters; 8.6 adds the delete strategies, its group counters, idempotent producers and alloc_size', () => {
    const redis74 = featuresOf(serverProfile('redis', '7.4'));
    expect(featuresOf(serverProfile('redis', '8.0'))).toEqual({ ...redis74, groupCounters8: true });
    expect(featuresOf(serverProfile('redis', '8.6'))).toEqual({ ...redis74, xaddRefOptions: true, xtrimRefOptions: true, groupCounters8: true, idmp: true, allocSize: true });
    expect(featuresOf(serverProfile('valkey', '8.0'))).toEqual(redis74);
    expect(featuresOf(serverProfile('valkey', '9.1'))).toEqual(redis74);
  });

  it('Redis 7.2: NOACK and history reads leave a consumer inactive (-1); a read that makes it pending does not', () => {
    const server = new FakeServer({ mixins: [...coreMixins, StreamCommands], profile: serverProfile('redis', '7.2') });
    try {
      server.clock.freeze();
      server.call('XADD', 's', '1-1', 'f', 'v');
      server.call('XADD', 's', '2-1', 'f', 'v');
      server.call('XGROUP', 'CREATE', 's', 'g', '0');
      server.call('XREADGROUP', 'GROUP', 'g', 'n', 'COUNT', '1', 'NOACK', 'STREAMS', 's', '>');
      server.call('XREADGROUP', 'GROUP', 'g', 'h', 'STREAMS', 's', '0');
      server.call('XREADGROUP', 'GROUP', 'g', 'r', 'STREAMS', 's', '>');
      server.clock.advance(5);
      const inactive = (server.call('XINFO', 'CONSUMERS', 's', 'g') as MapReply[]).map((m) => Object.fromEntries(m.entries)['inactive']);
      expect(inactive).toEqual([-1, -1, 5]);
    } finally {
      server.close();
    }
  });

  it('Redis 8.6 has XDELEX, XACKDEL and XADD KEEPREF; Redis 8.0 (metadata without them) does not', () => {
    const server = new FakeServer({ mixins: [...coreMixins, StreamCommands], profile: serverProfile('redis', '8.6') });
    const older = new FakeServer({ mixins: [...coreMixins, StreamCommands], profile: serverProfile('redis', '8.0') });
    try {
      expect(server.call('XDELEX', 's', 'IDS', '1', '1-1')).toEqual([-1]);
      expect(server.call('XACKDEL', 's', 'g', 'IDS', '1', '1-1')).toEqual([-1]);
      expect(server.call('XADD', 's', 'KEEPREF', '1-1', 'f', 'v')).toBe('1-1');
      expect((older.call('XDELEX', 's', 'IDS', '1', '1-1') as ErrorReply).message).toMatch(/^ERR unknown command 'XDELEX'/);
      expect((older.call('XACKDEL', 's', 'g', 'IDS', '1', '1-1') as ErrorReply).message).toMatch(/^ERR unknown command 'XACKDEL'/);
      expect((older.call('XADD', 's', 'KEEPREF', '*', 'f', 'v') as ErrorReply).message).toBe('ERR Invalid stream ID specified as stream command argument');
      expect(older.call('XREAD', 'STREAMS', 's', '+')).toBe(NULL_ARRAY);
    } finally {
      older.close();
      server.close();
    }
  });
});
