import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { describe, expect, it } from 'vitest';
import { ListCommands } from '../../src/index.js';

function enc(...args: string[]): string {
  return `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).join('');
}
function mk(server: FakeServer) {
  let out = '';
  let closed = false;
  const client = server.createClient({ write: (s) => { out += s; }, close: () => { closed = true; }, remoteAddress: '1:1', localAddress: '1:2' });
  return {
    client,
    send: (...a: string[]) => client.feed(enc(...a)),
    raw: (s: string) => client.feed(s),
    take: () => { const o = out; out = ''; return o; },
    get closed() { return closed; },
  };
}
const newServer = () => new FakeServer({ mixins: [...coreMixins, ListCommands, StringCommands] });
const stat = (s: FakeServer, section: string, pat: RegExp) => { const c = mk(s); c.send('INFO', section); return c.take().split('\r\n').filter((l) => pat.test(l)); };

describe('review', () => {
  it('stats', () => {
    const s = newServer();
    const a = mk(s); const x = mk(s);
    s.call('CONFIG', 'RESETSTAT');
    a.send('BLPOP', 'l', '0'); x.send('CLIENT', 'UNBLOCK', String(a.client.id)); a.take();
    a.send('BLPOP', 'l', '0'); x.send('CLIENT', 'UNBLOCK', String(a.client.id), 'ERROR'); console.log(JSON.stringify(a.take()));
    x.send('SET', 's', 'str'); a.send('BLMOVE', 'src', 's', 'LEFT', 'LEFT', '0'); x.send('RPUSH', 'src', 'v'); console.log(JSON.stringify(a.take()));
    console.log(stat(s, 'commandstats', /blpop|blmove|unblock/).join('\n'));
    console.log(stat(s, 'errorstats', /./).join('\n'));
    s.close();
  });
  it('timeout heap growth + timer after served', () => {
    const s = newServer();
    const a = mk(s); const b = mk(s); const x = mk(s);
    a.send('BLPOP', 'la', '3600');
    for (let i = 0; i < 1000; i++) { b.send('BLPOP', 'lb', '7200'); x.send('RPUSH', 'lb', 'v'); }
    console.log('heap size', (s.blocking as any).timeouts.length, 'clientsWithTimeout', s.blocking.clientsWithTimeout);
    x.send('CLIENT', 'UNBLOCK', String(a.client.id));
    console.log('heap after unblock', (s.blocking as any).timeouts.length, 'timer armed', (s.blocking as any).timer !== undefined, 'blocked', s.blocking.blockedClients);
    s.close();
  });
  it('pipeline: QUIT behind BLPOP; CLIENT UNBLOCK mid pipeline', () => {
    const s = newServer();
    const a = mk(s); const x = mk(s);
    a.raw(enc('BLPOP', 'l', '0') + enc('QUIT'));
    x.send('RPUSH', 'l', 'v');
    console.log('quit:', JSON.stringify(a.take()), a.closed);
    const c = mk(s);
    c.raw(enc('BLPOP', 'l', '0') + enc('RPUSH', 'mine', 'x') + enc('BLPOP', 'l2', '0') + enc('RPUSH', 'mine', 'y'));
    x.send('CLIENT', 'UNBLOCK', String(c.client.id)); console.log('after unblock1', JSON.stringify(c.take()), JSON.stringify(x.take()));
    x.send('CLIENT', 'UNBLOCK', String(c.client.id), 'ERROR'); console.log('after unblock2', JSON.stringify(c.take()), JSON.stringify(x.take()));
    s.close();
  });
});
describe('review2', () => {
  it('direct API blocking', () => {
    const s = newServer();
    console.log('call1', s.call('BLPOP', 'l', '0'), 'blocked', s.blocking.blockedClients);
    console.log('call2', s.call('BLPOP', 'm', '0'), 'blocked', s.blocking.blockedClients);
    console.log('call3', s.call('RPUSH', 'l', 'x'), 'blocked', s.blocking.blockedClients, 'llen', s.call('LLEN', 'l'));
    console.log('queues', [...s.db(0).blockingKeys.entries()].map(([k, v]) => [k, v.size]));
    s.close();
  });
  it('client kill', () => {
    const s = newServer();
    const a = mk(s); const x = mk(s);
    a.send('BLPOP', 'l', '0');
    x.send('CLIENT', 'KILL', 'ID', String(a.client.id)); x.send('RPUSH', 'l', 'x'); x.send('LLEN', 'l');
    console.log(JSON.stringify(x.take()), s.blocking.blockedClients, s.db(0).blockingKeys.size);
    s.close();
  });
  it('serve cost', () => {
    const s = newServer();
    const x = mk(s);
    const n = 20000;
    for (let i = 0; i < n; i++) mk(s).send('BLPOP', 'l', '0');
    const t = performance.now();
    for (let i = 0; i < n; i++) x.send('RPUSH', 'l', 'v');
    console.log('drain', n, 'waiters one push each:', Math.round(performance.now() - t), 'ms');
    s.close();
  });
});
