import type { MetadataOverlay } from '@fakeredis/core';

/**
 * The TS.* commands as redistimeseries.so 1.12.14 registers them in Redis 7.0 (COMMAND
 * INFO of the module loaded; factual fields of /work/shared/commands/redistimeseries-1.12.14.json):
 * arity -1, the flags of RMUtil_Register*Cmd, key specs from (first, last, step), none for
 * the commands that find their keys by label. The module registers no docs.
 */
const KEY1 = [{ flags: ['RW', 'ACCESS', 'UPDATE'], begin_search: { index: { pos: 1 } }, find_keys: { range: { lastkey: 0, step: 1, limit: 0 } } }];
const write = { group: 'module', arity: -1, command_flags: ['WRITE', 'DENYOOM'], acl_categories: [], key_specs: KEY1 };
const del = { group: 'module', arity: -1, command_flags: ['WRITE'], acl_categories: [], key_specs: KEY1 };
const read = { group: 'module', arity: -1, command_flags: ['READONLY'], acl_categories: [], key_specs: KEY1 };
const byLabel = { group: 'module', arity: -1, command_flags: ['READONLY'], acl_categories: [], key_specs: [] };

export const TIMESERIES_METADATA: MetadataOverlay[] = [{ server: 'redis', version: '7.0.0', removed: [], changed: {
  'TS.CREATE': write,
  'TS.ALTER': write,
  'TS.CREATERULE': write,
  'TS.DELETERULE': del,
  'TS.ADD': write,
  'TS.INCRBY': write,
  'TS.DECRBY': write,
  'TS.RANGE': read,
  'TS.REVRANGE': read,
  'TS.QUERYINDEX': byLabel,
  'TS.INFO': read,
  'TS.GET': read,
  'TS.DEL': del,
  'TS.MADD': { ...write, key_specs: [{ flags: ['RW', 'ACCESS', 'UPDATE'], begin_search: { index: { pos: 1 } }, find_keys: { range: { lastkey: -1, step: 3, limit: 0 } } }] },
  'TS.MRANGE': byLabel,
  'TS.MREVRANGE': byLabel,
  'TS.MGET': byLabel,
} }] as MetadataOverlay[];
