import { rmSync } from 'node:fs';
import { redisServerAvailable, startRealServer, type RealServer } from '@fakeredis/tooling/conformance';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countReplies, FakeTcp, open, type RawConnection, readServerLog, sleep, waitFor } from './tcp-pair.js';

// Client buffers and limits over TCP against redis-server 7.0.15: CLIENT LIST's buffer
// figures as Redis's reads, trims and clientsCron leave them, INFO's recent maxima, the
// idle timeout and maxmemory-clients eviction. Both servers run their cron 10 times a
// second; steps wait long enough for both to have run it.

const available = redisServerAvailable();
const LOG_FILE = `/tmp/fakeredis-client-limits-${process.pid}.log`;

/** One connection to each server, driven in step. */
interface Twin {
  real: RawConnection;
  fake: RawConnection;
}

/** CLIENT LIST / INFO text without what differs between two servers' connections. */
function normalize(text: string): string {
  return text
    .replace(/id=\d+ addr=\S+ laddr=\S+ fd=\d+ name=(\S*) age=\d+ idle=\d+/g, 'name=$1')
    .replace(/^\$\d+\r\n/, '');
}

/**
 * The reply buffer's size and peak masked, tot-mem less the buffer kept: whether a cron
 * run shrank a new client's buffer before it closed depends on the machine's load.
 */
function withoutReplyBuffer(line: string): string {
  const rbs = Number(/ rbs=(\d+) /.exec(line)?.[1] ?? 0);
  return line.replace(/ rbs=\d+ rbp=\d+ /, ' rbs=* rbp=* ').replace(/ tot-mem=(\d+) /, (_m, total: string) => ` tot-mem-less-rbs=${Number(total) - rbs} `);
}

