import { describe, expect, it } from 'vitest';
import { targetNames, useTarget } from '@fakeredis/tooling/clients';

// MONITOR through the clients' own monitor APIs: ioredis's monitor() (a dedicated
// connection emitting 'monitor' with time, args, source and database) and node-redis's
// monitor(callback) (each line as a string). Every test runs against the fake and a real
// redis-server; the lines agree but for the time and the client's port.

/** A monitor line with its time and port masked. */
const mask = (line: string) => line.replace(/^\d+\.\d{6} \[(\d+) 127\.0\.0\.1:\d+\]/, '<time> [$1 <peer>]');

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each(targetNames)('MONITOR through real clients (%s)', (name) => {
  const target = useTarget(name);

  it.each([2, 3] as const)('ioredis monitor() (RESP%i)', async (protocol) => {
    const client = target.ioredis({ protocol });
    const monitor = await client.monitor();
    const seen: Array<[string, string[], string, string]> = [];
    monitor.on('monitor', (time: string, args: string[], source: string, database: string) => {
      expect(time).toMatch(/^\d+\.\d{6}$/);
      seen.push([time, args, source.replace(/:\d+$/, ':<port>'), database]);
    });
    await client.set('k', 'v "quoted"');
    await client.select(2);
    await client.get('k');
    await client.config('GET', 'maxmemory');
    await until(() => seen.length === 3);
    expect(seen.map(([, args, source, db]) => [args, source, db])).toEqual([
      [['set', 'k', 'v "quoted"'], '127.0.0.1:<port>', '0'],
      [['select', '2'], '127.0.0.1:<port>', '2'],
      [['get', 'k'], '127.0.0.1:<port>', '2'],
    ]);
    monitor.disconnect();
  });

  it.each([2, 3] as const)('node-redis monitor(callback) (RESP%i)', async (RESP) => {
    const client = target.nodeRedis({ RESP });
    await client.connect();
    const watcher = client.duplicate();
    await watcher.connect();
    const lines: string[] = [];
    await watcher.monitor((line: string) => lines.push(mask(line)));
    await client.set('k', 'a\nb');
    await client.sendCommand(['AUTH', 'default', 'secret']);
    await client.multi().incr('n').get('n').exec();
    await until(() => lines.length === 6);
    expect(lines).toEqual([
      '<time> [0 <peer>] "SET" "k" "a\\nb"',
      '<time> [0 <peer>] "AUTH" "(redacted)" "(redacted)"',
      '<time> [0 <peer>] "MULTI"',
      '<time> [0 <peer>] "INCR" "n"',
      '<time> [0 <peer>] "GET" "n"',
      '<time> [0 <peer>] "EXEC"',
    ]);
    watcher.destroy();
  });
});
