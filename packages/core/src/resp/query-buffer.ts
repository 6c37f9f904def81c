/**
 * The size of a client's query buffer as Redis 7.0 keeps it (an sds string grown by
 * readQueryFromClient, trimmed after each read, resized by clientsCron), for CLIENT
 * LIST's qbuf / qbuf-free, the memory figures and client-query-buffer-limit. The bytes
 * themselves live in the RequestParser; this follows only the lengths, with jemalloc's
 * size classes, so that the figures are Redis's own for the same reads.
 */

/** PROTO_IOBUF_LEN: what one read asks for. */
export const PROTO_IOBUF_LEN = 16 * 1024;
/** PROTO_RESIZE_THRESHOLD: a buffer this big is shrunk by the cron when little of it was used. */
const PROTO_RESIZE_THRESHOLD = 32 * 1024;
/** SDS_MAX_PREALLOC: greedy growth doubles up to this size, then adds it. */
const SDS_MAX_PREALLOC = 1024 * 1024;

/** jemalloc's usable size for a request of `size` bytes (4 size classes per doubling). */
export function jemallocSize(size: number): number {
  if (size <= 8) return 8;
  if (size <= 128) return Math.ceil(size / 16) * 16;
  const step = 2 ** Math.floor(Math.log2(size - 1)) / 4;
  return Math.ceil(size / step) * step;
}

/** sdsReqType's header size for a string of `length` (type 5 is never used for a buffer). */
function headerSize(length: number): number {
  return length < 256 ? 3 : length < 65536 ? 5 : length < 2 ** 32 ? 9 : 17;
}

/** The longest string an sds header type holds. */
function typeMax(header: number): number {
  return header === 3 ? 255 : header === 5 ? 65535 : header === 9 ? 2 ** 32 - 1 : Number.MAX_SAFE_INTEGER;
}

export class QueryBufferSize {
  /** sdslen: bytes held. */
  length = 0;
  /** sdsalloc: bytes it can hold (qbuf-free is alloc - length). */
  alloc = 4;
  /** zmalloc_size of the allocation, header included (tot-mem, client eviction). */
  memory = 8;
  /** querybuf_peak: the longest it was since the cron last looked. */
  peak = 0;
  private header = 3;

  /**
   * The room one read gets before it reads (readQueryFromClient): 16 KiB, or what the
   * big argument being read still lacks, with non-greedy growth for a small buffer or a
   * big argument, else greedy growth and all the free space. Returns the read length.
   */
  prepareRead(bigArgumentMissing: number): number {
    let readLength = PROTO_IOBUF_LEN;
    const big = bigArgumentMissing >= 0;
    if (big && bigArgumentMissing > 0) readLength = bigArgumentMissing;
    if (big || this.alloc < PROTO_IOBUF_LEN) {
      this.makeRoom(readLength, false);
    } else {
      this.makeRoom(readLength, true);
      readLength = this.alloc - this.length;
    }
    return readLength;
  }

  /** `bytes` arrived. */
  received(bytes: number): void {
    this.length += bytes;
    if (this.length > this.peak) this.peak = this.length;
  }

  /**
   * The buffer was trimmed to what is not parsed yet. A big argument whose header was
   * read gets room for all of it (processMultibulkBuffer's sdsMakeRoomForNonGreedy).
   */
  trimmed(unparsed: number, pendingBigBulk: number): void {
    this.length = unparsed;
    if (pendingBigBulk >= 0 && unparsed <= pendingBigBulk + 2) this.makeRoom(pendingBigBulk + 2 - unparsed, false);
  }

  /** A big argument became the buffer itself: a new, empty one of its size replaces it. */
  argumentTaken(length: number): void {
    const size = length + 2;
    this.header = headerSize(size);
    this.memory = jemallocSize(this.header + size + 1);
    this.alloc = Math.min(this.memory - this.header - 1, typeMax(this.header));
    this.length = 0;
  }

  /**
   * clientsCronResizeQueryBuffer: with more than 4 KiB free, an idle buffer (over 2 s)
   * loses its free space, and a big one shrinks to its recent peak; the peak restarts.
   */
  cron(idleSeconds: number, pendingBulk: number): void {
    if (this.alloc - this.length > 4 * 1024) {
      if (idleSeconds > 2) {
        this.resize(this.length);
      } else if (this.alloc > PROTO_RESIZE_THRESHOLD && this.alloc / 2 > this.peak) {
        this.resize(Math.max(this.length, this.peak, pendingBulk));
      }
    }
    this.peak = Math.max(this.length, pendingBulk);
  }

  /** sdsMakeRoomFor (greedy) / sdsMakeRoomForNonGreedy. */
  private makeRoom(extra: number, greedy: boolean): void {
    if (this.alloc - this.length >= extra) return;
    let size = this.length + extra;
    if (greedy) size = size < SDS_MAX_PREALLOC ? size * 2 : size + SDS_MAX_PREALLOC;
    this.header = headerSize(size);
    this.memory = jemallocSize(this.header + size + 1);
    this.alloc = Math.min(this.memory - this.header - 1, typeMax(this.header));
  }

  /** sdsResize(s, size, would_regrow): the allocation fits `size` exactly (alloc = size). */
  private resize(size: number): void {
    if (this.alloc === size) return;
    const header = headerSize(size);
    // realloc keeps the old header when the type is the same or still wider than type 8.
    if (header !== this.header && !(header < this.header && header > 3)) this.header = header;
    this.memory = jemallocSize(this.header + size + 1);
    this.alloc = size;
  }
}
