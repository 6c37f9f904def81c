import {
  type Bytes, decodeListpack, decodeZiplist, encodeListpack, type FakeServer, lzfCompress, QUICKLIST_NODE_CONTAINER_PACKED,
  QUICKLIST_NODE_CONTAINER_PLAIN, RDB_TYPE_LIST, RDB_TYPE_LIST_QUICKLIST, RDB_TYPE_LIST_QUICKLIST_2, RDB_TYPE_LIST_ZIPLIST, RdbError, type RdbReader, type RdbWriter,
} from '@fakeredis/core';
import { nodeLimitExceeded } from './nodes.js';
import { listSettings } from './settings.js';
import type { RedisList } from './value.js';

/** quicklist.c: a node is compressed only from this size, and only if LZF saves this much. */
const MIN_COMPRESS_BYTES = 48;
const MIN_COMPRESS_IMPROVE = 8;

/**
 * Lists in RDB (rdbSaveObject / rdbLoadObject): RDB_TYPE_LIST_QUICKLIST_2, each quicklist
 * node as its container type and its listpack, nodes as the list's layout has them; a
 * 7.2 listpack-encoded list as a quicklist of one node. With list-compress-depth, the
 * inner nodes are written as the LZF blobs quicklist keeps them in. Loading keeps the
 * saved nodes (7.2 then makes a single small node a listpack); RDB_TYPE_LIST (plain
 * elements) loads as pushes would build it.
 */
export const LIST_RDB_TYPES = [RDB_TYPE_LIST_QUICKLIST_2, RDB_TYPE_LIST, RDB_TYPE_LIST_QUICKLIST, RDB_TYPE_LIST_ZIPLIST];

/** rdbSaveObject of a list. */
export function saveList(list: RedisList, w: RdbWriter, server: FakeServer): void {
  const shape = list.nodeShape();
  w.length(shape.length);
  const depth = list.currentEncoding === 'listpack' ? 0 : server.config.getNumber('list-compress-depth');
  let at = 0;
  shape.forEach(({ count }, i) => {
    w.length(QUICKLIST_NODE_CONTAINER_PACKED);
    const lp = encodeListpack(list.slice(at, at + count));
    at += count;
    const inner = depth > 0 && shape.length > depth * 2 && i >= depth && i < shape.length - depth;
    if (inner && lp.length >= MIN_COMPRESS_BYTES) {
      const compressed = lzfCompress(lp, lp.length);
      if (compressed !== undefined && compressed.length + MIN_COMPRESS_IMPROVE < lp.length) {
        w.lzfBlob(compressed, lp.length);
        return;
      }
    }
    w.blob(lp);
  });
}

/** What rdbLoadObject read for a list: its nodes (and whether 7.2 makes it a listpack), or plain elements. */
export type LoadedList = { nodes: Bytes[][]; packed: boolean } | { elements: Bytes[] };

/** rdbLoadObject of a list. */
export function readList(type: number, r: RdbReader, server: FakeServer): LoadedList {
  if (type === RDB_TYPE_LIST) {
    const len = r.length();
    const elements: Bytes[] = [];
    for (let i = 0; i < len; i++) elements.push(r.string());
    return { elements };
  }
  // Redis 6 and older: a whole list as one ziplist, pushed element by element.
  if (type === RDB_TYPE_LIST_ZIPLIST) return { elements: decodeZiplist(r.blob()) };
  const v1 = type === RDB_TYPE_LIST_QUICKLIST;
  const count = r.length();
  const nodes: Bytes[][] = [];
  for (let i = 0; i < count; i++) {
    // Quicklist v1 (RDB type 14) nodes are ziplists, with no container field.
    const container = v1 ? QUICKLIST_NODE_CONTAINER_PACKED : r.length();
    if (container !== QUICKLIST_NODE_CONTAINER_PACKED && container !== QUICKLIST_NODE_CONTAINER_PLAIN) {
      throw new RdbError('Quicklist integrity check failed.');
    }
    const data = r.blob();
    if (data.length === 0) throw new RdbError('Empty quicklist node');
    if (container === QUICKLIST_NODE_CONTAINER_PLAIN) {
      nodes.push([data.toString('latin1') as Bytes]);
      continue;
    }
    const elements = v1 ? decodeZiplist(data) : decodeListpack(data);
    // Empty listpacks are skipped silently.
    if (elements.length > 0) nodes.push(elements);
  }
  // 7.2's listTypeTryConversion after the load: one node within the limits is a listpack.
  const settings = listSettings(server);
  const single = nodes.length === 1 ? (nodes[0] as Bytes[]) : undefined;
  const packed = settings.listpack && single !== undefined && !nodeLimitExceeded(settings.maxListpackSize, encodeListpack(single).length, single.length);
  return { nodes, packed };
}
