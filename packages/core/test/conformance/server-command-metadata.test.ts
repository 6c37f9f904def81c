import {
  connectFake, connectReal, redisServerAvailable, type RealServer, showWire, startRealServer, type Wire, type WireConnection,
} from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMixins, FakeServer, type Mixin, overrideCommands } from '../../src/index.js';
import { EveryCommandFixture as everyCommand, serverMixins } from '../server/fixtures.js';

/**
 * COMMAND INFO and COMMAND DOCS of every command the fake installs (core mixins and the
 * string family), compared with a real redis-server in RESP2 and RESP3. Redis lists a
 * container's subcommands in hash-table order and all of them; the comparison keeps the
 * installed ones and sorts them by name, and is exact otherwise.
 */
const mixins = serverMixins;

const installedNames = (m: readonly Mixin[]) =>
  new Set([...new FakeServer({ mixins: m }).commands.all()].map((e) => e.fullName));
let installed = installedNames(mixins);

const bulkText = (w: Wire | undefined) => (w && (w.t === 'bulk' || w.t === 'simple') ? w.v : '');

/** Keeps the installed subcommands of a COMMAND INFO entry, sorted. */
function normalizeInfo(entry: Wire): Wire {
  if (entry.t !== 'array' || entry.v.length !== 10) return entry;
  const subs = entry.v[9] as Wire;
  if (subs.t !== 'array') return entry;
  const kept = subs.v
    .filter((s) => s.t === 'array' && installed.has(bulkText(s.v[0])))
    .map(normalizeInfo)
    .sort((a, b) => (bulkText((a as { v: Wire[] }).v[0]) < bulkText((b as { v: Wire[] }).v[0]) ? -1 : 1));
  return { t: 'array', v: [...entry.v.slice(0, 9), { t: 'array', v: kept }] };
}

/** Pairs of a RESP3 map or a RESP2 flattened map. */
function pairs(w: Wire): Array<[Wire, Wire]> | undefined {
  if (w.t === 'map') return w.v;
  if (w.t === 'array' && w.v.length % 2 === 0) {
    const out: Array<[Wire, Wire]> = [];
    for (let i = 0; i < w.v.length; i += 2) out.push([w.v[i] as Wire, w.v[i + 1] as Wire]);
    return out;
  }
  return undefined;
}

function rebuild(like: Wire, entries: Array<[Wire, Wire]>): Wire {
  return like.t === 'map' ? { t: 'map', v: entries } : { t: 'array', v: entries.flat() };
}

/** Keeps the installed subcommands of a COMMAND DOCS map, sorted. */
function normalizeDocs(docs: Wire): Wire {
  const entries = pairs(docs);
  if (!entries) return docs;
  return rebuild(
    docs,
    entries.map(([k, v]) => {
      if (bulkText(k) !== 'subcommands') return [k, v];
      const subs = (pairs(v) ?? [])
        .filter(([name]) => installed.has(bulkText(name)))
        .map(([name, d]): [Wire, Wire] => [name, normalizeDocs(d)])
        .sort(([a], [b]) => (bulkText(a) < bulkText(b) ? -1 : 1));
      return [k, rebuild(v, subs)];
    }),
  );
}

function normalizeDocsReply(reply: Wire): Wire {
  const entries = pairs(reply);
  if (!entries) return reply;
  return rebuild(reply, entries.map(([name, docs]) => [name, normalizeDocs(docs)]));
}

const suites = [
  { title: 'every installed command', mixins, names: [...installedNames(mixins)].sort(), complete: false },
  {
    title: 'every Redis 7.0 command (rendering of the whole metadata)',
    mixins: overrideCommands([everyCommand], ...coreMixins),
    names: [...installedNames([everyCommand])].sort(),
    complete: true,
  },
];

for (const suite of suites) describe.skipIf(!redisServerAvailable())(`COMMAND INFO and DOCS of ${suite.title} (conformance vs redis-server)`, () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  for (const protocol of [2, 3] as const) {
    describe(`RESP${protocol}`, () => {
      let realConn: WireConnection;
      let fakeConn: WireConnection;
      const closers: Array<() => void> = [];
      let fake: FakeServer;
      beforeAll(async () => {
        installed = installedNames(suite.mixins);
        fake = new FakeServer({ mixins: suite.mixins });
        const r = await connectReal(real.port);
        const f = connectFake(fake);
        closers.push(r.close, f.close);
        realConn = r.conn;
        fakeConn = f.conn;
        if (protocol === 3) await Promise.all([realConn.send(['HELLO', '3']), fakeConn.send(['HELLO', '3'])]);
      });
      afterAll(() => {
        for (const close of closers) close();
        fake?.close();
      });

      it.runIf(suite.complete)('COMMAND, COMMAND INFO and COMMAND DOCS of the whole table', async () => {
        const byName = (a: Wire, b: Wire) => {
          const name = (w: Wire) => (w.t === 'array' ? bulkText(w.v[0]) : '');
          return name(a) < name(b) ? -1 : 1;
        };
        const infos = (w: Wire): Wire => (w.t === 'array' ? { t: 'array', v: w.v.map(normalizeInfo).sort(byName) } : w);
        const docs = (w: Wire): Wire => {
          const entries = pairs(w);
          if (!entries) return w;
          return rebuild(w, entries.map(([n, d]): [Wire, Wire] => [n, normalizeDocs(d)]).sort(([a], [b]) => (bulkText(a) < bulkText(b) ? -1 : 1)));
        };
        for (const [cmd, norm] of [[['COMMAND'], infos], [['COMMAND', 'INFO'], infos], [['COMMAND', 'DOCS'], docs]] as const) {
          const [expected, actual] = await Promise.all([realConn.send([...cmd]), fakeConn.send([...cmd])]);
          expect(showWire(norm(actual))).toBe(showWire(norm(expected)));
        }
      });

      for (const name of suite.names) {
        it(`COMMAND INFO ${name}`, async () => {
          const [expected, actual] = await Promise.all([realConn.send(['COMMAND', 'INFO', name]), fakeConn.send(['COMMAND', 'INFO', name])]);
          const norm = (w: Wire): Wire => (w.t === 'array' ? { t: 'array', v: w.v.map(normalizeInfo) } : w);
          expect(showWire(norm(actual))).toBe(showWire(norm(expected)));
        });
        it(`COMMAND DOCS ${name}`, async () => {
          const [expected, actual] = await Promise.all([realConn.send(['COMMAND', 'DOCS', name]), fakeConn.send(['COMMAND', 'DOCS', name])]);
          expect(showWire(normalizeDocsReply(actual))).toBe(showWire(normalizeDocsReply(expected)));
        });
      }
    });
  }
});
