import type { Bytes, CommandHandler, Reply } from '@fakeredis/core';
import { hashType } from '../value/hash-value.js';
import { LAZY_EXPIRE, LAZY_QUIET, readField } from './field-access.js';

/** HGET key field: the value, or null. */
export const HGET: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = hashType.read(client, key);
  if (hash === undefined) return null;
  const found = readField(client, key, hash, argv[2] as Bytes, LAZY_EXPIRE);
  return typeof found === 'string' ? null : found.value;
};

/**
 * HMGET key field ...: a value or null per field; a missing key reads as an empty hash.
 * Fields found expired are deleted, with one "hexpired" (and "del" for an emptied hash)
 * after the loop.
 */
export const HMGET: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = hashType.read(client, key);
  const values: Reply[] = [];
  let expired = 0;
  for (let i = 2; i < argv.length; i++) {
    if (hash === undefined) {
      values.push(null);
      continue;
    }
    const found = readField(client, key, hash, argv[i] as Bytes, LAZY_QUIET);
    if (found === 'expired') expired++;
    values.push(typeof found === 'string' ? null : found.value);
  }
  if (hash !== undefined && expired > 0) {
    client.db.signalModifiedKey(key);
    hashType.notify(client.db, 'hexpired', key);
    hashType.deleteIfEmpty(client.db, key, hash);
  }
  return values;
};

/** HEXISTS key field: 1 or 0. */
export const HEXISTS: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = hashType.read(client, key);
  if (hash === undefined) return 0;
  return typeof readField(client, key, hash, argv[2] as Bytes, LAZY_EXPIRE) === 'string' ? 0 : 1;
};

/** HSTRLEN key field: the value's length, 0 when absent. */
export const HSTRLEN: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = hashType.read(client, key);
  if (hash === undefined) return 0;
  const found = readField(client, key, hash, argv[2] as Bytes, LAZY_EXPIRE);
  return typeof found === 'string' ? 0 : found.value.length;
};

/** HLEN key: stored fields, logically expired ones not yet collected included, as Redis counts. */
export const HLEN: CommandHandler = (client, argv) => hashType.read(client, argv[1] as Bytes)?.size ?? 0;
