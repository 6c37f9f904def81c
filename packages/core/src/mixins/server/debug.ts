import { type Bytes, cString } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_OUT_OF_RANGE_POSITIVE, errSubcommandSyntax } from '../../errors/index.js';
import { randomHexId } from '../../hex-id.js';
import { atoi, tryParseInt64 } from '../../numbers.js';
import { ErrorReply, OK, type Reply } from '../../reply.js';
import { helpReply } from '../help.js';

/**
 * DEBUG: the subcommands a fake can honour truthfully (SLEEP, SET-ACTIVE-EXPIRE,
 * CHANGE-REPL-ID, LOG, ERROR, POPULATE, HELP). Every other subcommand, and a known one
 * with the wrong number of arguments, gets Redis's unknown-subcommand error. Whether the
 * command may run at all is protectedCommandError's decision (protected.ts).
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

export const DEBUG: CommandHandler = (client, argv) => {
  const sub = (argv[1] as Bytes).toLowerCase();
  const argc = argv.length;
  const server = client.server;
  if (sub === 'help' && argc === 2) {
    return helpReply(server, 'DEBUG', HELP_LINES);
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
    server.replicationId = randomHexId();
    return OK;
  }
  if (sub === 'log' && argc === 3) return OK;
  // Written as given (addReplySds): CR and LF become spaces, none is trimmed.
  if (sub === 'error' && argc === 3) return new ErrorReply(argv[2] as Bytes, true);
  if (sub === 'populate' && argc >= 3 && argc <= 5) return populate(client, argv);
  return errSubcommandSyntax(argv[1] as Bytes, 'DEBUG');
};