// Both servers run their crons on their own timers: steps that need a cron run first wait
// for it (`wait`); every step then waits for the replies themselves, which a loaded machine
// can deliver long after that.
describe.skipIf(!available)('client limits against redis-server', () => {
  let real: RealServer;
  const fake = new FakeTcp();
  const twins: Twin[] = [];

  const twin = async (): Promise<Twin> => {
    const t = { real: await open(real.port), fake: await open(fake.port) };
    twins.push(t);
    return t;
  };
  interface SendOptions {
    /** Replies each side must have received (a closed connection has all it gets). */
    replies?: number;
    /** Time the servers' crons need before the replies are waited for. */
    wait?: number;
    /** A further condition to wait for (a connection closed by the server). */
    until?: () => boolean;
  }
  /** Sends the same bytes on both, waits as told, and returns what each got back. */
  const send = async (t: Twin, data: string | Buffer, { replies = 1, wait = 0, until = () => true }: SendOptions = {}): Promise<[string, string]> => {
    t.real.write(data);
    t.fake.write(data);
    await sleep(wait);
    const answered = (c: RawConnection) => c.closed || countReplies(c.peek()) >= replies;
    await waitFor(() => answered(t.real) && answered(t.fake) && until());
    return [t.real.take(), t.fake.take()];
  };
  const expectSame = async (t: Twin, data: string | Buffer, options?: SendOptions) => {
    const [r, f] = await send(t, data, options);
    expect(normalize(f)).toBe(normalize(r));
    return r;
  };
  /** Both sides closed by their server. */
  const closed = (t: Twin) => () => t.real.closed && t.fake.closed;
  const closeAll = () => {
    for (const t of twins.splice(0)) {
      t.real.end();
      t.fake.end();
    }
  };

  beforeAll(async () => {
    real = await startRealServer(['--logfile', LOG_FILE, '--loglevel', 'verbose']);
    await fake.start();
  });
  afterEach(closeAll);
  afterAll(async () => {
    fake.stop();
    await real?.stop();
    rmSync(LOG_FILE, { force: true });
  });

  it('reports qbuf, qbuf-free, argv-mem, rbs, rbp and tot-mem as Redis buffers them', { timeout: 30_000 }, async () => {
    const a = await twin();
    const b = await twin();
    // The cron resets a new client's reply-buffer peak, then shrinks the buffer to 1 KiB.
    await sleep(600);
    await expectSame(a, 'CLIENT LIST\r\n');
    // A request in progress: its arguments so far, and a buffer sized for the big argument.
    // The header goes first, alone: how Redis sizes the buffer depends on how much of the
    // argument a read brings with the header, which an idle machine's loopback splits
    // differently from a loaded one's.
    b.real.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\n');
    b.fake.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\n');
    await sleep(200);
    b.real.write('x'.repeat(50_000));
    b.fake.write('x'.repeat(50_000));
    await sleep(600);
    const list = await expectSame(a, 'CLIENT LIST\r\n');
    expect(list).toMatch(/qbuf=50000 qbuf-free=64678 argv-mem=4 /);
    const info = await expectSame(a, 'INFO clients\r\n');
    expect(info).toMatch(/client_recent_max_input_buffer:114724\r\n/);
    // Commands pipelined in one read share the buffer: qbuf counts the whole read.
    await expectSame(a, 'PING\r\nCLIENT INFO\r\n', { replies: 2 });
    // A reply that fills the 1 KiB reply buffer: the cron doubles it.
    await expectSame(a, `ECHO ${'e'.repeat(2000)}\r\n`, { wait: 300 });
    expect(await expectSame(a, 'CLIENT INFO\r\n')).toMatch(/ rbs=2048 rbp=1024 /);
    // Idle for over 2 s: the cron gives back the query buffers' free space; past the 5 s
    // peak reset, the reply buffer shrinks again.
    await sleep(4000);
    await expectSame(a, 'CLIENT LIST\r\n');
  });

  it('logs accepted connections and clients that closed theirs, at verbose level', async () => {
    const t = await twin();
    await expectSame(t, 'PING\r\n');
    const ports = [t.real.localPort, t.fake.localPort];
    t.real.end();
    t.fake.end();
    const lines = (log: string[], port: number) => {
      const accepted = log.filter((line) => line === `Accepted 127.0.0.1:${port}`);
      const closed = log.filter((line) => line.startsWith('Client closed connection ') && line.includes(`addr=127.0.0.1:${port} `));
      return [...accepted, ...closed.map((line) => withoutReplyBuffer(normalize(line.slice('Client closed connection '.length))))];
    };
    // Each server logs the close when it reads it.
    await waitFor(() => lines(readServerLog(LOG_FILE), ports[0] as number).length === 2 && lines(fake.log, ports[1] as number).length === 2);
    const realLines = lines(readServerLog(LOG_FILE), ports[0] as number);
    expect(realLines).toHaveLength(2);
    expect(lines(fake.log, ports[1] as number)).toEqual([`Accepted 127.0.0.1:${ports[1]}`, realLines[1]]);
  });

  it('closes clients idle past timeout, except blocked and subscribed ones', async () => {
    const admin = await twin();
    await expectSame(admin, 'CONFIG SET timeout 1\r\n');
    const idle = await twin();
    const blocked = await twin();
    const subscribed = await twin();
    await expectSame(idle, 'PING\r\n');
    await expectSame(blocked, 'BLPOP nolist 0\r\n', { replies: 0 });
    await expectSame(subscribed, 'SUBSCRIBE ch\r\n');
    const admin2 = await twin();
    // Pings keep admin2 busy past the timeout (cron runs on both servers), and until both
    // idle clients are closed.
    const idleClosed = () => closed(idle)() && closed(admin)();
    for (let i = 0; i < 6 || (i < 20 && !idleClosed()); i++) await expectSame(admin2, 'PING\r\n', { wait: 500 });
    expect(idle.real.closed).toBe(true);
    expect(idle.fake.closed).toBe(true);
    expect(admin.real.closed).toBe(true);
    expect(admin.fake.closed).toBe(true);
    for (const t of [blocked, subscribed]) {
      expect(t.real.closed).toBe(false);
      expect(t.fake.closed).toBe(false);
    }
    await expectSame(admin2, 'CONFIG SET timeout 0\r\n');
    const count = (lines: string[]) => lines.filter((line) => line === 'Closing idle client').length;
    expect(count(fake.log)).toBe(count(readServerLog(LOG_FILE)));
    expect(count(fake.log)).toBe(2);
  }, 30_000);

  it('evicts the biggest clients past maxmemory-clients, never a NO-EVICT one', async () => {
    const admin = await twin();
    await expectSame(admin, 'CLIENT NO-EVICT on\r\n');
    await expectSame(admin, 'CONFIG SET maxmemory-clients 1\r\n');
    const small = await twin();
    const big = await twin();
    const exempt = await twin();
    await expectSame(exempt, 'CLIENT NO-EVICT on\r\n');
    await sleep(300);
    // Past the 128 KiB floor of the limit: the biggest evictable client goes first.
    await send(big, `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$300000\r\n${'x'.repeat(150_000)}`, { replies: 0, wait: 300, until: closed(big) });
    expect(big.real.closed).toBe(true);
    expect(big.fake.closed).toBe(true);
    expect(small.fake.closed).toBe(small.real.closed);
    // A NO-EVICT client past the limit by itself: the others are evicted, it stays.
    await send(exempt, `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$300000\r\n${'x'.repeat(200_000)}`, { replies: 0, wait: 300, until: closed(small) });
    for (const t of [small, exempt, admin]) expect([t.fake.closed, t.real.closed]).toEqual([t.real.closed, t.real.closed]);
    expect(small.real.closed).toBe(true);
    expect(exempt.real.closed).toBe(false);
    // (A new connection could be evicted before its first command, once the cron has seen it.)
    await expectSame(admin, 'CONFIG SET maxmemory-clients 0\r\n');
    const [realStats, fakeStats] = await send(admin, 'INFO stats\r\n');
    expect(/evicted_clients:\d+/.exec(fakeStats)?.[0]).toBe(/evicted_clients:\d+/.exec(realStats)?.[0]);
    expect(realStats).toMatch(/evicted_clients:2\r\n/);
    const evictions = (lines: string[]) =>
      lines.filter((line) => line.startsWith('Evicting client: ')).map((line) => normalize(line).replace(/ qbuf=\d+ qbuf-free=\d+ (.*) tot-mem=\d+/, ' $1'));
    expect(evictions(fake.log)).toEqual(evictions(readServerLog(LOG_FILE)));
  }, 30_000);
});
