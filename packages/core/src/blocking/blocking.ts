import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import { NO_REPLY } from '../reply.js';
import type { CommandEntry } from '../dispatch/table.js';
import type { Database } from '../database.js';
import { ErrorReply, NULL_ARRAY, type Reply } from '../reply.js';
import type { FakeServer } from '../server.js';
import { heapify, heapPop, heapPush } from '../timed-heap.js';
import { type RedisType, typeOf } from '../values/object.js';

/** A blocked client that cannot be served by this key now; it keeps its place. */
export const NOT_SERVED: unique symbol = Symbol('not served');
/** The key can serve no more clients now: stop serving it. */
export const KEY_DRAINED: unique symbol = Symbol('key drained');
export type ServeOutcome = Reply | typeof NOT_SERVED | typeof KEY_DRAINED;

/** What a blocking command waits for (BLPOP, BZPOPMIN, XREAD ...). */
export interface BlockRequest {
  /** Keys waited on, in argument order; duplicates are ignored. */
  readonly keys: readonly Bytes[];
  /** The value types whose arrival at one of the keys can serve the client. */
  readonly valueTypes: readonly RedisType[];
  /** Absolute deadline in ms on the server clock; 0 waits forever. */
  readonly deadline: number;
  /**
   * Serves the client from `key`, which holds a value of `valueType`: does the pop (and
   * what goes with it) and returns the client's reply, or NOT_SERVED / KEY_DRAINED.
   */
  serve(db: Database, key: Bytes): ServeOutcome;
  /** The reply on timeout or CLIENT UNBLOCK ... TIMEOUT; a null array by default. */
  readonly timeoutReply?: Reply;
  /**
   * Set by a command that must not go on waiting once a key it waits on is deleted or
   * becomes another type (XREADGROUP): the reply that wakes it then. Other clients keep
   * waiting through a deletion.
   */
  readonly deletedReply?: Reply;
  /**
   * Redis 7.2's unblock_on_nokey: `serve` is also called when a key waited on is deleted or
   * holds another type (a command that runs again when woken answers for itself).
   */
  readonly unblockOnNoKey?: boolean;
  /**
   * Set by BLPOP, BRPOP, BLMOVE and BRPOPLPUSH: Redis 7.0 serves them in blocked.c
   * (serveClientBlockedOnList), which adds nothing to server.dirty; from 7.2 the command
   * runs again and counts as it does (the profile's servedBlockedCommandsRerun).
   */
  readonly servedUncountedBefore72?: boolean;
}

/** A client's blocked state (Redis's c->bpop): the database it blocked in and its keys. */
export interface BlockedState {
  readonly db: Database;
  readonly keys: ReadonlySet<Bytes>;
  readonly request: BlockRequest;
  /** The blocking command, for its commandstats when it ends in an error. */
  readonly command: CommandEntry | undefined;
}

interface TimeoutEntry {
  at: number;
  readonly client: Client;
  readonly state: BlockedState;
}

/**
 * The blocking machinery (Redis's blocked.c): clients wait in a FIFO per key; after each
 * command, EXEC or script that made keys ready they are served in order; timeouts run on
 * the server's clock; an unblocked client's pipelined commands run before the server sleeps.
 */
export class BlockingManager {
  /** Clients blocked on keys (INFO blocked_clients). */
  blockedClients = 0;
  /** Blocked clients with a deadline (INFO clients_in_timeout_table). */
  clientsWithTimeout = 0;

  private readyKeys: Array<{ db: Database; key: Bytes }> = [];
  private readonly timeouts: TimeoutEntry[] = [];
  private readonly unblocked = new Set<Client>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = 0;

  constructor(private readonly server: FakeServer) {}

  get hasReadyKeys(): boolean {
    return this.readyKeys.length > 0;
  }

  /** Parks the client on its keys until served, timed out, unblocked or disconnected. */
  block(client: Client, request: BlockRequest): typeof NO_REPLY {
    const db = client.db;
    if (client.blocked !== undefined) throw new Error('a blocked client cannot block again');
    const keys = new Set(request.keys);
    const command = this.server.commands.getByFullName(client.lastCommand);
    const state: BlockedState = { db, keys, request, command };
    for (const key of keys) {
      let queue = db.blockingKeys.get(key);
      if (queue === undefined) db.blockingKeys.set(key, (queue = new Set()));
      queue.add(client);
    }
    client.blocked = state;
    this.blockedClients++;
    if (request.deadline !== 0) {
      this.clientsWithTimeout++;
      heapPush(this.timeouts, { at: request.deadline, client, state });
      this.armTimer();
    }
    return NO_REPLY;
  }

