import type { Bytes } from './bytes.js';
import type { Client } from './client.js';
import { clientMemoryUsage, clientType, describeClient } from './mixins/connection/client/describe.js';
import { outputBufferFigures, REPLY_BUFFER_BYTES } from './output-limits.js';
import { jemallocSize } from './resp/query-buffer.js';
import type { FakeServer } from './server.js';

/** PROTO_REPLY_MIN_BYTES: the reply buffer never shrinks below this. */
const PROTO_REPLY_MIN_BYTES = 1024;
/** reply_buffer_peak_reset_time's default (DEBUG REPLYBUFFER PEAK-RESET-TIME). */
const REPLY_BUFFER_PEAK_RESET_MS = 5000;
/** CLIENTS_PEAK_MEM_USAGE_SLOTS: INFO's recent buffer maxima cover this many seconds. */
const PEAK_SLOTS = 8;
/** A maxmemory-clients limit is never under 128 KiB (getClientEvictionLimit). */
const MIN_CLIENT_EVICTION_LIMIT = 128 * 1024;
/** CLIENT_MEM_USAGE_BUCKET_MIN_LOG / MAX_LOG: eviction buckets by power of two of memory. */
const BUCKET_MIN_LOG = 15;
const BUCKET_MAX_LOG = 33;

/**
 * Redis's clientsCron for connected clients: the idle `timeout`, the query and reply
 * buffers' resizing, the recent input/output buffer maxima of INFO, each client's memory
 * figure and maxmemory-clients eviction. Redis visits numclients/hz clients per run; this
 * visits all of them. It runs every 1000/hz ms on an unref'd timer while clients are
 * connected and `timeout` or `maxmemory-clients` is set (what needs time to pass); without
 * those, only the buffer figures change, and they are caught up before each read (at most
 * once per 1000/hz ms, two runs after a longer pause) so that any command that shows them
 * sees them as a running cron would have left them; and whenever the clock is moved by hand.
 */
export class ClientsCron {
  /** INFO stats evicted_clients. */
  evictedClients = 0;
  /** Sum of the last memory figures of normal and pub/sub clients (stat_clients_type_memory). */
  private clientsMemory = 0;
  /** Counts clients entering an eviction bucket (the order of a bucket's list). */
  private bucketSequence = 0;
  private readonly peakInput = new Array<number>(PEAK_SLOTS).fill(0);
  private readonly peakOutput = new Array<number>(PEAK_SLOTS).fill(0);
  private timer: ReturnType<typeof setInterval> | undefined;
  private timerPeriod = 0;
  /** When the cron last ran, in ms on the server clock. */
  private lastRun = 0;
  /** The parameters it and the input path read, kept parsed (configChanged). */
  maxIdle = 0;
  queryBufferLimit = 1024 * 1024 * 1024;
  /** maxmemory-clients is set: client memory is followed and clients may be evicted. */
  evicting = false;
  private period = 100;
  /**
   * The time of the read being processed (Redis's cached server.unixtime), so that the
   * flush after it does not read the clock again; undefined between reads.
   */
  readTime: number | undefined;

  constructor(private readonly server: FakeServer) {}

  /** INFO client_recent_max_input_buffer. */
  get recentMaxInputBuffer(): number {
    return Math.max(...this.peakInput);
  }

  /** INFO client_recent_max_output_buffer. */
  get recentMaxOutputBuffer(): number {
    return Math.max(...this.peakOutput);
  }

  /**
   * Before a client's read (or a log line showing a client) at `now`: catches the cron up
   * when no timer runs it. Each client gets the runs it would have had since it was last
   * seen (at most two: the buffers settle in two), none when it connected less than a
   * period ago.
   */
  catchUp(now: number): void {
    if (this.timer !== undefined || now - this.lastRun < this.period) return;
    this.run(true);
  }

