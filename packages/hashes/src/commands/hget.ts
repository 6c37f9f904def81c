import type { Bytes, CommandHandler, Reply } from '@fakeredis/core';
import { notifyGeneric, notifyHash, readHash } from './context.js';
import { LAZY_EXPIRE, LAZY_NO_NOTIFY, readField } from './field-access.js';

/** HGET key field: the value, or null. */
const hget: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = readHash(client, key);
  if (hash === undefined) return null;
  const found = readField(client, key, hash, argv[2] as Bytes, LAZY_EXPIRE);
  return typeof found === 'string' ? null : found.value;
};

/** HMGET key field ...: a value or null per field; a missing key reads as an empty hash. */
const hmget: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = readHash(client, key);
  const values: Reply[] = [];
  let expired = 0;
  let deleted = false;
  for (let i = 2; i < argv.length; i++) {
    if (hash === undefined || deleted) {
      values.push(null);
      continue;
    }
    const found = readField(client, key, hash, argv[i] as Bytes, LAZY_NO_NOTIFY);
    if (found === 'expired' || found === 'expired-hash') expired++;
    if (found === 'expired-hash') deleted = true;
    values.push(typeof found === 'string' ? null : found.value);
  }
  if (expired > 0) {
    notifyHash(client, 'hexpired', key);
    if (deleted) notifyGeneric(client, 'del', key);
  }
  return values;
};

/** HEXISTS key field: 1 or 0. */
const hexists: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = readHash(client, key);
  if (hash === undefined) return 0;
  return typeof readField(client, key, hash, argv[2] as Bytes, LAZY_EXPIRE) === 'string' ? 0 : 1;
};

/** HSTRLEN key field: the value's length, 0 when absent. */
const hstrlen: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = readHash(client, key);
  if (hash === undefined) return 0;
  const found = readField(client, key, hash, argv[2] as Bytes, LAZY_EXPIRE);
  return typeof found === 'string' ? 0 : found.value.length;
};

/** HLEN key: stored fields, logically expired ones not yet collected included, as Redis counts. */
const hlen: CommandHandler = (client, argv) => readHash(client, argv[1] as Bytes)?.size ?? 0;

export const hgetCommands: Record<string, CommandHandler> = {
  HGET: hget,
  HMGET: hmget,
  HEXISTS: hexists,
  HSTRLEN: hstrlen,
  HLEN: hlen,
};
