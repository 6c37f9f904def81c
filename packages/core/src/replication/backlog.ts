/**
 * The replication backlog as Redis 7.0 keeps it (replication.c's repl_buffer_blocks):
 * the stream in blocks of at least 16 KiB, each taking its jemalloc size class, trimmed a
 * whole block at a time once the history passes `repl-backlog-size` (never below it, never
 * to less than one block). So INFO's repl_backlog_histlen, repl_backlog_first_byte_offset
 * and the replication buffer memory are Redis's figures, and a PSYNC is served from the
 * same range of offsets Redis could serve.
 *
 * Replicas do not hold blocks here (Redis's refcount): their output is written out at the
 * end of each command, so only a replica behind by more than the backlog would keep a
 * block alive in Redis.
 */

/** PROTO_REPLY_CHUNK_BYTES: the smallest block. */
const CHUNK_BYTES = 16 * 1024;
/** sizeof(replBufBlock): its header before the bytes. */
const BLOCK_HEADER = 40;
/** sizeof(listNode): each block sits in a list. */
const LIST_NODE = 24;
/** sizeof(raxNode) (the index's head node) and a pointer per indexed block. */
const RAX_NODE = 4;
/** REPL_BACKLOG_INDEX_PER_BLOCKS: one index entry every this many blocks. */
const INDEX_PER_BLOCKS = 64;

/** jemalloc's size class for an allocation of `n` bytes (n above 4 KiB: 4 classes per doubling). */
export function jemallocSizeClass(n: number): number {
  if (n <= 4096) {
    let size = 8;
    while (size < n) size *= 2;
    return size;
  }
  const spacing = 2 ** (Math.floor(Math.log2(n - 1)) - 2);
  return Math.ceil(n / spacing) * spacing;
}

interface Block {
  /** Replication offset of the block's first byte. */
  readonly offset: number;
  /** Usable bytes (the allocation's size class less the header). */
  readonly size: number;
  used: number;
  /** The bytes, as latin1 pieces. */
  readonly data: string[];
}

export class ReplicationBacklog {
  private readonly blocks: Block[] = [];
  private head = 0;
  /** Bytes of stream held (repl_backlog->histlen). */
  histlen = 0;
  /** Offset of the first byte held (repl_backlog->offset). */
  offset: number;
  /** repl_buffer_mem: every block's allocation and list node. */
  memory = 0;
  private unindexed = 0;
  private indexed = 0;

  /** An empty backlog whose first byte will be the next one after `masterOffset`. */
  constructor(masterOffset: number) {
    this.offset = masterOffset + 1;
  }

  /**
   * feedReplicationBuffer: appends `data` (latin1) and returns the new master offset. The
   * tail block takes what fits; the rest goes in a new block sized for it (between 16 KiB
   * and a sixteenth of the backlog size), after which the backlog is trimmed.
   */
  feed(data: string, masterOffset: number, backlogSize: number): number {
    let pos = 0;
    const length = data.length;
    while (pos < length) {
      const tail = this.blocks.length > this.head ? this.blocks[this.blocks.length - 1] : undefined;
      if (tail !== undefined && tail.used < tail.size) {
        const copy = Math.min(tail.size - tail.used, length - pos);
        tail.data.push(pos === 0 && copy === length ? data : data.slice(pos, pos + copy));
        tail.used += copy;
        pos += copy;
        masterOffset += copy;
        this.histlen += copy;
      }
      if (pos < length) {
        const rest = length - pos;
        const limit = Math.max(Math.floor(backlogSize / 16), CHUNK_BYTES);
        const wanted = Math.min(Math.max(rest, CHUNK_BYTES), limit);
        const allocated = jemallocSizeClass(wanted + BLOCK_HEADER);
        const size = allocated - BLOCK_HEADER;
        const copy = Math.min(size, rest);
        this.blocks.push({ offset: masterOffset + 1, size, used: copy, data: [pos === 0 && copy === length ? data : data.slice(pos, pos + copy)] });
        this.memory += allocated + LIST_NODE;
        pos += copy;
        masterOffset += copy;
        this.histlen += copy;
        if (++this.unindexed >= INDEX_PER_BLOCKS) {
          this.unindexed = 0;
          this.indexed++;
        }
        this.trim(backlogSize, masterOffset);
      }
    }
    return masterOffset;
  }

  /**
   * incrementalTrimReplicationBacklog: drops whole first blocks while the history stays
   * above `backlogSize` without them (CONFIG SET repl-backlog-size calls it too).
   */
  trim(backlogSize: number, masterOffset: number): void {
    while (this.histlen > backlogSize && this.blocks.length - this.head > 1) {
      const first = this.blocks[this.head] as Block;
      if (this.histlen - first.size <= backlogSize) break;
      this.histlen -= first.size;
      this.memory -= first.size + BLOCK_HEADER + LIST_NODE;
      this.blocks[this.head] = undefined as unknown as Block;
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.blocks.length) {
      this.blocks.splice(0, this.head);
      this.head = 0;
    }
    this.offset = masterOffset - this.histlen + 1;
  }

  /** The memory INFO counts for the backlog: its blocks and the index (mem_replication_backlog). */
  get indexMemory(): number {
    return RAX_NODE * (1 + this.indexed) + 8 * this.indexed;
  }

  /** The bytes from replication offset `from` (held by the backlog) to the end, in pieces (addReplyReplicationBacklog). */
  from(from: number): string[] {
    const out: string[] = [];
    for (let i = this.head; i < this.blocks.length; i++) {
      const block = this.blocks[i] as Block;
      const end = block.offset + block.used;
      if (end <= from) continue;
      const joined = block.data.length === 1 ? (block.data[0] as string) : block.data.join('');
      out.push(from > block.offset ? joined.slice(from - block.offset) : joined);
    }
    return out;
  }
}
