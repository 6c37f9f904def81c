import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import type { Scenario, Wire } from '@fakeredis/tooling/conformance';
import { FakeServer } from '../../src/index.js';
import { START_CONFIG } from './reference-config.js';

// Valkey's CLIENT LIST / INFO fields (tot-net-in, tot-net-out, tot-cmds from 8.0, capa from 8.1)
// and its client filters (CLIENT LIST's from 8.1, 9.0's NOT- forms and new options), against
// valkey-server binaries built locally (FAKEREDIS_VALKEY_8_0 / _8_1 / _9_1); a suite whose
// variable is unset is skipped.

const fake = (version: string) => (config: Record<string, string>) =>
  new FakeServer({ serverType: 'valkey', version, config: { ...config, ...START_CONFIG } });

/**
 * CLIENT LIST / INFO lines reduced to the fields these scenarios are about (which clients,
 * and their identity, flags, transaction and counters); the memory and buffer figures are not Valkey's yet.
 */
const KEPT = ['name', 'flags', 'capa', 'db', 'multi', 'cmd', 'user', 'lib-name', 'lib-ver', 'tot-net-in', 'tot-net-out', 'tot-cmds'];
const keep = (names: readonly string[]) => ({
  map: (reply: Wire): Wire => {
    const text = reply.t === 'bulk' ? reply.v : reply.t === 'verbatim' ? reply.v.replace(/^txt:/, '') : undefined;
    if (text === undefined) return reply;
    const kept = text.split('\n').map((line) => line.split(' ').filter((field) => names.includes(field.slice(0, field.indexOf('=')))).join(' '));
    return { t: 'bulk', v: kept.join('\n') };
  },
});
const lines = keep(KEPT);
/**
 * Without tot-net-out, for clients whose earlier replies differ in length by nature: HELLO 3's
 * and CLIENT LIST's carry client ids (and CLIENT LIST the buffer figures), whose digits differ.
 */
const linesNoOut = keep(KEPT.filter((name) => name !== 'tot-net-out'));

const fieldSteps = (compare: typeof lines): Scenario['steps'] => [
  ['SET', 'k', 'value'], ['GET', 'k'], ['MULTI'], ['PING'], ['GET', 'k'], ['EXEC'], ['NOSUCH'], ['GET'],
  ['EVAL', 'return server.call("GET", KEYS[1])', '1', 'k'], { cmd: ['SUBSCRIBE', 'ch'], conn: 'b' }, ['PUBLISH', 'ch', 'message'], ['CLIENT', 'CAPA', 'nosuch', 'redirect'],
  { cmd: ['CLIENT', 'INFO'], compare }, { cmd: ['CLIENT', 'LIST', 'TYPE', 'pubsub'], compare }, { cmd: ['CLIENT', 'INFO'], compare: linesNoOut },
  // Valkey 8.1 keeps a client's transaction state once MULTI or WATCH made it (multi=0).
  { cmd: ['CLIENT', 'INFO'], conn: 'w', compare: linesNoOut }, { cmd: ['WATCH', 'k'], conn: 'w' }, { cmd: ['UNWATCH'], conn: 'w' }, { cmd: ['CLIENT', 'INFO'], conn: 'w', compare: linesNoOut },
  { cmd: ['RESET'], conn: 'w' }, { cmd: ['CLIENT', 'INFO'], conn: 'w', compare: linesNoOut },
];

const fields: Scenario[] = [
  { name: 'CLIENT INFO as the first command: its own request read, nothing written yet', protocols: [2], steps: [{ cmd: ['CLIENT', 'INFO'], compare: lines }] },
  { name: "CLIENT INFO counts the bytes read and written and the commands run (EXEC's and a script's too)", protocols: [2], steps: fieldSteps(lines) },
  { name: "CLIENT INFO counts the bytes read and the commands run after HELLO 3 (EXEC's and a script's too)", protocols: [3], steps: fieldSteps(linesNoOut) },
];

const filters81: Scenario[] = [
  {
    name: 'CLIENT LIST and KILL filters (8.1): several ids, USER, ADDR, LADDR, SKIPME, MAXAGE',
    steps: [
      ['CLIENT', 'HELP'], ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '+@all', '~*'], { cmd: ['AUTH', 'bob', 'x'], conn: 'b' }, ['CLIENT', 'LIST', 'ID'], ['CLIENT', 'LIST', 'ID', '0'], ['CLIENT', 'LIST', 'ID', 'abc'], ['CLIENT', 'LIST', 'ID', '999999', '999998'],
      { cmd: ['CLIENT', 'LIST', 'USER', 'bob', 'SKIPME', 'yes'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'TYPE', 'normal', 'USER', 'bob'], compare: linesNoOut }, ['CLIENT', 'LIST', 'TYPE', 'pubsub', 'USER', 'bob'],
      ['CLIENT', 'LIST', 'USER', 'nosuch'], ['CLIENT', 'LIST', 'MAXAGE', '100000'], ['CLIENT', 'LIST', 'MAXAGE', '0'], ['CLIENT', 'LIST', 'MAXAGE', 'x'],
      ['CLIENT', 'LIST', 'ADDR', '1.2.3.4:5'], ['CLIENT', 'LIST', 'LADDR', '1.2.3.4:5'], ['CLIENT', 'LIST', 'SKIPME', 'maybe'], ['CLIENT', 'LIST', 'TYPE', 'nosuch'],
      ['CLIENT', 'LIST', 'TYPE'], ['CLIENT', 'LIST', 'TYPE', 'normal', 'NOSUCH', 'x'], ['CLIENT', 'LIST', 'NAME', 'x'], ['CLIENT', 'LIST', 'IDLE', '5'],
      { cmd: ['CLIENT', 'LIST', 'USER', 'bob', 'ID'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'ID', 'USER', 'bob'], compare: linesNoOut },
      ['CLIENT', 'KILL', 'ID', '999999', '999998'], ['CLIENT', 'KILL', 'ID', '999999', 'SKIPME', 'no'], ['CLIENT', 'KILL', 'ID', '-1'], ['CLIENT', 'KILL', 'MAXAGE', '100000'],
      ['CLIENT', 'KILL', 'USER', 'bob', 'MAXAGE', '100000'], ['CLIENT', 'KILL', 'USER', 'bob', 'NOSUCH'], ['CLIENT', 'KILL', 'USER', 'bob'], ['CLIENT', 'LIST', 'USER', 'bob'], ['ACL', 'DELUSER', 'bob'],
    ],
  },
];

