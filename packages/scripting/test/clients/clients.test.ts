import { compose } from '@fakeredis/composer';
import { coreMixins } from '@fakeredis/core';
import { HashCommands } from '@fakeredis/hashes';
import { StringCommands } from '@fakeredis/strings';
import type Redis from 'ioredis';
import { defineScript } from 'redis';
import { describe, expect, it } from 'vitest';
import { ScriptingCommands } from '../../src/index.js';
import { targetNames, useClientTarget } from './target.js';

// Real clients' script helpers against the fake and, for reference, a real redis-server:
// ioredis's defineCommand (EVALSHA, then EVAL on NOSCRIPT) and evalsha, node-redis's
// defineScript / scripts option, in RESP2 and RESP3.

const Server = compose({ serverType: 'redis', version: '7.0', mixins: [...coreMixins, StringCommands, HashCommands, ScriptingCommands] });

const INCRBY = 'return redis.call("INCRBY", KEYS[1], ARGV[1])';

describe.each(targetNames)('script helpers of real clients (%s)', (name) => {
  const target = useClientTarget(name, Server, (admin) => admin.script('FLUSH'));
  const ioredis = (protocol: 2 | 3) => target.ioredis(protocol);
  const nodeRedis = <O extends object>(RESP: 2 | 3, extra: O) => target.nodeRedis({ RESP, ...extra });

  describe.each([2, 3] as const)('RESP%i', (protocol) => {
    it('ioredis defineCommand: EVALSHA, EVAL on NOSCRIPT, pipelines, errors, binary replies', async () => {
      const redis = ioredis(protocol) as Redis & { incrby2(key: string, by: number): Promise<number>; hgetall2Buffer(key: string): Promise<Buffer[]>; fail(): Promise<unknown> };
      redis.defineCommand('incrby2', { numberOfKeys: 1, lua: INCRBY });
      redis.defineCommand('hgetall2', { numberOfKeys: 1, lua: 'return redis.call("HGETALL", KEYS[1])' });
      redis.defineCommand('fail', { numberOfKeys: 0, lua: 'return redis.call("INCR", "h")' });
      expect(await redis.incrby2('n', 5)).toBe(5);
      expect(await redis.incrby2('n', 2)).toBe(7);
      await redis.script('FLUSH');
      expect(await redis.incrby2('n', 1)).toBe(8);
      const replies = await (redis.pipeline() as unknown as { incrby2(k: string, n: number): { exec(): Promise<Array<[Error | null, unknown]>> } }).incrby2('n', 10).exec();
      expect(replies).toEqual([[null, 18]]);
      await redis.hset('h', 'f', Buffer.from([0, 255]));
      expect(await redis.hgetall2Buffer('h')).toEqual([Buffer.from('f'), Buffer.from([0, 255])]);
      await expect(redis.fail()).rejects.toThrow(/WRONGTYPE Operation against a key holding the wrong kind of value script: \w{40}, on @user_script:1\./);
    });

    it('ioredis eval, evalsha, script load and exists', async () => {
      const redis = ioredis(protocol);
      const sha = (await redis.script('LOAD', INCRBY)) as string;
      expect(await redis.script('EXISTS', sha, 'nosuch')).toEqual([1, 0]);
      expect(await redis.evalsha(sha, 1, 'k', 3)).toBe(3);
      await expect(redis.evalsha('ffffffffffffffffffffffffffffffffffffffff', 0)).rejects.toThrow('NOSCRIPT No matching script. Please use EVAL.');
      expect(await redis.eval('return {1, "two", {3}}', 0)).toEqual([1, 'two', [3]]);
      expect(await redis.eval('return redis.status_reply("FINE")', 0)).toBe('FINE');
      expect(await redis.eval('return {double = 1.5}', 0)).toBe('1.5') // ioredis reads a RESP3 double as text;
      expect(await redis.eval_ro('return redis.call("GET", KEYS[1])', 1, 'k')).toBe('3');
    });

    it('node-redis defineScript through the scripts option', async () => {
      const client = await nodeRedis(protocol, {
        scripts: {
          incrBy2: defineScript({
            SCRIPT: INCRBY,
            NUMBER_OF_KEYS: 1,
            parseCommand(parser: { pushKey(k: string): void; push(...a: string[]): void }, key: string, by: number) {
              parser.pushKey(key);
              parser.push(by.toString());
            },
            transformReply: undefined as unknown as () => number,
          }),
        },
      });
      const scripted = client as unknown as { incrBy2(key: string, by: number): Promise<number> };
      expect(await scripted.incrBy2('n', 4)).toBe(4);
      expect(await scripted.incrBy2('n', 4)).toBe(8);
      await client.scriptFlush();
      expect(await scripted.incrBy2('n', 1)).toBe(9);
      expect(await client.eval('return ARGV[1]', { keys: [], arguments: ['x'] })).toBe('x');
      expect(await client.evalSha(await client.scriptLoad('return 42'))).toBe(42);
      await expect(client.eval('return redis.call("nosuch")')).rejects.toThrow(/Unknown Redis command called from script/);
    });
  });
});
