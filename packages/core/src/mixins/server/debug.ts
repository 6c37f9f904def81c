import { type Bytes, cString } from '../../bytes.js';
import type { Client } from '../../client.js';
import { memtoull } from '../../config/kinds.js';
import { type KeyEntry, LOOKUP_NOTOUCH_NONOTIFY } from '../../database.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_NOT_INTEGER, ERR_OUT_OF_RANGE_POSITIVE, errSubcommandSyntax } from '../../errors/index.js';
import { LRU_CLOCK_MAX, LRU_CLOCK_RESOLUTION, lruClock } from '../../evict.js';
import { matchGlob } from '../../glob.js';
import { randomHexId } from '../../hex-id.js';
import { atoi, tryParseInt64 } from '../../numbers.js';
import { rdbSaveValue } from '../../rdb/objects.js';
import { RdbWriter } from '../../rdb/writer.js';
import {
  AttributeReply, BigNumberReply, BooleanReply, DoubleReply, ErrorReply, MapReply, OK, PushReply, type Reply, SetReply, SimpleString, status, VerbatimReply,
} from '../../reply.js';
import type { FakeServer } from '../../server.js';
import { ValueDigest, xorObjectDigest } from '../../values/digest.js';
import type { RedisValue } from '../../values/object.js';
import { stringEncoding } from '../../values/string.js';
import { encodingName, objectRefcount } from '../keyspace/object.js';
import { helpReply } from '../help.js';
import { debugReload } from './persistence.js';
import { debugLoadAof } from './aof.js';

/**
 * DEBUG: the subcommands a fake can honour truthfully: OBJECT, DIGEST, DIGEST-VALUE,
 * PROTOCOL, SLEEP, SET-ACTIVE-EXPIRE, QUICKLIST-PACKED-THRESHOLD, LISTPACK, QUICKLIST,
 * STRINGMATCH-TEST, CHANGE-REPL-ID, LOG, ERROR, POPULATE, PAUSE-CRON, REPLYBUFFER,
 * DICT-RESIZING (7.4) and HELP. Every other subcommand, and a known one with the wrong
 * number of arguments, gets Redis's unknown-subcommand error.
 * Whether the command may run at all is protectedCommandError's decision (protected.ts).
 */

/** C's strtod on a prefix, as DEBUG SLEEP reads its argument ("abc" is 0). */
function strtodPrefix(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(s);
  if (m) return Number(m[1]);
  const inf = /^[ \t\n\v\f\r]*([+-]?)inf/i.exec(s);
  return inf ? (inf[1] === '-' ? -Infinity : Infinity) : 0;
}

