import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_NOT_INTEGER, ERR_SYNTAX } from '../../errors/index.js';
import { tryParseInt64 } from '../../numbers.js';
import { DoubleReply, MapReply, OK, type Reply, VerbatimReply } from '../../reply.js';
import { helpReply } from '../help.js';
import { kvobjStringSize, MutableString } from '../../values/string.js';
import { estimateMemory, keyMemoryUsage } from './memory-estimate.js';

/**
 * MEMORY USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE and HELP. USAGE sizes strings exactly as
 * Redis allocates them; the server-wide figures are the estimates INFO memory shows.
 */

const DEFAULT_SAMPLES = 5;

export const MEMORY_USAGE: CommandHandler = (client, argv) => {
  let samples = DEFAULT_SAMPLES;
  for (let j = 3; j < argv.length; j++) {
    if ((argv[j] as Bytes).toLowerCase() === 'samples' && j + 1 < argv.length) {
      const n = tryParseInt64(argv[j + 1] as Bytes);
      if (n === undefined) return ERR_NOT_INTEGER;
      if (n < 0n) return ERR_SYNTAX;
      samples = n === 0n ? 0 : Number(n);
      j++;
    } else {
      return ERR_SYNTAX;
    }
  }
  const key = argv[2] as Bytes;
  // Like Redis's dictFind: no expiry check, no access recorded.
  const entry = client.db.peek(key);
  if (entry === undefined) return null;
  const limit = client.server.profile.embstrKeyedLimit;
  const expirySlot = entry.expiresAt !== 0 || entry.expirySlot;
  if (limit !== undefined && (typeof entry.value === 'string' || entry.value instanceof MutableString)) return kvobjStringSize(key, entry.value, expirySlot, limit);
  return keyMemoryUsage(key, entry.value, samples, client.server.profile, expirySlot);
};

/** Redis reports these ratios from C floats. */
const float = (x: number) => new DoubleReply(Math.fround(x));

export const MEMORY_STATS: CommandHandler = (client) => {
  const m = estimateMemory(client.server);
  const net = m.used - m.startup;
  const entries: Array<[string, Reply]> = [
    ['peak.allocated', m.peak],
    ['total.allocated', m.used],
    ['startup.allocated', m.startup],
    ['replication.backlog', 0],
    ['clients.slaves', 0],
    ['clients.normal', m.clients],
    ['cluster.links', 0],
    ['aof.buffer', 0],
    ['lua.caches', 0],
    ['functions.caches', 200],
  ];
  for (const db of m.databases) {
    entries.push([`db.${db.index}`, new MapReply([
      ['overhead.hashtable.main' as Bytes, db.main],
      ['overhead.hashtable.expires' as Bytes, db.expires],
      ['overhead.hashtable.slot-to-keys' as Bytes, 0],
    ])]);
  }
  entries.push(
    ['overhead.total', m.overhead],
    ['keys.count', m.keys],
    ['keys.bytes-per-key', m.keys === 0 ? 0 : Math.floor(net / m.keys)],
    ['dataset.bytes', m.dataset],
    ['dataset.percentage', float(net === 0 ? 0 : (m.dataset * 100) / net)],
    ['peak.percentage', float((m.used * 100) / m.peak)],
    ['allocator.allocated', m.used],
    ['allocator.active', m.used],
    ['allocator.resident', m.used],
    ['allocator-fragmentation.ratio', float(1)],
    ['allocator-fragmentation.bytes', 0],
    ['allocator-rss.ratio', float(1)],
    ['allocator-rss.bytes', 0],
    ['rss-overhead.ratio', float(1)],
    ['rss-overhead.bytes', 0],
    ['fragmentation', float(1)],
    ['fragmentation.bytes', 0],
  );
  return new MapReply(entries.map(([k, v]) => [k as Bytes, v]));
};

const EMPTY_REPORT =
  "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
const NO_ISSUES_REPORT = "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";
const PEAK_REPORT =
  'Sam, I detected a few issues in this Redis instance memory implants:\n\n' +
  ' * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n' +
  "I'm here to keep you safe, Sam. I want to help you.\n";

/** Redis's memory doctor over the estimates: empty under 5MB, else only a past peak can show. */
export const MEMORY_DOCTOR: CommandHandler = (client) => {
  const m = estimateMemory(client.server);
  const report = m.used < 5 * 1024 * 1024 ? EMPTY_REPORT : Math.fround(m.peak / m.used) > 1.5 ? PEAK_REPORT : NO_ISSUES_REPORT;
  return new VerbatimReply('txt', report as Bytes);
};

const HELP_LINES = [
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
];

/**
 * MEMORY MALLOC-STATS: the fake has no allocator whose statistics it could print (jemalloc's
 * report is its internal state); it answers as Redis built without jemalloc answers.
 */
export const MEMORY_MALLOC_STATS: CommandHandler = () => 'Stats not supported for the current allocator' as Bytes;

/** Nothing for an allocator to give back: Redis answers OK likewise without jemalloc. */
export const MEMORY_PURGE: CommandHandler = () => OK;

export const MEMORY_HELP: CommandHandler = (client) => helpReply(client.server, 'MEMORY', HELP_LINES);