  /** Queues a key that clients wait on, once until it is handled (signalKeyAsReady). */
  signalKeyAsReady(db: Database, key: Bytes): void {
    if (!db.blockingKeys.has(key) || db.readyKeys.has(key)) return;
    db.readyKeys.add(key);
    this.readyKeys.push({ db, key });
  }

  /**
   * A key that clients wait on was deleted or overwritten (signalDeletedKeyAsReady): it is
   * looked at like a ready key, so requests with a `deletedReply` can be woken.
   */
  signalDeletedKey(db: Database, key: Bytes): void {
    this.signalKeyAsReady(db, key);
  }

  /**
   * Before a flush or SWAPDB (scanDatabaseForDeletedKeys): a waited-on key whose value goes
   * or changes type (to what `replacedWith` holds) is signalled as deleted, so requests
   * that must learn of it (XREADGROUP) are woken.
   */
  scanDatabaseForDeletedKeys(emptied: Database, replacedWith?: Database): void {
    if (emptied.blockingKeys.size === 0) return;
    for (const key of emptied.blockingKeys.keys()) {
      const before = emptied.peek(key)?.value;
      const after = replacedWith?.peek(key)?.value;
      const typeBefore = before === undefined ? undefined : typeOf(before);
      if (typeBefore !== (after === undefined ? undefined : typeOf(after))) this.signalDeletedKey(emptied, key);
    }
  }

  /**
   * After SWAPDB: every waited-on key that now holds a value may serve its clients (an
   * expired one is deleted when served, as Redis's lookup does).
   */
  scanDatabaseForReadyKeys(db: Database): void {
    for (const key of db.blockingKeys.keys()) {
      if (db.peek(key) !== undefined) this.signalKeyAsReady(db, key);
    }
  }

  /**
   * Serves clients blocked on ready keys (handleClientsBlockedOnKeys): key by key in the
   * order they became ready, each key's clients in the order they blocked. Serving may
   * make more keys ready (BLMOVE's push), so it runs until none is left.
   */
  handleReadyKeys(): void {
    while (this.readyKeys.length > 0) {
      const batch = this.readyKeys;
      this.readyKeys = [];
      for (const { db, key } of batch) {
        db.readyKeys.delete(key);
        const value = db.lookupWrite(key);
        this.serveKey(db, key, value === undefined ? undefined : typeOf(value));
      }
    }
  }

  /** Serves the clients waiting on `key`, which holds a value of `type` (none when deleted). */
  private serveKey(db: Database, key: Bytes, type: RedisType | undefined): void {
    const queue = db.blockingKeys.get(key);
    if (queue === undefined) return;
    // The live queue, as far as it reached when the key became ready: served clients leave
    // it on the way, and clients that block meanwhile wait for the next round.
    let remaining = queue.size;
    for (const client of queue) {
      if (remaining-- === 0) break;
      const state = client.blocked;
      if (state === undefined) continue;
      const request = state.request;
      if ((type === undefined || !request.valueTypes.includes(type)) && request.unblockOnNoKey !== true) {
        // A client waiting for another type keeps its place (Redis 7.0 skips it), unless
        // it asked to learn that its key went.
        if (request.deletedReply !== undefined) this.unblock(client, request.deletedReply);
        continue;
      }
      // Redis runs the command again as its client's (current_client): CLIENT NO-TOUCH holds.
      const server = this.server;
      const outerNoTouch = server.noTouchCall;
      server.noTouchCall = client.noTouch;
      let outcome: ServeOutcome;
      const changesBefore = server.keyChanges;
      const dirtyBefore = server.dirty;
      try {
        outcome = request.serve(db, key);
      } finally {
        server.noTouchCall = outerNoTouch;
      }
      // Counted as a call's changes are (invoke): its own rule, else its key changes.
      if (request.servedUncountedBefore72 === true && !server.profile.servedBlockedCommandsRerun) server.dirty = dirtyBefore;
      else if (server.dirty === dirtyBefore) server.dirty += server.keyChanges - changesBefore;
      if (outcome === KEY_DRAINED) break;
      if (outcome === NOT_SERVED) continue;
      const propagator = server.propagator;
      const argv = client.argv;
      this.unblock(client, outcome);
      // The served command propagates as its client's, in its own unit (afterCommand per client).
      if (propagator !== undefined && state.command !== undefined && argv !== undefined) {
        propagator.afterCall(client, state.command, argv, outcome, server.keyChanges - changesBefore, false, true);
        propagator.flush(false);
      }
    }
  }

