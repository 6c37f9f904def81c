import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type CliRun, redisCli, targetNames, useTarget } from '@fakeredis/tooling/clients';

// The blocking list commands from redis-cli, a separate process, over TCP: the fake is
// served by a TcpFakeServer. Each run's output (raw, as redis-cli prints to a pipe, or
// --no-raw as on a terminal; RESP2 and -3) and exit code are the same as against a real
// redis-server, which every test also runs against.

const cliInstalled = spawnSync('redis-cli', ['--version']).status === 0;

describe.runIf(cliInstalled).each(targetNames)('redis-cli: blocking list commands (%s)', (name) => {
  const target = useTarget(name);
  const cli = async (...args: string[]): Promise<CliRun> => redisCli(['-p', String((await target.tcp()).port), ...args]);
  const ok = (stdout: string): CliRun => ({ stdout, stderr: '', code: 0 });

  it('BLPOP k 5 is served by a push from another connection', async () => {
    const pusher = target.ioredis();
    const run = cli('BLPOP', 'k', '5');
    await target.waitForBlocked(1);
    expect(await pusher.rpush('k', 'v', 'w')).toBe(2);
    expect(await run).toEqual(ok('k\nv\n'));
    expect(await pusher.lrange('k', 0, -1)).toEqual(['w']);
  });

  it('--no-raw and -3 print the served replies as on a terminal', async () => {
    const pusher = target.ioredis();
    const brpop = cli('--no-raw', '-3', 'BRPOP', 'a', 'b', '5');
    await target.waitForBlocked(1);
    await pusher.rpush('b', 'x', 'y');
    expect(await brpop).toEqual(ok('1) "b"\n2) "y"\n'));

    const blmpop = cli('--no-raw', 'BLMPOP', '5', '2', 'c', 'd', 'LEFT', 'COUNT', '3');
    await target.waitForBlocked(1);
    await pusher.rpush('d', '1', '2');
    expect(await blmpop).toEqual(ok('1) "d"\n2) 1) "1"\n   2) "2"\n'));
  });

  it('BLMOVE and BRPOPLPUSH served', async () => {
    const pusher = target.ioredis();
    const blmove = cli('BLMOVE', 's', 'd', 'RIGHT', 'LEFT', '5');
    await target.waitForBlocked(1);
    await pusher.rpush('s', '1', '2');
    expect(await blmove).toEqual(ok('2\n'));
    const brpoplpush = cli('-3', 'BRPOPLPUSH', 't', 'd', '5');
    await target.waitForBlocked(1);
    await pusher.lpush('t', 'z');
    expect(await brpoplpush).toEqual(ok('z\n'));
    expect(await pusher.lrange('d', 0, -1)).toEqual(['z', '2']);
  });

  it('a timeout prints an empty line raw, (nil) with --no-raw, in RESP2 and RESP3', async () => {
    const started = Date.now();
    expect(await cli('BLPOP', 'k', '0.2')).toEqual(ok('\n'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(await cli('-3', 'BLPOP', 'k', '0.05')).toEqual(ok('\n'));
    expect(await cli('--no-raw', 'BLPOP', 'k', '0.05')).toEqual(ok('(nil)\n'));
    expect(await cli('--no-raw', '-3', 'BLMPOP', '0.05', '1', 'k', 'RIGHT')).toEqual(ok('(nil)\n'));
    expect(await cli('--no-raw', 'BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0.05')).toEqual(ok('(nil)\n'));
    expect(await cli('BRPOPLPUSH', 'k', 'd', '0.05')).toEqual(ok('\n'));
  });

  /** The id of the client blocked in `command`, from CLIENT LIST as redis-cli prints it. */
  async function blockedId(command: string): Promise<string> {
    const list = (await cli('CLIENT', 'LIST')).stdout;
    const id = /^id=(\d+) .* flags=b .* cmd=(\S+) /m.exec(list);
    expect(id?.[2]).toBe(command);
    return id?.[1] as string;
  }

  it('CLIENT UNBLOCK from another redis-cli ends the wait: nil, or the UNBLOCKED error', async () => {
    const blpop = cli('BLPOP', 'k', '0');
    await target.waitForBlocked(1);
    expect(await cli('CLIENT', 'UNBLOCK', await blockedId('blpop'))).toEqual(ok('1\n'));
    expect(await blpop).toEqual(ok('\n'));

    const blmove = cli('--no-raw', 'BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0');
    await target.waitForBlocked(1);
    expect(await cli('CLIENT', 'UNBLOCK', await blockedId('blmove'), 'ERROR')).toEqual(ok('1\n'));
    expect(await blmove).toEqual(ok('(error) UNBLOCKED client unblocked via CLIENT UNBLOCK\n'));

    const brpop = cli('BRPOP', 'k', '0');
    await target.waitForBlocked(1);
    expect(await cli('CLIENT', 'UNBLOCK', await blockedId('brpop'), 'ERROR')).toEqual(ok('1\n'));
    expect(await brpop).toEqual(ok('UNBLOCKED client unblocked via CLIENT UNBLOCK\n\n'));
  });

  it('CLIENT KILL from another redis-cli closes the blocked one\'s connection', async () => {
    const blmpop = cli('BLMPOP', '0', '1', 'k', 'LEFT');
    await target.waitForBlocked(1);
    expect(await cli('CLIENT', 'KILL', 'ID', await blockedId('blmpop'))).toEqual(ok('1\n'));
    expect(await blmpop).toEqual({ stdout: '', stderr: 'Error: Server closed the connection\n', code: 1 });
    await target.waitForBlocked(0);
    expect(await cli('RPUSH', 'k', 'v')).toEqual(ok('1\n'));
  });
});