  /** timeout, hz, client-query-buffer-limit or maxmemory-clients changed. */
  configChanged(): void {
    const config = this.server.config;
    this.maxIdle = config.getNumber('timeout');
    this.period = 1000 / Math.max(1, config.getNumber('hz'));
    this.queryBufferLimit = config.getNumber('client-query-buffer-limit');
    this.evicting = config.get('maxmemory-clients') !== '0';
    if (!this.needsTimer()) this.stop();
    else if (this.server.clients.size > 0) this.startTimer();
  }

  /** A client connected. */
  clientConnected(): void {
    if (this.needsTimer()) this.startTimer();
  }

  /** Only time passing closes idle clients or evicts: then the cron needs a timer. */
  private needsTimer(): boolean {
    return this.maxIdle > 0 || this.evicting;
  }

  private startTimer(): void {
    const period = this.period;
    if (this.timer !== undefined && period === this.timerPeriod) return;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timerPeriod = period;
    this.timer = setInterval(() => this.run(), Math.floor(period));
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A client went away: its memory no longer counts. */
  clientRemoved(client: Client): void {
    this.clientsMemory -= client.memoryUsage;
    client.memoryUsage = 0;
    client.evictionBucket = -1;
  }

  /** updateClientMemoryUsage: the client's memory figure as it is now. */
  recordMemory(client: Client): void {
    // A closed client counts nothing (its figure was taken back when it went away).
    const memory = client.transport !== undefined && !client.monitor && !client.closed ? clientMemoryUsage(client) : 0;
    this.clientsMemory += memory - client.memoryUsage;
    client.memoryUsage = memory;
  }

  /**
   * updateClientMemUsageAndBucket: an evictable client's figure is taken and it joins the
   * bucket of its size (at the end of the bucket's list when it changes bucket); a client
   * that may not be evicted leaves its bucket. False for the latter.
   */
  updateMemory(client: Client): boolean {
    if (!this.evicting || client.noEvict || client.transport === undefined || client.monitor) {
      client.evictionBucket = -1;
      return false;
    }
    this.recordMemory(client);
    const size = bucket(client.memoryUsage);
    if (size !== client.evictionBucket) {
      client.evictionBucket = size;
      client.evictionOrder = ++this.bucketSequence;
    }
    return true;
  }

  /** One cron run over every connected client (with `catchUp`, the runs each one missed). */
  run(catchUp = false): void {
    const server = this.server;
    // Not while a client's command runs (a clock moved by hand from inside one).
    if (server.closed || server.currentClient !== undefined) return;
    const now = server.clock.now();
    this.lastRun = now;
    const slot = Math.floor(now / 1000) % PEAK_SLOTS;
    // The next second's slot starts empty (clientsCron zeroes it ahead).
    this.peakInput[(slot + 1) % PEAK_SLOTS] = 0;
    this.peakOutput[(slot + 1) % PEAK_SLOTS] = 0;
    const period = this.period;
    let connected = 0;
    for (const client of server.clients.values()) {
      if (client.transport === undefined || client.closed) continue;
      connected++;
      const runs = catchUp ? Math.min(2, Math.floor((now - client.cronSeenAt) / period)) : 1;
      for (let i = 0; i < runs && !client.closed; i++) this.visit(client, now, slot);
      if (runs > 0) client.cronSeenAt = now;
    }
    if (connected === 0 || !this.needsTimer()) this.stop();
    this.evictClients();
    server.flushIfIdle();
  }

  /** What clientsCron does for one client. */
  private visit(client: Client, now: number, slot: number): void {
    const server = this.server;
    const maxIdle = this.maxIdle;
    const idle = Math.floor(now / 1000) - Math.floor(client.lastInteractionAt / 1000);
    // clientsCronHandleTimeout: not monitors (replicas), blocked or subscribed clients.
    if (maxIdle > 0 && idle > maxIdle && !client.monitor && client.blocked === undefined && !isSubscribed(client)) {
      server.log('verbose', 'Closing idle client');
      client.closeAsync();
      client.close();
      return;
    }
    const queryBuffer = client.queryBuffer;
    queryBuffer.cron(idle, client.pendingBigBulk);
    resizeReplyBuffer(client, now);
    // clientsCronTrackExpansiveClients: query buffer, arguments and their array; the reply list.
    const argv: readonly Bytes[] | undefined = client.argv ?? (client.partialArgs.length > 0 ? client.partialArgs : undefined);
    let input = queryBuffer.memory;
    if (argv !== undefined) {
      for (const arg of argv) input += arg.length;
      input += jemallocSize(8 * Math.min(Math.max(argv.length, client.expectedArgs), 1024));
    }
    const output = outputBufferFigures(client.pendingOutput, client.replyBufferSize).omem;
    if (input > (this.peakInput[slot] as number)) this.peakInput[slot] = input;
    if (output > (this.peakOutput[slot] as number)) this.peakOutput[slot] = output;
    if (!this.updateMemory(client)) this.recordMemory(client);
  }

  /**
   * evictClients: while normal and pub/sub clients together use at least maxmemory-clients,
   * the clients in the eviction buckets (evictable ones whose figure was taken: not CLIENT
   * NO-EVICT, nor a new client before its first command ends or the cron sees it) are
   * closed, from the biggest bucket down, each bucket in the order clients entered it.
   */
  evictClients(): void {
    const limit = this.evictionLimit();
    if (limit === 0 || this.clientsMemory < limit) return;
    const server = this.server;
    const candidates: Client[] = [];
    for (const client of server.clients.values()) if (client.evictionBucket >= 0 && !client.closed) candidates.push(client);
    candidates.sort((a, b) => b.evictionBucket - a.evictionBucket || a.evictionOrder - b.evictionOrder);
    for (const client of candidates) {
      if (this.clientsMemory < limit) return;
      server.log('notice', `Evicting client: ${describeClient(client)}`);
      this.evictedClients++;
      client.closeAsync();
      client.close();
    }
    if (this.clientsMemory >= limit) server.log('warning', 'Over client maxmemory after evicting all evictable clients');
  }

  /** getClientEvictionLimit: bytes, or a percentage of maxmemory; at least 128 KiB; 0 = off. */
  private evictionLimit(): number {
    const config = this.server.config;
    const text = config.get('maxmemory-clients');
    if (text === '0') return 0;
    let limit: number;
    if (text.endsWith('%')) {
      const maxmemory = config.getNumber('maxmemory');
      if (maxmemory === 0) return 0;
      limit = Math.floor((maxmemory * Number(text.slice(0, -1))) / 100);
    } else {
      limit = Number(text);
    }
    return Math.max(limit, MIN_CLIENT_EVICTION_LIMIT);
  }
}

/**
 * clientsCronResizeOutputBuffer: the static reply buffer halves toward its recent peak
 * (not under 1 KiB) or doubles (up to 16 KiB) when the peak filled it; the peak restarts
 * every reply-buffer-peak-reset-time (5 s).
 */
function resizeReplyBuffer(client: Client, nowMs: number): void {
  const size = client.replyBufferSize;
  const peak = client.replyBufferPeak;
  let next = 0;
  if (size / 2 >= PROTO_REPLY_MIN_BYTES && peak < size / 2) next = Math.max(PROTO_REPLY_MIN_BYTES, peak + 1);
  else if (size * 2 < REPLY_BUFFER_BYTES * 2 && peak === size) next = Math.min(REPLY_BUFFER_BYTES, size * 2);
  if (nowMs - client.replyPeakResetAt >= REPLY_BUFFER_PEAK_RESET_MS) {
    // buf_peak restarts from bufpos: what is unsent of the last batch (nothing once flushed).
    client.replyBufferPeak = 0;
    client.replyPeakResetAt = nowMs;
  }
  if (next !== 0) client.replyBufferSize = jemallocSize(next);
}

function isSubscribed(client: Client): boolean {
  return clientType(client) === 'pubsub';
}

/** getMemUsageBucket: the bit length of the memory figure, clamped to the buckets. */
function bucket(memory: number): number {
  const bits = memory > 0 ? Math.floor(Math.log2(memory)) + 1 : 0;
  return Math.min(Math.max(bits, BUCKET_MIN_LOG), BUCKET_MAX_LOG);
}
