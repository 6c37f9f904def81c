import { runScenarios, type Scenario, type Wire } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { FakeServer } from '../../src/index.js';
import { START_CONFIG } from './reference-config.js';

/**
 * COMMAND, COMMAND INFO, DOCS, COUNT and LIST of a FakeServer with every module installed,
 * compared with redis-server 7.0.15 over the whole table (every one of its 240 commands
 * answered by a module, none by a fixture), in RESP2 and RESP3. Redis lists commands and a
 * container's subcommands in hash-table order: both replies are sorted by name before the
 * exact comparison. Later versions (reference binaries) are compared on COUNT, LIST and
 * COMMAND INFO, 7.2 on DOCS too; 7.4's DOCS lack what its metadata leaves out (summaries).
 */

const text = (w: Wire | undefined) => (w !== undefined && (w.t === 'bulk' || w.t === 'simple') ? w.v : '');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A COMMAND INFO entry with its subcommands (element 9) sorted by name, recursively. */
function sortedInfo(entry: Wire): Wire {
  if (entry.t !== 'array' || entry.v.length !== 10 || entry.v[9]?.t !== 'array') return entry;
  const subs = entry.v[9].v.map(sortedInfo).sort((a, b) => byText(text((a as { v: Wire[] }).v[0]), text((b as { v: Wire[] }).v[0])));
  return { t: 'array', v: [...entry.v.slice(0, 9), { t: 'array', v: subs }] };
}

/** COMMAND / COMMAND INFO: entries sorted by name, each with its subcommands sorted. */
function sortedInfos(reply: Wire): Wire {
  if (reply.t !== 'array') return reply;
  return { t: 'array', v: reply.v.map(sortedInfo).sort((a, b) => byText(text((a as { v: Wire[] }).v[0]), text((b as { v: Wire[] }).v[0]))) };
}

/** The pairs of a RESP3 map or of its RESP2 flattening. */
function pairs(w: Wire): Array<[Wire, Wire]> | undefined {
  if (w.t === 'map') return w.v;
  if (w.t !== 'array' || w.v.length % 2 !== 0) return undefined;
  const out: Array<[Wire, Wire]> = [];
  for (let i = 0; i < w.v.length; i += 2) out.push([w.v[i] as Wire, w.v[i + 1] as Wire]);
  return out;
}

const rebuild = (like: Wire, entries: Array<[Wire, Wire]>): Wire => (like.t === 'map' ? { t: 'map', v: entries } : { t: 'array', v: entries.flat() });

/** A docs map sorted by name, each command's `subcommands` map sorted too (recursively). */
function sortedDocs(reply: Wire): Wire {
  const entries = pairs(reply);
  if (entries === undefined) return reply;
  const sortDoc = (doc: Wire): Wire => {
    const fields = pairs(doc);
    if (fields === undefined) return doc;
    return rebuild(doc, fields.map(([k, v]): [Wire, Wire] => [k, text(k) === 'subcommands' ? sortedDocs(v) : v]));
  };
  return rebuild(reply, entries.map(([name, doc]): [Wire, Wire] => [name, sortDoc(doc)]).sort(([a], [b]) => byText(text(a), text(b))));
}

const u = (...cmd: string[]) => ({ cmd, compare: 'unordered' as const });

const tableScenarios: Scenario[] = [
  { name: 'COMMAND COUNT and LIST', steps: [['COMMAND', 'COUNT'], u('COMMAND', 'LIST'), u('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'admin')] },
  { name: 'COMMAND and COMMAND INFO of every command', steps: [{ cmd: ['COMMAND'], compare: { map: sortedInfos } }, { cmd: ['COMMAND', 'INFO'], compare: { map: sortedInfos } }] },
];
const docsScenario: Scenario = { name: 'COMMAND DOCS of every command', steps: [{ cmd: ['COMMAND', 'DOCS'], compare: { map: sortedDocs } }] };

runScenarios('all: the command table with every module', { createServer: (config) => new FakeServer({ config: { ...config, ...START_CONFIG } }) }, [
  ...tableScenarios,
  docsScenario,
]);

// 7.2.4's metadata is complete (BSD): its DOCS too. 7.4's lacks the texts (source-available).
for (const version of ['7.2', '7.4']) {
  runReferenceScenarios(referenceEnv('redis', version), `all: the command table of Redis ${version} with every module`, {
    createServer: (config) => new FakeServer({ version, config: { ...config, ...START_CONFIG } }),
  }, version === '7.2' ? [...tableScenarios, docsScenario] : tableScenarios);
}