  /**
   * Ends a client's wait: leaves every key's queue, sends `reply` (none when it went away)
   * and queues it so its later input runs.
   */
  unblock(client: Client, reply: Reply | undefined, failed = reply instanceof ErrorReply): void {
    const state = client.blocked;
    if (state === undefined) return;
    if (failed && state.command !== undefined) state.command.stats.failedCalls++;
    for (const key of state.keys) {
      const queue = state.db.blockingKeys.get(key);
      if (queue === undefined) continue;
      queue.delete(client);
      if (queue.size === 0) state.db.blockingKeys.delete(key);
    }
    client.blocked = undefined;
    this.blockedClients--;
    if (state.request.deadline !== 0) this.leaveTimeoutTable();
    if (client.closed) return;
    // Redis 7.2+ counts a blocking command once it ends with a reply (updateStatsOnUnblock, or
    // its call when run again); a command that runs again and waits anew is still one call.
    if (reply !== undefined && this.server.profile.blockedCommandsCountedOnUnblock && state.command !== undefined) {
      state.command.stats.calls++;
      this.server.stats.totalCommands++;
    }
    if (reply !== undefined) {
      if (reply instanceof ErrorReply) this.server.recordError(reply);
      client.reply(reply);
      this.server.markOutput(client);
    }
    this.unblocked.add(client);
  }

  /** Unblocks the client as if its timeout had passed (`failed` for CLIENT UNBLOCK). */
  timeOut(client: Client, failed = false): void {
    const state = client.blocked;
    if (state !== undefined) this.unblock(client, state.request.timeoutReply ?? NULL_ARRAY, failed);
  }

  /** Times out every client whose deadline has passed. */
  checkTimeouts(now: number): void {
    for (let top = this.timeouts[0]; top !== undefined && top.at < now; top = this.timeouts[0]) {
      heapPop(this.timeouts);
      // A client unblocked earlier (or blocked again since) leaves a stale entry behind.
      if (top.client.blocked === top.state) this.timeOut(top.client);
    }
    this.armTimer();
  }

  /**
   * Runs the pipelined input of clients unblocked since the last call (Redis's
   * processUnblockedClients in beforeSleep). Their commands may unblock others in turn.
   */
  processUnblockedClients(): void {
    while (this.unblocked.size > 0) {
      const client = this.unblocked.values().next().value as Client;
      this.unblocked.delete(client);
      if (client.blocked !== undefined || client.closed) continue;
      client.processInput();
      if (client.closing) client.close();
    }
  }

  /** A client went away: it leaves its queues without a reply. */
  clientRemoved(client: Client): void {
    this.unblock(client, undefined);
    this.unblocked.delete(client);
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * A client with a deadline stopped waiting. Its heap entry goes stale; stale entries are
   * dropped when nobody waits with a deadline, or when they outnumber the live ones.
   */
  private leaveTimeoutTable(): void {
    this.clientsWithTimeout--;
    if (this.clientsWithTimeout === 0) {
      this.timeouts.length = 0;
      this.close();
    } else if (this.timeouts.length > 2 * this.clientsWithTimeout + 64) {
      const live = this.timeouts.filter((entry) => entry.client.blocked === entry.state);
      this.timeouts.length = 0;
      this.timeouts.push(...live);
      heapify(this.timeouts);
    }
  }

  /**
   * Keeps one timer for the earliest deadline. It holds the process open, as a server with
   * a waiting client does; a clock driven by hand times clients out through its ticks.
   */
  private armTimer(): void {
    while (this.timeouts.length > 0 && (this.timeouts[0] as TimeoutEntry).client.blocked !== (this.timeouts[0] as TimeoutEntry).state) {
      heapPop(this.timeouts);
    }
    const next = this.timeouts[0];
    if (next === undefined || this.server.closed) {
      this.close();
      return;
    }
    if (this.timer !== undefined && this.timerAt <= next.at) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = next.at;
    const delay = Math.max(1, next.at - this.server.clock.now() + 1);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.server.serveTimeouts();
    }, Math.min(delay, 2 ** 31 - 1));
  }
}
