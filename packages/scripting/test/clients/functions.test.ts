import { compose } from '@fakeredis/composer';
import { coreMixins } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type RealServer, startRealServer } from '@fakeredis/tooling/conformance';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionCommands, ScriptingCommands } from '../../src/index.js';
import { type NodeClient, targetNames, useClientTarget } from './target.js';

// Functions through real clients (node-redis 6's functions option and FUNCTION
// commands, ioredis's call), against the fake and, for reference, a real redis-server,
// in RESP2 and RESP3; and FUNCTION DUMP payloads moving between the fake and
// redis-server in both directions.

const Server = compose({ serverType: 'redis', version: '7.0', mixins: [...coreMixins, StringCommands, ScriptingCommands, FunctionCommands] });

const LIBRARY = `#!lua name=counters
redis.register_function('incr_by', function(keys, args) return redis.call('INCRBY', keys[1], args[1]) end)
redis.register_function{function_name='get_count', callback=function(keys) return redis.call('GET', keys[1]) end, flags={'no-writes'}, description='reads a counter'}`;

const available = targetNames.includes('redis-server');

describe.each(targetNames)('functions through real clients (%s)', (name) => {
  const target = useClientTarget(name, Server, (admin) => admin.call('FUNCTION', 'FLUSH'));

  const nodeRedis = async (RESP: 2 | 3): Promise<NodeClient> => {
    const options = {
      RESP,
      functions: {
        counters: {
          incr_by: {
            NUMBER_OF_KEYS: 1,
            parseCommand(parser: { pushKey(k: string): void; push(...a: string[]): void }, key: string, by: number) {
              parser.pushKey(key);
              parser.push(by.toString());
            },
            transformReply: undefined as unknown as () => number,
          },
          get_count: {
            NUMBER_OF_KEYS: 1,
            IS_READ_ONLY: true,
            parseCommand(parser: { pushKey(k: string): void }, key: string) {
              parser.pushKey(key);
            },
            transformReply: undefined as unknown as () => string,
          },
        },
      },
    } as never;
    return target.nodeRedis(options);
  };

  describe.each([2, 3] as const)('RESP%i', (protocol) => {
    it('node-redis: functionLoad, the functions option (FCALL / FCALL_RO), functionList, functionStats', async () => {
      const client = await nodeRedis(protocol);
      expect(await client.functionLoad(LIBRARY)).toBe('counters');
      await expect(client.functionLoad(LIBRARY)).rejects.toThrow("Library 'counters' already exists");
      expect(await client.functionLoad(LIBRARY, { REPLACE: true })).toBe('counters');
      const fns = client as unknown as { counters: { incr_by(key: string, by: number): Promise<number>; get_count(key: string): Promise<string> } };
      expect(await fns.counters.incr_by('n', 5)).toBe(5);
      expect(await fns.counters.incr_by('n', 2)).toBe(7);
      expect(await fns.counters.get_count('n')).toBe('7');
      expect(await client.fCall('incr_by', { keys: ['n'], arguments: ['1'] })).toBe(8);
      expect(await client.fCallRo('get_count', { keys: ['n'] })).toBe('8');
      await expect(client.fCallRo('incr_by', { keys: ['n'], arguments: ['1'] })).rejects.toThrow('Can not execute a script with write flag using *_ro command.');
      await expect(client.fCall('nosuch', { keys: [] })).rejects.toThrow('Function not found');
      const list = (await client.functionList()) as unknown as Array<Record<string, unknown>>;
      expect(list).toHaveLength(1);
      expect(list[0]?.library_name).toBe('counters');
      const functions = (list[0]?.functions as Array<{ name: string; description: string | null; flags: unknown }>).map((f) => f.name).sort();
      expect(functions).toEqual(['get_count', 'incr_by']);
      const stats = (await client.functionStats()) as unknown as { running_script: unknown; engines: Record<string, unknown> };
      expect(stats.running_script).toBeNull();
      expect(JSON.parse(JSON.stringify(stats.engines))).toEqual({ LUA: { libraries_count: 1, functions_count: 2 } });
      expect(await client.functionDelete('counters')).toBe('OK');
      expect(await client.functionList()).toEqual([]);
    });

    it('ioredis: FUNCTION LOAD, FCALL, FUNCTION DUMP and RESTORE (binary payload)', async () => {
      const redis = target.ioredis(protocol);
      expect(await redis.call('FUNCTION', 'LOAD', LIBRARY)).toBe('counters');
      expect(await redis.call('FCALL', 'incr_by', '1', 'k', '3')).toBe(3);
      const dump = (await redis.callBuffer('FUNCTION', 'DUMP')) as Buffer;
      expect(await redis.call('FUNCTION', 'FLUSH')).toBe('OK');
      expect(await redis.call('FUNCTION', 'RESTORE', dump)).toBe('OK');
      expect(await redis.call('FCALL_RO', 'get_count', '1', 'k')).toBe('3');
      await expect(redis.call('FUNCTION', 'RESTORE', dump)).rejects.toThrow('ERR Library counters already exists');
    });
  });
});

