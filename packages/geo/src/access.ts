import type { Bytes, Client } from '@fakeredis/core';
import type { SortedSet } from '@fakeredis/zsets';

/** lookupKeyRead + checkType: the zset at a key, undefined when absent, WRONGTYPE otherwise. */
export function readZset(client: Client, key: Bytes): SortedSet | undefined {
  return client.db.lookupTyped<SortedSet>(key, 'zset', false, client);
}
