import { type Bytes, isToken } from './bytes.js';
import type { Client } from './client.js';
import type { Database } from './database.js';
import type { CommandEntry } from './dispatch/table.js';
import { ErrorReply, type Reply } from './reply.js';
import type { FakeServer } from './server.js';

/**
 * The propagation feed: what Redis 7.0's call() / alsoPropagate / propagatePendingCommands
 * hand to the AOF (feedAppendOnlyFile) and to replicas (replicationFeedSlaves). Each
 * executed command that changed the dataset is propagated as Redis propagates it (its
 * command's rule may rewrite it: EXPIRE → PEXPIREAT, SPOP → SREM ...), expired and evicted
 * keys as DEL / UNLINK, and an execution unit (EXEC, a script, a command with a lazy
 * expiry) that propagates more than one command is wrapped in MULTI / EXEC.
 *
 * Nothing runs while nobody listens: the dispatcher reads `server.propagator` once per
 * call and it is undefined until a listener is added.
 */

/** Redis's PROPAGATE_AOF / PROPAGATE_REPL target bits. */
export const PROPAGATE_AOF = 1;
export const PROPAGATE_REPL = 2;
export const PROPAGATE_ALL = 3;

/** One command to propagate: the database it runs in, its arguments, AOF and/or replicas. */
export interface PropagatedOp {
  readonly dbid: number;
  readonly argv: readonly Bytes[];
  readonly target: number;
  /**
   * A rule's op the command propagates itself (Redis's alsoPropagate, as SPOP with a count
   * does): the call's targets (`callTargets`) do not narrow it.
   */
  readonly also?: boolean;
}

/**
 * A consumer of the feed (the AOF, the replication stream): called once per command, in
 * order, MULTI and EXEC included, with the database it must run in. A consumer keeps its
 * own selected database and writes SELECT when it changes (see PropagationEncoder).
 */
export type PropagationListener = (dbid: number, argv: readonly Bytes[], target: number) => void;

/** What a command's propagation rule sees about one finished call. */
export interface PropagationCall {
  readonly server: FakeServer;
  readonly client: Client;
  /** The client's database after the call (what Redis's c->db is when it propagates). */
  readonly db: Database;
  readonly entry: CommandEntry;
  /** The arguments as the client sent them. */
  readonly argv: readonly Bytes[];
  /** The reply (for a blocked client served later: the reply it is served with). */
  readonly reply: Reply | undefined;
  /** Keys the call changed (Redis's server.dirty delta, as signalModifiedKey counts them). */
  readonly changes: number;
  /** True when a blocked client is served after another client's write (BLPOP woken). */
  readonly served: boolean;
}

/**
 * A command's propagation rule (Redis's rewriteClientCommandVector, alsoPropagate,
 * forceCommandPropagation and preventCommandPropagation, called after the fact):
 * undefined propagates the command as sent when it changed something (call()'s default),
 * null propagates nothing, a list propagates those commands instead (each an argv, in the
 * call's database for AOF and replicas, or a PropagatedOp). A mixin declares its rules in
 * its `propagation` record, keyed like its handlers.
 */
export type PropagationRule = (call: PropagationCall) => ReadonlyArray<readonly Bytes[] | PropagatedOp> | null | undefined;

/** The per-server state of the feed; `server.propagator` while at least one listener is attached. */
export class Propagator {
  private readonly listeners: PropagationListener[] = [];
  /** server.also_propagate: the ops of the execution unit in progress. */
  private pending: PropagatedOp[] = [];
  /** Calls completed, to tell a command that ran others (EXEC, EVAL, FCALL) from one that did not. */
  calls = 0;
  /**
   * Where the calls made now may propagate (call()'s CMD_CALL_PROPAGATE_AOF / _REPL flags):
   * a script's redis.set_repl narrows it for the commands it calls. What is propagated
   * with alsoPropagate (expired keys, a rule's `also` ops) is not narrowed.
   */
  callTargets = PROPAGATE_ALL;

  constructor(private readonly server: FakeServer) {}

  get size(): number {
    return this.listeners.length;
  }

  add(listener: PropagationListener): void {
    this.listeners.push(listener);
  }

  remove(listener: PropagationListener): boolean {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
    return this.listeners.length === 0;
  }

  /** alsoPropagate: adds a command to the execution unit in progress (sent now when none is). */
  alsoPropagate(dbid: number, argv: readonly Bytes[], target = PROPAGATE_ALL): void {
    this.pending.push({ dbid, argv, target });
    if (!this.server.inCommand) this.flush(false);
  }

  /**
   * call()'s propagation, once a handler has run: the command's rule, or the command as
   * sent when it changed keys. A command that ran others (EXEC, a script) is not
   * propagated itself: what it ran was. `ranOthers` says so.
   */
  afterCall(client: Client, entry: CommandEntry, argv: readonly Bytes[], reply: Reply | undefined, changes: number, ranOthers: boolean, served = false): void {
    this.calls++;
    if (ranOthers) return;
    const rule = entry.propagation;
    const dbid = client.db.index;
    const targets = this.callTargets;
    if (rule === undefined) {
      if (changes > 0 && targets !== 0) this.pending.push({ dbid, argv, target: targets });
      return;
    }
    const ops = rule({ server: this.server, client, db: client.db, entry, argv, reply, changes, served });
    if (ops === undefined) {
      if (changes > 0 && targets !== 0) this.pending.push({ dbid, argv, target: targets });
      return;
    }
    if (ops === null) return;
    for (const op of ops) {
      if (!isOp(op)) {
        if (targets !== 0) this.pending.push({ dbid, argv: op, target: targets });
      } else if (op.also === true || (op.target & targets) === op.target) {
        this.pending.push(op);
      } else if ((op.target & targets) !== 0) {
        this.pending.push({ dbid: op.dbid, argv: op.argv, target: op.target & targets });
      }
    }
  }

