import type { ArgumentSpec, CommandSpec, KeySpec, MetadataOverlay } from '../types.js';
import { redis74 } from './redis-7.4.js';

/**
 * Redis 8.0.0 over 7.4.0: HGETDEL, HGETEX and HSETEX, and the HEXPIRE family without
 * DENYOOM (redis#13800), written from Redis's src/commands/*.json and the command
 * documentation. Data only; other command families add their 8.0 entries here.
 */

const firstKey = (flags: string[], notes?: string): KeySpec[] => [
  {
    ...(notes === undefined ? {} : { notes }),
    flags,
    begin_search: { index: { pos: 1 } },
    find_keys: { range: { lastkey: 0, step: 1, limit: 0 } },
  },
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

const expirationTimes: ArgumentSpec[] = [
  { name: 'seconds', type: 'integer', token: 'EX' },
  { name: 'milliseconds', type: 'integer', token: 'PX' },
  { name: 'unix-time-seconds', type: 'unix-time', token: 'EXAT' },
  { name: 'unix-time-milliseconds', type: 'unix-time', token: 'PXAT' },
];

const withoutDenyOom = (spec: CommandSpec | undefined): CommandSpec => {
  if (spec === undefined) throw new Error('the 7.4 overlay defines the HEXPIRE family');
  return { ...spec, command_flags: (spec.command_flags ?? []).filter((f) => f !== 'DENYOOM') };
};

export const redis80: MetadataOverlay = {
  server: 'redis',
  version: '8.0.0',
  removed: [],
  changed: {
    HEXPIRE: withoutDenyOom(redis74.changed.HEXPIRE),
    HPEXPIRE: withoutDenyOom(redis74.changed.HPEXPIRE),
    HEXPIREAT: withoutDenyOom(redis74.changed.HEXPIREAT),
    HPEXPIREAT: withoutDenyOom(redis74.changed.HPEXPIREAT),
    HGETDEL: {
      summary: 'Returns the value of a field and deletes it from the hash.',
      complexity: 'O(N) where N is the number of specified fields',
      group: 'hash',
      since: '8.0.0',
      arity: -5,
      command_flags: ['WRITE', 'FAST'],
      acl_categories: ['HASH'],
      key_specs: firstKey(['RW', 'ACCESS', 'DELETE']),
      arguments: [key, fields],
    },
    HGETEX: {
      summary: 'Get the value of one or more fields of a given hash key, and optionally set their expiration.',
      complexity: 'O(N) where N is the number of specified fields',
      group: 'hash',
      since: '8.0.0',
      arity: -5,
      command_flags: ['WRITE', 'FAST'],
      acl_categories: ['HASH'],
      key_specs: firstKey(['RW', 'ACCESS', 'UPDATE'], 'RW and UPDATE because it changes the TTL'),
      arguments: [
        key,
        {
          name: 'expiration',
          type: 'oneof',
          optional: true,
          arguments: [...expirationTimes, { name: 'persist', type: 'pure-token', token: 'PERSIST' }],
        },
        fields,
      ],
    },
    HSETEX: {
      summary: 'Set the value of one or more fields of a given hash key, and optionally set their expiration.',
      complexity: 'O(N) where N is the number of fields being set.',
      group: 'hash',
      since: '8.0.0',
      arity: -6,
      command_flags: ['WRITE', 'DENYOOM', 'FAST'],
      acl_categories: ['HASH'],
      key_specs: firstKey(['RW', 'UPDATE']),
      arguments: [
        key,
        {
          name: 'condition',
          type: 'oneof',
          optional: true,
          arguments: [
            { name: 'fnx', type: 'pure-token', token: 'FNX' },
            { name: 'fxx', type: 'pure-token', token: 'FXX' },
          ],
        },
        {
          name: 'expiration',
          type: 'oneof',
          optional: true,
          arguments: [...expirationTimes, { name: 'keepttl', type: 'pure-token', token: 'KEEPTTL' }],
        },
        {
          name: 'fields',
          token: 'FIELDS',
          type: 'block',
          arguments: [
            { name: 'numfields', type: 'integer' },
            {
              name: 'data',
              type: 'block',
              multiple: true,
              arguments: [
                { name: 'field', type: 'string' },
                { name: 'value', type: 'string' },
              ],
            },
          ],
        },
      ],
    },
  },
};
