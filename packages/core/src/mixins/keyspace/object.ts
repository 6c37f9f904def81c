import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { type KeyEntry, LOOKUP_NOTOUCH_NONOTIFY } from '../../database.js';
import { ERR_LFU_NOT_SELECTED, ERR_LFU_SELECTED } from '../../errors/index.js';
import { estimateIdleTime } from '../../evict.js';
import type { Reply } from '../../reply.js';
import { helpReply } from '../help.js';
import type { FakeServer } from '../../server.js';
import type { RedisValue } from '../../values/object.js';
import { EMBSTR_SIZE_LIMIT, KEYDB_EMBSTR_SIZE_LIMIT, stringEncoding } from '../../values/string.js';

/** Redis shares the integer objects 0..9999 (OBJ_SHARED_INTEGERS) ... */
const SHARED_INTEGERS = 10000;
/** ... and reports their refcount as OBJ_SHARED_REFCOUNT. */
const SHARED_REFCOUNT = 2147483647;

/** OBJECT's lookup (objectCommandLookup): counted, but no access recorded and no `keymiss`. */
function lookup(client: Client, argv: Bytes[]): KeyEntry | undefined {
  return client.db.lookupReadEntry(argv[2] as Bytes, LOOKUP_NOTOUCH_NONOTIFY, client);
}

export const OBJECT_ENCODING: CommandHandler = (client, argv) => {
  const entry = lookup(client, argv);
  if (entry === undefined) return null;
  return encodingName(client.server, entry.value, argv[2] as Bytes) as Bytes;
};

/** A value's encoding as the server names it (Redis 6.2 calls a listpack a ziplist: ServerProfile.encodingNames). */
export function encodingName(server: FakeServer, value: RedisValue, key: Bytes): string {
  const limit = server.profile.embstrKeyedLimit;
  const embstrLimit = server.profile.stringObjects === 'keydb' ? KEYDB_EMBSTR_SIZE_LIMIT : EMBSTR_SIZE_LIMIT;
  const encoding = typeof value === 'string' ? stringEncoding(value, limit === undefined ? undefined : { limit, key }, embstrLimit) : value.encoding(server.config);
  return server.profile.encodingNames[encoding] ?? encoding;
}

/**
 * Small integers are shared objects unless an LRU/LFU maxmemory policy with a limit forbids
 * sharing (the configuration is read now; Redis decides when the value is created).
 */
function sharesIntegers(server: FakeServer): boolean {
  const policy = server.config.get('maxmemory-policy');
  return server.config.getNumber('maxmemory') === 0 || !/-(lru|lfu)$/.test(policy);
}

/** A value's refcount as Redis reports it: shared integers 2147483647, anything else 1. */
export function objectRefcount(server: FakeServer, value: RedisValue): number {
  if (typeof value === 'string' && stringEncoding(value) === 'int' && sharesIntegers(server)) {
    const n = Number(value);
    if (n >= 0 && n < SHARED_INTEGERS) return SHARED_REFCOUNT;
  }
  return 1;
}

export const OBJECT_REFCOUNT: CommandHandler = (client, argv) => {
  const entry = lookup(client, argv);
  return entry === undefined ? null : objectRefcount(client.server, entry.value);
};

/** Seconds since the last access on Redis's LRU clock (whole seconds, 24 bits: estimateObjectIdleTime). */
export const OBJECT_IDLETIME: CommandHandler = (client, argv) => {
  const entry = lookup(client, argv);
  if (entry === undefined) return null;
  if (client.server.lfuEnabled) throw ERR_LFU_SELECTED;
  return estimateIdleTime(client.server, entry) / 1000;
};

/** The LFU counter, decayed by the minutes since the last access (LFUDecrAndReturn). */
export const OBJECT_FREQ: CommandHandler = (client, argv) => {
  const entry = lookup(client, argv);
  if (entry === undefined) return null;
  if (!client.server.lfuEnabled) throw ERR_LFU_NOT_SELECTED;
  return client.db.lfuCounter(entry);
};

const HELP_LINES = [
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
];

export const OBJECT_HELP: CommandHandler = (client): Reply => helpReply(client.server, 'OBJECT', HELP_LINES);