  /**
   * propagatePendingCommands: the unit's commands to every listener, wrapped in MULTI /
   * EXEC when there are several, unless `noMulti` (active expiry, eviction, commands that
   * touch arbitrary keys: RANDOMKEY, SCAN).
   */
  flush(noMulti: boolean): void {
    const ops = this.pending;
    if (ops.length === 0) return;
    this.pending = [];
    const transaction = ops.length > 1 && !noMulti;
    if (transaction) this.emit((ops[0] as PropagatedOp).dbid, MULTI, PROPAGATE_ALL);
    for (const op of ops) this.emit(op.dbid, op.argv, op.target);
    if (transaction) this.emit((ops[ops.length - 1] as PropagatedOp).dbid, EXEC, PROPAGATE_ALL);
  }

  private emit(dbid: number, argv: readonly Bytes[], target: number): void {
    for (const listener of this.listeners) listener(dbid, argv, target);
  }
}

const MULTI = ['MULTI' as Bytes];
const EXEC = ['EXEC' as Bytes];

function isOp(op: readonly Bytes[] | PropagatedOp): op is PropagatedOp {
  return !Array.isArray(op);
}

/**
 * Attaches a consumer to the server's feed; returns the function that detaches it. The
 * feed exists only while a consumer is attached.
 */
export function addPropagationListener(server: FakeServer, listener: PropagationListener): () => void {
  server.propagator ??= new Propagator(server);
  server.propagator.add(listener);
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    if (server.propagator?.remove(listener) === true) server.propagator = undefined;
  };
}

/**
 * propagateDeletion: an expired or evicted key as DEL, or UNLINK when it is freed lazily
 * (lazyfree-lazy-expire / lazyfree-lazy-eviction). Inside a command it joins the command's
 * unit (so 7.0 wraps a lazy expiry and the write that found it in MULTI / EXEC).
 */
export function propagateDeletion(server: FakeServer, db: Database, key: Bytes, lazy: boolean): void {
  server.propagator?.alsoPropagate(db.index, [lazy ? ('UNLINK' as Bytes) : ('DEL' as Bytes), key]);
}

/**
 * Encodes the feed as Redis writes it to the AOF and to a replica: each command as a RESP
 * multibulk, preceded by SELECT when its database is not the one last selected.
 */
export class PropagationEncoder {
  /** The database the reader has selected (-1: none yet, the first command selects). */
  selectedDb = -1;

  /** The bytes (latin1) for one command of the feed. */
  encode(dbid: number, argv: readonly Bytes[]): string {
    let out = '';
    if (dbid !== this.selectedDb) {
      const id = String(dbid);
      out = `*2\r\n$6\r\nSELECT\r\n$${id.length}\r\n${id}\r\n`;
      this.selectedDb = dbid;
    }
    return out + encodeCommand(argv);
  }
}

/** A command as a RESP multibulk of bulk strings (catAppendOnlyGenericCommand). */
export function encodeCommand(argv: readonly Bytes[]): string {
  let out = `*${argv.length}\r\n`;
  for (const arg of argv) out += `$${arg.length}\r\n${arg}\r\n`;
  return out;
}

/** A rule's helper: true when the call ended in an error reply. */
export function callFailed(call: PropagationCall): boolean {
  return call.reply instanceof ErrorReply;
}

/** A key's expiry, exact past 2^53, as the text PEXPIREAT / PXAT take; undefined when none. */
export function expireTimeText(db: Database, key: Bytes): Bytes | undefined {
  const entry = db.peek(key);
  if (entry === undefined || entry.expiresAt === 0) return undefined;
  return String(entry.expireTime) as Bytes;
}

/**
 * A pop served from one of several keys (BLPOP, BZPOPMIN ...) as `name key`, the key the
 * reply names first; nothing when nothing was popped.
 */
export function propagateAsPop(name: string): PropagationRule {
  return (call) => {
    const reply = call.reply;
    if (call.changes === 0 || !Array.isArray(reply)) return null;
    return [[name as Bytes, reply[0] as Bytes]];
  };
}

/**
 * LMPOP / ZMPOP and their blocking forms as `name key <n>`, n the elements popped: `first`
 * is numkeys' index, and the direction after the keys picks `ifToken`'s name when it is
 * `token`, else `otherwise`.
 */
export function propagateAsCountedPop(first: number, token: string, ifToken: string, otherwise: string): PropagationRule {
  return (call) => {
    const reply = call.reply;
    if (call.changes === 0 || !Array.isArray(reply)) return null;
    const numkeys = Number(call.argv[first]);
    const name = isToken(call.argv[first + 1 + numkeys], token) ? ifToken : otherwise;
    return [[name as Bytes, reply[0] as Bytes, String((reply[1] as Reply[]).length) as Bytes]];
  };
}
