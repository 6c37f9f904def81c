import type { Bytes, Client, CommandHandler, Reply } from '@fakeredis/core';
import { type End, moveElement, parseEnd } from '../ops.js';
import { listSettings } from '../settings.js';
import { listType } from '../value.js';

/**
 * lmoveGenericCommand: null when the source is absent (whatever the destination
 * holds), WRONGTYPE when either key holds another type, else the moved element.
 */
export function lmoveGeneric(client: Client, sourceKey: Bytes, destinationKey: Bytes, from: End, to: End): Reply {
  const db = client.db;
  const source = listType.write(db, sourceKey, client);
  if (source === undefined) return null;
  const destination = listType.write(db, destinationKey, client);
  return moveElement(db, sourceKey, source, destinationKey, destination, from, to, listSettings(client.server));
}

/** LMOVE source destination LEFT|RIGHT LEFT|RIGHT. */
export const LMOVE: CommandHandler = (client, argv) => {
  const from = parseEnd(argv[3] as Bytes);
  const to = parseEnd(argv[4] as Bytes);
  return lmoveGeneric(client, argv[1] as Bytes, argv[2] as Bytes, from, to);
};

/** RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT. */
export const RPOPLPUSH: CommandHandler = (client, argv) => lmoveGeneric(client, argv[1] as Bytes, argv[2] as Bytes, 'right', 'left');