const filters90: Scenario[] = [
  {
    name: "CLIENT LIST and KILL filters (9.0): NAME, IDLE, FLAGS, LIB-NAME, LIB-VER, DB, CAPA, IP and their NOT- forms",
    steps: [
      { cmd: ['CLIENT', 'SETNAME', 'bee'], conn: 'b' }, { cmd: ['CLIENT', 'SETINFO', 'LIB-NAME', 'mylib'], conn: 'b' }, { cmd: ['CLIENT', 'SETINFO', 'LIB-VER', '1.2'], conn: 'b' },
      { cmd: ['SELECT', '3'], conn: 'b' }, { cmd: ['CLIENT', 'CAPA', 'redirect'], conn: 'b' }, { cmd: ['CLIENT', 'SETNAME', 'sea'], conn: 'c' }, { cmd: ['MULTI'], conn: 'c' },
      ['CLIENT', 'SETNAME', 'me'],
      { cmd: ['CLIENT', 'LIST', 'NAME', 'bee'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'LIB-NAME', 'mylib', 'LIB-VER', '1.2'], compare: linesNoOut }, ['CLIENT', 'LIST', 'LIB-NAME', 'mylib', 'LIB-VER', '1.3'],
      { cmd: ['CLIENT', 'LIST', 'DB', '3'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'CAPA', 'r'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'FLAGS', 'x'], compare: linesNoOut },
      { cmd: ['CLIENT', 'LIST', 'NAME', 'sea', 'NOT-FLAGS', 'P'], compare: linesNoOut }, ['CLIENT', 'LIST', 'NAME', 'sea', 'NOT-FLAGS', 'x'], ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-DB', '3'],
      { cmd: ['CLIENT', 'LIST', 'NAME', 'me', 'FLAGS', 'N', 'SKIPME', 'no'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'NAME', 'me'], compare: linesNoOut }, ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-NAME', 'bee'],
      { cmd: ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-LIB-NAME', 'x', 'NOT-LIB-VER', 'y', 'NOT-CAPA', 'r'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'NAME', 'bee', 'IP', '127.0.0.1'], compare: linesNoOut },
      ['CLIENT', 'LIST', 'NAME', 'bee', 'IP', '127.0.0'], ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-IP', '127.0.0.1'], ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-USER', 'default'],
      ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-TYPE', 'normal'], { cmd: ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-TYPE', 'pubsub'], compare: linesNoOut }, { cmd: ['CLIENT', 'LIST', 'NAME', 'bee', 'NOT-ADDR', 'x', 'NOT-LADDR', 'y', 'NOT-ID'], compare: linesNoOut },
      ['CLIENT', 'LIST', 'FLAGS', 'Z'], ['CLIENT', 'LIST', 'NOT-FLAGS', 'xZ'], ['CLIENT', 'LIST', 'CAPA', 'q'], ['CLIENT', 'LIST', 'NOT-CAPA', 'q'], ['CLIENT', 'LIST', 'DB', '16'], ['CLIENT', 'LIST', 'DB', 'x'],
      ['CLIENT', 'LIST', 'NOT-DB', '-1'], ['CLIENT', 'LIST', 'NOT-DB', '99999999999'], ['CLIENT', 'LIST', 'IDLE', '0'], ['CLIENT', 'LIST', 'IDLE', 'x'], ['CLIENT', 'LIST', 'IDLE', '100000'],
      ['CLIENT', 'LIST', 'NOT-ID', '0'], ['CLIENT', 'LIST', 'NOT-TYPE', 'x'], ['CLIENT', 'LIST', 'NOT-USER', 'nosuch'], ['CLIENT', 'LIST', 'NOT-SKIPME', 'yes'], ['CLIENT', 'LIST', 'NOT-MAXAGE', '1'],
      ['CLIENT', 'KILL', 'NAME', 'sea', 'FLAGS', 'x'], { cmd: ['CLIENT', 'LIST', 'NAME', 'bee'], compare: linesNoOut }, ['CLIENT', 'KILL', 'NAME', 'bee', 'NOT-DB', '3'], ['CLIENT', 'KILL', 'NAME', 'bee', 'DB', '3'], ['CLIENT', 'LIST', 'NAME', 'bee'],
    ],
  },
];

runReferenceScenarios(referenceEnv('valkey', '8.0'), 'Valkey 8.0 clients', { createServer: fake('8.0') }, fields);
runReferenceScenarios(referenceEnv('valkey', '8.1'), 'Valkey 8.1 clients', { createServer: fake('8.1') }, [...fields, ...filters81]);
runReferenceScenarios(referenceEnv('valkey', '9.1'), 'Valkey 9.1 clients', { createServer: fake('9.1') }, [...fields, ...filters81, ...filters90]);