describe.skipIf(!available)('FUNCTION DUMP payloads between the fake and redis-server', () => {
  let real: RealServer;
  let client: Redis;
  beforeAll(async () => {
    real = await startRealServer();
    client = new Redis({ port: real.port });
  });
  afterAll(async () => {
    client.disconnect();
    await real.stop();
  });

  /** Libraries of several sizes: short (stored as is), long and repetitive (LZF). */
  const libraries = [
    "#!lua name=short\nredis.register_function('s', function() return 's' end)",
    `#!lua name=long\n${Array.from({ length: 30 }, (_, i) => `redis.register_function('l${i}', function(keys, args) return redis.call('GET', keys[1]) or '${i}' end)`).join('\n')}`,
    `#!lua name=padded\n${'-- '.padEnd(2000, 'x')}\nredis.register_function('p', function() return 'p' end)`,
  ];

  it('a payload dumped by the fake restores on redis-server, and the reverse', async () => {
    for (const code of libraries) {
      const fake = new Server();
      try {
        await client.call('FUNCTION', 'FLUSH');
        fake.call('FUNCTION', 'LOAD', code);
        await client.call('FUNCTION', 'LOAD', code);
        const fromFake = Buffer.from(fake.call('FUNCTION', 'DUMP') as string, 'latin1');
        const fromReal = (await client.callBuffer('FUNCTION', 'DUMP')) as Buffer;
        // One library: the same bytes.
        expect(fromFake.toString('hex')).toBe(fromReal.toString('hex'));
        // Fake -> redis-server.
        expect(await client.call('FUNCTION', 'RESTORE', fromFake, 'FLUSH')).toBe('OK');
        expect(await client.call('FUNCTION', 'LIST', 'WITHCODE')).toEqual([['library_name', code.slice(11, code.indexOf('\n')), 'engine', 'LUA', 'functions', expect.anything(), 'library_code', code]]);
        // redis-server -> fake.
        fake.call('FUNCTION', 'FLUSH');
        expect(fake.call('FUNCTION', 'RESTORE', fromReal)).toEqual({ value: 'OK' });
        const name = /register_function\('(\w+)'/.exec(code)?.[1] as string;
        expect(fake.call('FCALL', name, 1, 'nokey')).toBe(await client.call('FCALL', name, '1', 'nokey'));
      } finally {
        fake.close();
      }
    }
  });

  it('several libraries at once, both ways', async () => {
    const fake = new Server();
    try {
      await client.call('FUNCTION', 'FLUSH');
      for (const code of libraries) fake.call('FUNCTION', 'LOAD', code);
      const fromFake = Buffer.from(fake.call('FUNCTION', 'DUMP') as string, 'latin1');
      expect(await client.call('FUNCTION', 'RESTORE', fromFake)).toBe('OK');
      const fromReal = (await client.callBuffer('FUNCTION', 'DUMP')) as Buffer;
      const other = new Server();
      try {
        expect(other.call('FUNCTION', 'RESTORE', fromReal)).toEqual({ value: 'OK' });
        expect(other.call('FCALL', 'l29', 1, 'nokey')).toBe('29');
        expect(other.call('FCALL', 'p', 0)).toBe('p');
      } finally {
        other.close();
      }
    } finally {
      fake.close();
    }
  });
});