/** Blocks the whole process, as Redis's DEBUG SLEEP blocks the server. */
function sleepMs(ms: number): void {
  if (!(ms > 0)) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A positive long (getPositiveLongFromObjectOrReply: one error for both failures), or the error. */
function positiveLong(arg: Bytes): number | ErrorReply {
  const n = tryParseInt64(arg);
  if (n === undefined || n < 0n) return ERR_OUT_OF_RANGE_POSITIVE;
  return Number(n);
}

/** DEBUG POPULATE count [prefix] [size]: keys prefix:N with "value:N" (padded or cut to size). */
function populate(client: Client, argv: Bytes[]): Reply {
  const count = positiveLong(argv[2] as Bytes);
  if (count instanceof ErrorReply) return count;
  let size = 0;
  if (argv.length === 5) {
    const parsed = positiveLong(argv[4] as Bytes);
    if (parsed instanceof ErrorReply) return parsed;
    size = parsed;
  }
  // snprintf into a 128-byte buffer of a C string: the prefix stops at NUL, the name at 127 bytes.
  const prefix = argv.length >= 4 ? cString(argv[3] as Bytes) : 'key';
  const db = client.db;
  for (let j = 0; j < count; j++) {
    const key = `${prefix}:${j}`.slice(0, 127) as Bytes;
    if (db.has(key)) continue;
    const text = `value:${j}`;
    const value = size === 0 ? text : text.slice(0, size).padEnd(size, '\0');
    db.add(key, value as Bytes);
  }
  return OK;
}

const HELP_LINES = [
  'AOF-FLUSH-SLEEP <microsec>',
  '    Server will sleep before flushing the AOF, this is used for testing.',
  'ASSERT',
  '    Crash by assertion failed.',
  'CHANGE-REPL-ID',
  '    Change the replication IDs of the instance.',
  '    Dangerous: should be used only for testing the replication subsystem.',
  'CONFIG-REWRITE-FORCE-ALL',
  '    Like CONFIG REWRITE but writes all configuration options, including',
  '    keywords not listed in original configuration file or default values.',
  'CRASH-AND-RECOVER [<milliseconds>]',
  '    Hard crash and restart after a <milliseconds> delay (default 0).',
  'DIGEST',
  '    Output a hex signature representing the current DB content.',
  'DIGEST-VALUE <key> [<key> ...]',
  '    Output a hex signature of the values of all the specified keys.',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LEAK <string>',
  '    Create a memory leak of the input string.',
  'LOG <message>',
  '    Write <message> to the server log.',
  'HTSTATS <dbid>',
  '    Return hash table statistics of the specified Redis database.',
  'HTSTATS-KEY <key>',
  "    Like HTSTATS but for the hash table stored at <key>'s value.",
  'LOADAOF',
  '    Flush the AOF buffers on disk and reload the AOF in memory.',
  'REPLICATE <string>',
  '    Replicates the provided string to replicas, allowing data divergence.',
  'MALLCTL <key> [<val>]',
  '    Get or set a malloc tuning integer.',
  'MALLCTL-STR <key> [<val>]',
  '    Get or set a malloc tuning string.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'DROP-CLUSTER-PACKET-FILTER <packet-type>',
  '    Drop all packets that match the filtered type. Set to -1 allow all packets.',
  'OOM',
  '    Crash the server simulating an out-of-memory error.',
  'PANIC',
  '    Crash the server simulating a panic.',
  'POPULATE <count> [<prefix>] [<size>]',
  '    Create <count> string keys named key:<num>. If <prefix> is specified then',
  "    it is used instead of the 'key' prefix. These are not propagated to",
  '    replicas. Cluster slots are not respected so keys not belonging to the',
  '    current node can be created in cluster mode.',
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'RELOAD [option ...]',
  '    Save the RDB on disk and reload it back to memory. Valid <option> values:',
  '    * MERGE: conflicting keys will be loaded from RDB.',
  '    * NOFLUSH: the existing database will not be removed before load, but',
  '      conflicting keys will generate an exception and kill the server.',
  '    * NOSAVE: the database will be loaded from an existing RDB file.',
  '    Examples:',
  '    * DEBUG RELOAD: verify that the server is able to persist, flush and reload',
  '      the database.',
  '    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an',
  '      existing RDB file.',
  '    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB',
  '      file to the database.',
  'RESTART [<milliseconds>]',
  '    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).',
  'SDSLEN <key>',
  '    Show low level SDS string info representing `key` and value.',
  'SEGFAULT',
  '    Crash the server with sigsegv.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'QUICKLIST-PACKED-THRESHOLD <size>',
  '    Sets the threshold for elements to be inserted as plain vs packed nodes',
  '    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.',
  'SET-SKIP-CHECKSUM-VALIDATION <0|1>',
  "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
  'STRINGMATCH-TEST',
  '    Run a fuzz tester against the stringmatchlen() function.',
  'STRUCTSIZE',
  '    Return the size of different Redis core C structures.',
  'LISTPACK <key>',
  '    Show low level info about the listpack encoding of <key>.',
  'QUICKLIST <key> [<0|1>]',
  '    Show low level info about the quicklist encoding of <key>.',
  '    The optional argument (0 by default) sets the level of detail',
  'CLIENT-EVICTION',
  '    Show low level client eviction pools info (maxmemory-clients).',
  'PAUSE-CRON <0|1>',
  '    Stop periodic cron job processing.',
  'REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>',
  '    Sets the time (in milliseconds) to wait between client reply buffer peak resets.',
  '    In case NEVER is provided the last observed peak will never be reset',
  '    In case RESET is provided the peak reset time will be restored to the default value',
  'REPLYBUFFER RESIZING <0|1>',
  '    Enable or disable the reply buffer resize cron job',
  'CLUSTERLINK KILL <to|from|all> <node-id>',
  '    Kills the link based on the direction to/from (both) with the provided node.',
];

/**
 * DEBUG HELP's lines in later versions, as edits of the version before in each chain (Redis
 * 7.0 to 7.2, 7.4, 8.0, 8.6; Valkey from Redis 7.2 to 8.0, 8.1, 9.1): at an index of the
 * previous lines, remove some and insert others. Read from each server's DEBUG HELP.
 */
const HELP_EDITS: ReadonlyArray<{ readonly serverType: 'redis' | 'valkey'; readonly since: string; readonly edits: ReadonlyArray<readonly [at: number, remove: number, insert: readonly string[]]> }> = [
  { serverType: 'redis', since: '7.2.0', edits: [
    [23, 1, ['HTSTATS <dbid> [full]']],
    [25, 1, ['HTSTATS-KEY <key> [full]']],
  ] },
  { serverType: 'redis', since: '7.4.0', edits: [
    [72, 3, ['    Setting it to 0 disables expiring keys (and hash-fields) in background ', '    when they are not accessed (otherwise the Redis behavior). Setting it', '    to 1 reenables back the default.']],
    [101, 0, ['DICT-RESIZING <0|1>', '    Enable or disable the main dict and expire dict resizing.', 'SCRIPT <LIST|<sha>>', '    Output SHA and content of all scripts or of a specific script with its SHA.']],
  ] },
  { serverType: 'redis', since: '8.0.0', edits: [
    [14, 0, ['INTERNAL_SECRET', '    Return the cluster internal secret (hashed with crc16) or error if not in cluster mode.']],
    [101, 0, ['REPL-PAUSE <clear|after-fork|before-rdb-channel|on-streaming-repl-buf>', '    Pause the server\'s main process during various replication steps.']],
    [105, 0, ['MARK-INTERNAL-CLIENT [UNMARK]', '    Promote the current connection to an internal connection.']],
  ] },
  { serverType: 'redis', since: '8.6.0', edits: [
    [29, 0, ['KEYSIZES-HIST-ASSERT <0|1>', '    Enable/disable keysizes histogram assertion after each command.']],
    [77, 0, ['SET-ALLOW-ACCESS-EXPIRED <0|1>', '    Setting it to 0 prevents access to expired keys (and hash-fields),', '    simulating the standard Redis behavior. Setting it to 1 allows', '    access to expired keys (and hash-fields) without triggering deletion.']],
    [103, 0, ['REPLY-COPY-AVOIDANCE <0|1>', '    Enable/disable reply copy avoidance optimization.']],
    [111, 0, ['ASM-FAILPOINT <channel> <state>', '    Set a fail point for the specified channel and state for cluster atomic slot migration.', 'ASM-TRIM-METHOD <default|none|active|bg> <active-trim-delay> ', '    Disable trimming or force active/background trimming for cluster atomic slot migration.', '    Active trim delay is used only when method is \'active\'. If it is negative,', '    active trim is disabled.']],
  ] },
  { serverType: 'valkey', since: '8.0.0', edits: [
    [17, 2, ['    Return a RESP protocol error with <string> as message. Useful for clients', '    unit tests to simulate error replies.']],
    [24, 1, ['    Return hash table statistics of the specified database.']],
    [35, 1, ['OBJECT <key> [fast]']],
    [37, 0, ['    Some fields of the default behavior may be time consuming to fetch,', '    and `fast` can be passed to avoid fetching them.']],
    [39, 0, ['CLOSE-CLUSTER-LINK-ON-PACKET-DROP <0|1>', '    This is valid only when DROP-CLUSTER-PACKET-FILTER is set to a valid packet type.', '    When set to 1, the cluster link is closed after dropping a packet based on the filter.']],
    [73, 1, ['    accessed (otherwise the behavior). Setting it to 1 reenables back the']],
    [85, 1, ['    Return the size of different core C structures.']],
    [101, 0, ['PAUSE-AFTER-FORK <0|1>', '    Stop the server\'s main process after fork.', 'DELAY-RDB-CLIENT-FREE-SECOND <seconds>', '    Grace period in seconds for replica main channel to establish psync.', 'DICT-RESIZING <0|1>', '    Enable or disable the main dict and expire dict resizing.']],
  ] },
  { serverType: 'valkey', since: '8.1.0', edits: [
    [40, 1, ['    Drop all packets that match the filtered type. Set to -1 allow all packets or -2 to drop all packets.']],
    [44, 0, ['DISABLE-CLUSTER-RANDOM-PING <0|1>', '    Disable sending cluster ping to a random node every second.']],
    [112, 0, ['CLIENT-ENFORCE-REPLY-LIST <0|1>', 'When set to 1, it enforces the use of the client reply list directly', '    and avoids using the client\'s static buffer.']],
  ] },
  { serverType: 'valkey', since: '9.1.0', edits: [
    [46, 0, ['DISABLE-CLUSTER-RECONNECTION <0|1>', '    Disable cluster reconnection of cluster nodes.']],
    [114, 0, ['HASHTABLE-CAN-ABORT-SHRINK <0|1>', '    Enable or disable the hashtable shrink abort.']],
    [115, 1, ['    When set to 1, it enforces the use of the client reply list directly']],
    [117, 0, ['SLOTMIGRATION PREVENT-PAUSE <0|1>', '    When set to 1, slot migrations will be prevented from pausing on the source node.', 'SLOTMIGRATION PREVENT-FAILOVER <0|1>', '    When set to 1, slot migrations will be prevented from performing the slot-level failover on the target node.', 'FORCE-FREE-PRIMARY-ASYNC <0|1>', '    Force freeClient on primary to use async path.', 'PROTECT-CLIENT <id>', '    Protect a client from being freed, forcing deferred close.', 'FORCE-TLS-WRITE-ERROR <0|1>', '    Force TLS write error for testing.']],
  ] },
];

/** DEBUG HELP's lines for the server's type and version: 7.0's, then each later version's edits in its chain. */
function helpLines(server: FakeServer): readonly string[] {
  const { serverType } = server.profile;
  if (serverType !== 'redis' && serverType !== 'valkey') return HELP_LINES;
  let lines: string[] = [...HELP_LINES];
  for (const step of HELP_EDITS) {
    const applies = step.serverType === serverType || (serverType === 'valkey' && step.since === '7.2.0');
    if (!applies || !server.versionAtLeast(step.since)) continue;
    const next = [...lines];
    for (const [at, remove, insert] of [...step.edits].reverse()) next.splice(at, remove, ...insert);
    lines = next;
  }
  return lines;
}

const ERR_NO_SUCH_KEY = new ErrorReply('ERR no such key');
const ERR_PACKED_THRESHOLD = new ErrorReply('ERR argument must be a memory value bigger than 1 and smaller than 4gb');
const ERR_PROTOCOL_TYPE = new ErrorReply(
  'ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false',
);
const ERR_PROTOCOL_RESP2 = new ErrorReply('ERR RESP2 is not supported by this command');

/** Settings DEBUG changes that have no other home; read back by nothing but DEBUG itself. */
interface DebugSettings {
  /** quicklist's packed_threshold (the fake's lists have no plain nodes). */
  packedThreshold: number;
  replyBufferPeakResetTime: number;
  replyBufferResizing: boolean;
  dictResizing: boolean;
  /** DEBUG SET-SKIP-CHECKSUM-VALIDATION: RESTORE's payload checksum is not checked. */
  skipChecksum: boolean;
  /** Synthetic object addresses for DEBUG OBJECT, stable per key entry. */
  readonly addresses: WeakMap<KeyEntry, string>;
  nextAddress: number;
}

const debugSettings = new WeakMap<FakeServer, DebugSettings>();

/** server.skip_checksum_validation (DEBUG SET-SKIP-CHECKSUM-VALIDATION), read by RESTORE. */
export function skipChecksumValidation(server: FakeServer): boolean {
  return debugSettings.get(server)?.skipChecksum ?? false;
}
function settings(server: FakeServer): DebugSettings {
  let s = debugSettings.get(server);
  if (s === undefined) {
    s = { packedThreshold: 1 << 30, replyBufferPeakResetTime: 5000, replyBufferResizing: true, dictResizing: true, skipChecksum: false, addresses: new WeakMap(), nextAddress: 0x7f3a40008000 };
    debugSettings.set(server, s);
  }
  return s;
}

/** The 20-byte digest in hex, as a status reply. */
const hexStatus = (digest: ValueDigest) => status(digest.hex());

/** computeDatasetDigest: every database with keys (its id mixed in), each key-value digest xored in. */
function datasetDigest(server: FakeServer): ValueDigest {
  const final = new ValueDigest(server.encoder.doubleFormat);
  for (const db of server.databases) {
    if (db.size === 0) continue;
    const id = Buffer.alloc(4);
    id.writeUInt32BE(db.index);
    final.mix(id);
    for (const key of db.keys()) {
      const entry = db.peek(key);
      if (entry === undefined) continue;
      const digest = new ValueDigest(server.encoder.doubleFormat);
      digest.mix(key);
      xorObjectDigest(db, key, digest, entry.value);
      final.xor(digest.bytes);
    }
  }
  return final;
}

/** rdbSavedObjectLen: the value's RDB serialization without its type byte (0 for a type without one). */
function serializedLength(server: FakeServer, value: RedisValue): number {
  try {
    const w = new RdbWriter(server.config.getBoolean('rdbcompression'));
    rdbSaveValue(server, value, w);
    return w.result().length - 1;
  } catch {
    return 0;
  }
}

/**
 * DEBUG OBJECT: Redis's line. The address is synthetic (stable per key); lru is the LRU
 * clock of the last access (the LFU word under an LFU policy), a shared integer's that of
 * the server's start, as Redis's shared objects carry theirs.
 */
function debugObject(client: Client, key: Bytes): Reply {
  const server = client.server;
  const entry = client.db.peek(key);
  if (entry === undefined) return ERR_NO_SUCH_KEY;
  const value = entry.value;
  const s = settings(server);
  let address = s.addresses.get(entry);
  if (address === undefined) {
    address = `0x${(s.nextAddress += 0x70).toString(16)}`;
    s.addresses.set(entry, address);
  }
  const refcount = objectRefcount(server, value);
  const shared = refcount !== 1;
  const encoding = encodingName(server, value, key);
  const accessed = shared ? server.startedAt : entry.accessedAt;
  const lru = server.lfuEnabled && !shared ? ((Math.floor(accessed / 60000) & 65535) << 8) | entry.lfu : lruClock(accessed);
  const now = lruClock(server.now());
  const idle = ((now >= lru ? now - lru : now + (LRU_CLOCK_MAX - lru)) * LRU_CLOCK_RESOLUTION) / 1000;
  const extra = typeof value === 'string' ? '' : (value.debugObjectFields?.(server.config) ?? '');
  return status(
    `Value at:${address} refcount:${refcount} encoding:${encoding} serializedlength:${serializedLength(server, value)} lru:${lru} lru_seconds_idle:${idle}${extra}`,
  );
}

/** DEBUG PROTOCOL <type>: debug.c's test value of each reply type. */
function protocolReply(client: Client, name: string): Reply {
  switch (name.toLowerCase()) {
    case 'string': return 'Hello World' as Bytes;
    case 'integer': return 12345;
    case 'double': return new DoubleReply(3.141);
    case 'bignum': return new BigNumberReply(1234567999999999999999999999999999999n);
    case 'null': return null;
    case 'array': return [0, 1, 2];
    case 'set': return new SetReply([0, 1, 2]);
    case 'map': return new MapReply([[0, new BooleanReply(false)], [1, new BooleanReply(true)], [2, new BooleanReply(false)]]);
    case 'attrib':
      return new AttributeReply([['key-popularity' as Bytes, ['key:123' as Bytes, 90]]], 'Some real reply following the attribute' as Bytes);
    case 'push':
      if (client.protocol < 3) return ERR_PROTOCOL_RESP2;
      // A push, then a normal reply for clients that wait for one.
      client.push(new PushReply(['server-cpu-usage' as Bytes, 42]));
      return 'Some real reply following the push reply' as Bytes;
    case 'verbatim': return new VerbatimReply('txt', 'This is a verbatim\nstring' as Bytes);
    case 'true': return new BooleanReply(true);
    case 'false': return new BooleanReply(false);
    default: return ERR_PROTOCOL_TYPE;
  }
}

/** DEBUG LISTPACK / QUICKLIST key: Redis prints the structure on its stdout (the fake prints nothing). */
function printStructure(client: Client, key: Bytes, wanted: 'listpack' | 'quicklist'): Reply {
  const entry = client.db.lookupReadEntry(key, LOOKUP_NOTOUCH_NONOTIFY, client);
  if (entry === undefined) return ERR_NO_SUCH_KEY;
  const value = entry.value;
  const encoding = typeof value === 'string' ? stringEncoding(value) : value.encoding(client.server.config);
  if (wanted === 'listpack') return encoding === 'listpack' ? status('Listpack structure printed on stdout') : new ErrorReply('ERR Not a listpack encoded object.');
  return encoding === 'quicklist' ? status('Quicklist structure printed on stdout') : new ErrorReply('ERR Not a quicklist encoded object.');
}

/**
 * DEBUG STRINGMATCH-TEST: Redis fuzzes stringmatchlen with random patterns and subjects;
 * the fake does the same to its glob matcher (nothing may throw or run away).
 */
function stringmatchTest(server: FakeServer): Reply {
  const random = () => Math.floor(server.random.next() * 256);
  for (let i = 0; i < 1000; i++) {
    const pattern = String.fromCharCode(...Array.from({ length: random() % 64 }, random)) as Bytes;
    const subject = String.fromCharCode(...Array.from({ length: random() % 64 }, random)) as Bytes;
    matchGlob(pattern, subject);
  }
  return status('Apparently Redis did not crash: test passed');
}

/** DEBUG REPLYBUFFER PEAK-RESET-TIME <never|reset|ms> | RESIZING <0|1>. */
function replyBuffer(client: Client, argv: Bytes[]): Reply {
  const s = settings(client.server);
  const option = (argv[2] as Bytes).toLowerCase();
  const arg = argv[3] as Bytes;
  if (option === 'peak-reset-time') {
    if (arg.toLowerCase() === 'never') s.replyBufferPeakResetTime = -1;
    else if (arg.toLowerCase() === 'reset') s.replyBufferPeakResetTime = 5000;
    else {
      const n = tryParseInt64(arg);
      if (n === undefined) return ERR_NOT_INTEGER;
      s.replyBufferPeakResetTime = Number(n);
    }
  } else if (option === 'resizing') {
    s.replyBufferResizing = atoi(arg) !== 0;
  } else {
    return errSubcommandSyntax(argv[1] as Bytes, 'DEBUG');
  }
  return OK;
}

export const DEBUG: CommandHandler = (client, argv) => {
  const sub = (argv[1] as Bytes).toLowerCase();
  const argc = argv.length;
  const server = client.server;
  if (sub === 'help' && argc === 2) {
    return helpReply(server, 'DEBUG', helpLines(server));
  }
  if (sub === 'sleep' && argc === 3) {
    sleepMs(Math.trunc(strtodPrefix(argv[2] as Bytes) * 1e6) / 1000);
    return OK;
  }
  if (sub === 'set-active-expire' && argc === 3) {
    server.activeExpireEnabled = atoi(argv[2] as Bytes) !== 0;
    return OK;
  }
  if (sub === 'change-repl-id' && argc === 2) {
    server.log('warning', 'Changing replication IDs after receiving DEBUG change-repl-id');
    server.replicationId = randomHexId();
    return OK;
  }
  if (sub === 'log' && argc === 3) {
    server.log('warning', `DEBUG LOG: ${cString(argv[2] as Bytes)}`);
    return OK;
  }
  if (sub === 'object' && argc === 3) return debugObject(client, argv[2] as Bytes);
  if (sub === 'digest' && argc === 2) return hexStatus(datasetDigest(server));
  if (sub === 'digest-value' && argc >= 2) {
    return argv.slice(2).map((key): Reply => {
      const digest = new ValueDigest(server.encoder.doubleFormat);
      // Logically expired keys too: a debug command looks at what is stored.
      const entry = client.db.peek(key);
      if (entry !== undefined) xorObjectDigest(client.db, key, digest, entry.value);
      return hexStatus(digest);
    });
  }
  if (sub === 'protocol' && argc === 3) return protocolReply(client, argv[2] as Bytes);
  if (sub === 'quicklist-packed-threshold' && argc === 3) {
    const size = memtoull(argv[2] as Bytes);
    if (size === undefined || size > 2n ** 32n - 2n ** 20n) return ERR_PACKED_THRESHOLD;
    settings(server).packedThreshold = size === 0n ? 1 << 30 : Number(size);
    return OK;
  }
  if (sub === 'listpack' && argc === 3) return printStructure(client, argv[2] as Bytes, 'listpack');
  if (sub === 'quicklist' && (argc === 3 || argc === 4)) return printStructure(client, argv[2] as Bytes, 'quicklist');
  if (sub === 'stringmatch-test' && argc === 2) return stringmatchTest(server);
  // The sizes of a 64-bit build's structures (the same in every version checked).
  if (sub === 'structsize' && argc === 2) return 'bits:64 robj:16 dictentry:24 sdshdr5:1 sdshdr8:3 sdshdr16:5 sdshdr32:9 sdshdr64:17 ' as Bytes;
  if (sub === 'set-skip-checksum-validation' && argc === 3) {
    settings(server).skipChecksum = atoi(argv[2] as Bytes) !== 0;
    return OK;
  }
  if (sub === 'pause-cron' && argc === 3) {
    server.cronPaused = atoi(argv[2] as Bytes) !== 0;
    return OK;
  }
  if (sub === 'replybuffer' && argc === 4) return replyBuffer(client, argv);
  if (sub === 'dict-resizing' && argc === 3 && server.versionAtLeast('7.4.0')) {
    settings(server).dictResizing = atoi(argv[2] as Bytes) !== 0;
    return OK;
  }
  // Written as given (addReplySds): CR and LF become spaces, none is trimmed.
  if (sub === 'error' && argc === 3) return new ErrorReply(argv[2] as Bytes, true);
  if (sub === 'populate' && argc >= 3 && argc <= 5) return populate(client, argv);
  if (sub === 'reload') return debugReload(server, argv.slice(2));
  if (sub === 'loadaof') return debugLoadAof(server);
  return errSubcommandSyntax(argv[1] as Bytes, 'DEBUG');
};
