/** sizeof(dictEntry) and sizeof(dictEntry*) on a 64-bit build; sizeof(listNode). */
const DICT_ENTRY_SIZE = 24;
const BUCKET_SIZE = 8;
const LIST_NODE_SIZE = 24;
const DICT_INITIAL_SIZE = 4;

/**
 * The bucket table of one of a client's subscription dicts, as Redis's dict grows it:
 * none until the first entry, 4 buckets, then doubled when an add finds it full. It
 * never shrinks (Redis resizes only the keyspace's dicts), and a grown table is counted
 * with the old one while it rehashes: here, until the dict's next change (Redis moves
 * a bucket per operation, in an order its hash seed decides).
 */
export class DictTable {
  private size = 0;
  private rehashingFrom = 0;

  /** Called before an entry is added to a dict holding `used` entries. */
  beforeAdd(used: number): void {
    this.rehashingFrom = 0;
    if (this.size === 0) this.size = DICT_INITIAL_SIZE;
    else if (used >= this.size) {
      this.rehashingFrom = this.size;
      while (this.size < used + 1) this.size *= 2;
    }
  }

  /** Called when an entry is removed. */
  changed(): void {
    this.rehashingFrom = 0;
  }

  get slots(): number {
    return this.size + this.rehashingFrom;
  }
}

/** A client's subscription tables (pubsubMemOverhead's inputs). */
export interface SubscriptionTables {
  readonly channels: DictTable;
  readonly patterns: DictTable;
  readonly shardChannels: DictTable;
}

export function newTables(): SubscriptionTables {
  return { channels: new DictTable(), patterns: new DictTable(), shardChannels: new DictTable() };
}

/** dictMemUsage: the entries and the buckets. */
export function dictMemory(entries: number, table: DictTable | undefined): number {
  return entries * DICT_ENTRY_SIZE + (table?.slots ?? 0) * BUCKET_SIZE;
}

/** Redis 7.0 keeps a client's patterns in a list: a node each. */
export function listMemory(entries: number): number {
  return entries * LIST_NODE_SIZE;
}
