import type { ArgumentSpec, CommandSpec, KeySpec, MetadataOverlay } from '../types.js';

/**
 * Redis 7.4.0 over 7.2.4: hash field expiration (HEXPIRE ... HPERSIST) and HSCAN's
 * NOVALUES, written from Redis's src/commands/*.json and the command documentation.
 * Data only; other command families add their 7.4 entries here.
 */

const firstKey = (flags: string[]): KeySpec[] => [
  { flags, begin_search: { index: { pos: 1 } }, find_keys: { range: { lastkey: 0, step: 1, limit: 0 } } },
];

const key: ArgumentSpec = { name: 'key', type: 'key', key_spec_index: 0 };

const fields: ArgumentSpec = {
  name: 'fields',
  token: 'FIELDS',
  type: 'block',
  arguments: [
    { name: 'numfields', type: 'integer' },
    { name: 'field', type: 'string', multiple: true },
  ],
};

const condition: ArgumentSpec = {
  name: 'condition',
  type: 'oneof',
  optional: true,
  arguments: [
    { name: 'nx', type: 'pure-token', token: 'NX' },
    { name: 'xx', type: 'pure-token', token: 'XX' },
    { name: 'gt', type: 'pure-token', token: 'GT' },
    { name: 'lt', type: 'pure-token', token: 'LT' },
  ],
};

const expireCommand = (summary: string, time: ArgumentSpec): CommandSpec => ({
  summary,
  complexity: 'O(N) where N is the number of specified fields',
  group: 'hash',
  since: '7.4.0',
  arity: -6,
  command_flags: ['WRITE', 'DENYOOM', 'FAST'],
  acl_categories: ['HASH'],
  key_specs: firstKey(['RW', 'UPDATE']),
  arguments: [key, time, condition, fields],
});

const ttlCommand = (summary: string): CommandSpec => ({
  summary,
  complexity: 'O(N) where N is the number of specified fields',
  group: 'hash',
  since: '7.4.0',
  arity: -5,
  command_flags: ['READONLY', 'FAST'],
  acl_categories: ['HASH'],
  key_specs: firstKey(['RO', 'ACCESS']),
  arguments: [key, fields],
});

export const redis74: MetadataOverlay = {
  server: 'redis',
  version: '7.4.0',
  removed: [],
  changed: {
    HEXPIRE: expireCommand('Set expiry for hash field using relative time to expire (seconds)', {
      name: 'seconds',
      type: 'integer',
    }),
    HPEXPIRE: expireCommand('Set expiry for hash field using relative time to expire (milliseconds)', {
      name: 'milliseconds',
      type: 'integer',
    }),
    HEXPIREAT: expireCommand('Set expiry for hash field using an absolute Unix timestamp (seconds)', {
      name: 'unix-time-seconds',
      type: 'unix-time',
    }),
    HPEXPIREAT: expireCommand('Set expiry for hash field using an absolute Unix timestamp (milliseconds)', {
      name: 'unix-time-milliseconds',
      type: 'unix-time',
    }),
    HTTL: ttlCommand('Returns the TTL in seconds of a hash field.'),
    HPTTL: ttlCommand('Returns the TTL in milliseconds of a hash field.'),
    HEXPIRETIME: ttlCommand('Returns the expiration time of a hash field as a Unix timestamp, in seconds.'),
    HPEXPIRETIME: ttlCommand('Returns the expiration time of a hash field as a Unix timestamp, in msec.'),
    HPERSIST: {
      summary: 'Removes the expiration time for each specified field',
      complexity: 'O(N) where N is the number of specified fields',
      group: 'hash',
      since: '7.4.0',
      arity: -5,
      command_flags: ['WRITE', 'FAST'],
      acl_categories: ['HASH'],
      key_specs: firstKey(['RW', 'UPDATE']),
      arguments: [key, fields],
    },
    HSCAN: {
      summary: 'Iterates over fields and values of a hash.',
      complexity:
        'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
      group: 'hash',
      since: '2.8.0',
      arity: -3,
      command_flags: ['READONLY'],
      acl_categories: ['HASH'],
      command_tips: ['NONDETERMINISTIC_OUTPUT'],
      key_specs: firstKey(['RO', 'ACCESS']),
      arguments: [
        key,
        { name: 'cursor', type: 'integer' },
        { token: 'MATCH', name: 'pattern', type: 'pattern', optional: true },
        { token: 'COUNT', name: 'count', type: 'integer', optional: true },
        { token: 'NOVALUES', name: 'novalues', type: 'pure-token', optional: true },
      ],
    },
  },
};
