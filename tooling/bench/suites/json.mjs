// RedisJSON figures (@fakeredis/stack's JsonCommands): JSON.GET of one path in a 1 MB
// document (a JSONPath, the same path in legacy syntax, and a recursive descent over the
// whole document), and JSON.SET of the whole document (serde_json's parse), against GET of
// a small string on the same fake (a command's own cost).
import { JsonCommands, StringCommands } from '@fakeredis/all';
import { coreMixins, FakeServer } from '@fakeredis/core';

import { report, timed } from '../harness.mjs';

export async function run({ scale }) {
  const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `item-${i}`, price: i * 1.25, tags: ['a', 'b', String(i % 7)], meta: { created: 1_700_000_000 + i, note: 'x'.repeat(120) } }));
  const doc = JSON.stringify({ store: { items } });
  const server = new FakeServer({ mixins: [...coreMixins, StringCommands, JsonCommands] });
  server.call('SET', 'small', 'value');
  const n = Math.max(1000, Math.round(200_000 * scale));
  const sets = Math.max(3, Math.round(30 * scale));
  const set = { name: `JSON.SET of a ${(doc.length / 1e6).toFixed(2)} MB document`, result: timed(sets, () => server.call('JSON.SET', 'doc', '$', doc)) };
  const path = { name: 'JSON.GET doc $.store.items[2500].name', result: timed(n, () => server.call('JSON.GET', 'doc', '$.store.items[2500].name')) };
  const legacy = { name: 'JSON.GET doc .store.items[2500].name (legacy)', result: timed(n, () => server.call('JSON.GET', 'doc', '.store.items[2500].name')) };
  const scan = { name: 'JSON.GET doc $..created (whole document)', result: timed(Math.max(5, Math.round(50 * scale)), () => server.call('JSON.GET', 'doc', '$..created')) };
  const plain = { name: 'server.call GET of a small string', result: timed(n, () => server.call('GET', 'small')) };
  path.baseline = plain;
  legacy.baseline = plain;
  report('RedisJSON: a path in a 1 MB document', [set, path, legacy, scan, plain]);
  server.close();
}
