import type { Wire } from '@fakeredis/tooling/conformance';
import { modulePayload, runBloomScenarios } from './server.js';

/** The real module has more commands (CF.*, CMS.* ..., BF.DEBUG) than the fake has: the BF.* ones it has, sorted. */
const bfNames = (reply: Wire): Wire => reply.t === 'array'
  ? { t: 'array', v: reply.v.filter((w) => w.t === 'bulk' && w.v.startsWith('bf.') && w.v !== 'bf.debug').sort((x, y) => ((x as { v: string }).v < (y as { v: string }).v ? -1 : 1)) }
  : reply;

/** INFO modules' `module:` line, without the rest of the section. */
const moduleLine = (reply: Wire): Wire => reply.t === 'bulk' || reply.t === 'verbatim'
  ? { t: reply.t, v: reply.v.split('\r\n').filter((line) => line.startsWith('module:')).join('\n') }
  : reply;

// Core's general module support, checked through RedisBloom's commands and type.
runBloomScenarios('core module support', [
  { name: 'COMMAND INFO and DOCS of module commands: the module flag, no implied ACL categories, the module name', steps: [
    ['COMMAND', 'INFO', 'bf.add', 'BF.INFO', 'bf.exists', 'bf.loadchunk'], ['COMMAND', 'DOCS', 'bf.add', 'bf.card', 'bf.scandump'],
    ['COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'write'], ['COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'fast'], ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'bf.*'],
  ].map((cmd) => (cmd[1] === 'LIST' ? { cmd, compare: { map: bfNames } } : cmd)) },
  { name: 'ACL categories leave module commands out; +@all takes them in', steps: [
    ...['write', 'read', 'fast', 'slow', 'keyspace'].map((cat) => ({ cmd: ['ACL', 'CAT', cat], compare: { map: bfNames } })),
    ['ACL', 'SETUSER', 'w', 'on', 'nopass', '~*', '+@write', '+@read'], ['ACL', 'DRYRUN', 'w', 'BF.ADD', 'k', 'a'], ['ACL', 'DRYRUN', 'w', 'BF.EXISTS', 'k', 'a'],
    ['ACL', 'DRYRUN', 'w', 'SET', 'k', 'v'], ['ACL', 'SETUSER', 'all', 'on', 'nopass', '~*', '+@all'], ['ACL', 'DRYRUN', 'all', 'BF.ADD', 'k', 'a'],
    ['ACL', 'SETUSER', 'one', 'on', 'nopass', '~*', '+bf.add'], ['ACL', 'DRYRUN', 'one', 'BF.ADD', 'k', 'a'], ['ACL', 'GETUSER', 'one'],
  ] },
  { name: 'COMMAND LIST FILTERBY MODULE', steps: [
    { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'bf'], compare: { map: bfNames } }, { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'BF'], compare: { map: bfNames } },
    ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'nope'], ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'b'],
  ] },
  { name: 'INFO modules shows the module options', steps: [{ cmd: ['INFO', 'modules'], compare: { map: moduleLine } }] },
  { name: 'COPY REPLACE of a value whose type cannot copy leaves the destination', steps: [
    ['BF.ADD', 'bf', 'a'], ['SET', 'dst', 'v'], ['COPY', 'bf', 'dst', 'REPLACE'], ['GET', 'dst'], ['COPY', 'bf', 'dst'], ['COPY', 'bf', 'new'], ['EXISTS', 'new'],
    ['BF.ADD', 'bf2', 'b'], ['COPY', 'bf', 'bf2', 'REPLACE'], ['BF.EXISTS', 'bf2', 'b'], ['COPY', 'bf', 'dst', 'DB', '1', 'REPLACE'], ['DBSIZE'],
  ] },
  { name: 'RESTORE finds a module value\'s type by its id', steps: [
    ['RESTORE', 'unknown', '0', modulePayload('Unknown--', 3, [0])], ['RESTORE', 'bf', '0', modulePayload('MBbloom--', 4, [0])],
    ['RESTORE', 'bf', '0', modulePayload('MBbloom--', 5, [0])], ['EXISTS', 'unknown', 'bf'],
  ] },
]);
