import type { Bytes } from '../../../bytes.js';
import type { Client } from '../../../client.js';
import { outputBufferFigures } from '../../../output-limits.js';
import type { Reply } from '../../../reply.js';
import { trackingFlags, trackingMemory, trackingRedirection } from '../../../tracking.js';
import { replicaOf } from '../../../replication/replica.js';
import { valkeyClientFields } from '../../../profile-valkey.js';

/** Redis's client types, as CLIENT LIST TYPE and CLIENT KILL TYPE name them. */
export type ClientType = 'normal' | 'replica' | 'pubsub' | 'master';

/** getClientTypeByName; undefined for an unknown name. */
export function clientTypeByName(name: Bytes): ClientType | undefined {
  switch (name.toLowerCase()) {
    case 'normal':
      return 'normal';
    case 'slave':
    case 'replica':
      return 'replica';
    case 'pubsub':
      return 'pubsub';
    case 'master':
      return 'master';
    default:
      return undefined;
  }
}

/** getClientType: a client with any subscription, shard channels included, is a pub/sub client. */
export function clientType(client: Client): ClientType {
  if (isMasterClient(client)) return 'master';
  if (client.replica !== undefined) return 'replica';
  return client.subscriptionCount + client.shardChannels.size > 0 ? 'pubsub' : 'normal';
}

const INET_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.%]+\]):\d+$/;

/** A Unix-socket connection: its addresses are "path:0" rather than "ip:port". */
function isUnixSocket(client: Client): boolean {
  const local = client.transport?.localAddress;
  return local !== undefined && isUnixAddress(local);
}

/** "path:0" rather than "ip:port" (a Unix socket's address, as transports give it). */
export function isUnixAddress(address: string): boolean {
  return !INET_ADDRESS.test(address) && address.endsWith(':0');
}

/** The peer address (CLIENT LIST addr=, CLIENT KILL ADDR); "?:0" without a connection. */
export function peerAddress(client: Client): string {
  return client.transport?.remoteAddress ?? '?:0';
}

/** The local address (CLIENT LIST laddr=, CLIENT KILL LADDR); "?:0" without a connection. */
export function localAddress(client: Client): string {
  return client.transport?.localAddress ?? '?:0';
}

/** The client a replica runs its master's stream as (CLIENT_MASTER). */
function isMasterClient(client: Client): boolean {
  return replicaOf(client.server)?.masterClient === client;
}

/** The flag letters, in Redis's order (catClientInfoString); N when none. */
function flags(client: Client): string {
  let out = client.monitor ? 'O' : client.replica !== undefined ? 'S' : '';
  if (isMasterClient(client)) out += 'M';
  if (clientType(client) === 'pubsub') out += 'P';
  if (client.multi !== undefined) out += 'x';
  if (client.blocked !== undefined) out += 'b';
  out += trackingFlags(client);
  if (client.watchDirty) out += 'd';
  if (client.closing) out += 'c';
  if (isUnixSocket(client)) out += 'U';
  if (client.readonlyMode) out += 'r';
  if (client.noEvict) out += 'e';
  if (client.noTouch) out += 'T';
  return out === '' ? 'N' : out;
}

/** Bytes of a command's arguments as Redis counts them (argv_len_sum). */
function argvLength(argv: readonly Bytes[]): number {
  let sum = 0;
  for (const arg of argv) sum += arg.length;
  return sum;
}

/** zmalloc_size(client) on a 64-bit build: Redis 7.2's bigger client struct takes the next jemalloc class (measured: 128 more in tot-mem with 7.2.4 and 7.4.1). */
const CLIENT_STRUCT_SIZE = 768;
const CLIENT_STRUCT_SIZE_72 = 896;
/** sizeof(multiCmd): each slot of the queued-commands array, allocated 2, 4, 8 ... */
const MULTI_CMD_SIZE = 24;
/** sizeof(listNode) + sizeof(watchedKey): each WATCHed key; Redis 7.2 embeds a listNode in watchedKey. */
const WATCHED_KEY_SIZE = 56;
const WATCHED_KEY_SIZE_72 = 80;
/** EXEC as it sits in the query buffer while its commands run: argv ["EXEC"]. */
const EXEC_ARGV = ['exec' as Bytes];

/** Slots of the queued-commands array for `count` commands (2, then doubling). */
function multiSlots(count: number): number {
  if (count === 0) return 0;
  let slots = 2;
  while (slots < count) slots *= 2;
  return slots;
}

/** Bytes of EXEC's reply already in the output buffer: its array header, earlier replies. */
function execOutputLength(client: Client, replies: readonly Reply[]): number {
  const encoder = client.server.encoder;
  let length = `*${client.multi?.queue.length ?? 0}\r\n`.length;
  for (const reply of replies) length += encoder.encode(reply, client.protocol).length;
  return length;
}

/**
 * The arguments Redis holds in c->argv for argv-mem: the running or blocked command's
 * (EXEC's while its queue runs: Redis swaps argv but not argv_len_sum), else those read so
 * far of a request in progress. `current` is the caller's command, for the direct client.
 */
function heldArgv(client: Client, current: readonly Bytes[] | undefined): readonly Bytes[] {
  if (current !== undefined && client.execReplies !== undefined) return EXEC_ARGV;
  return client.argv ?? current ?? client.partialArgs;
}

/** multi-mem: the queued commands' arguments, and a pointer for each. */
function multiMemory(client: Client): number {
  let sum = 0;
  for (const { argv } of client.multi?.queue ?? []) sum += argvLength(argv) + 8 * argv.length;
  return sum;
}

/**
 * getClientMemoryUsage: tot-mem in CLIENT LIST, and what maxmemory-clients counts. The
 * query buffer is the modelled one (resp/query-buffer.ts); the reply buffer is taken at
 * its full 16 KiB (Redis's cron shrinks an idle one); `current` as for describeClient.
 */
export function clientMemoryUsage(client: Client, current?: readonly Bytes[]): number {
  const connected = client.transport !== undefined;
  const argv = heldArgv(client, current);
  const queueLength = client.multi?.queue.length ?? 0;
  return (
    (connected ? client.queryBuffer.memory + client.replyBufferSize : 0) +
    (client.server.versionAtLeast('7.2.0') ? CLIENT_STRUCT_SIZE_72 : CLIENT_STRUCT_SIZE) +
    outputBufferFigures(connected ? client.pendingOutput : 0, client.replyBufferSize).omem +
    argvLength(argv) +
    // A pointer per argument: inside EXEC, per argument of the queued command running.
    8 * (current ?? argv).length +
    multiMemory(client) +
    multiSlots(queueLength) * MULTI_CMD_SIZE +
    client.watched.length * (client.server.versionAtLeast('7.2.0') ? WATCHED_KEY_SIZE_72 : WATCHED_KEY_SIZE) +
    client.server.pubsub.clientMemory(client) +
    trackingMemory(client)
  );
}

/**
 * One CLIENT LIST / CLIENT INFO line (catClientInfoString), fields as Redis 7.0 prints
 * them and, from 7.2, lib-name and lib-ver. `current` is the argv of the command being
 * run when `client` is the caller; inside EXEC, EXEC's reply is then partly in the output
 * buffer. qbuf and qbuf-free follow the modelled query buffer (its length and room as
 * Redis's reads, trims and cron leave them); the reply buffer is taken at its full size,
 * not shrunk over time as Redis's cron does. obl, oll and omem (and so tot-mem) follow
 * the output the peer has not taken yet.
 */
export function describeClient(client: Client, current?: readonly Bytes[]): string {
  const server = client.server;
  const nowSeconds = Math.floor(server.clock.now() / 1000);
  const connected = client.transport !== undefined;
  const execReplies = current !== undefined ? client.execReplies : undefined;
  const queryBuffer = client.queryBuffer;
  const qbuf = connected ? queryBuffer.length : 0;
  const qbufFree = connected ? queryBuffer.alloc - queryBuffer.length : 0;
  const argvMem = argvLength(heldArgv(client, current));
  // The reply buffer holds what EXEC wrote so far, up to its size (the rest would spill over).
  // Otherwise it and the reply list (oll, omem) hold what the peer has not taken yet.
  const output = outputBufferFigures(connected ? client.pendingOutput : 0, client.replyBufferSize);
  const obl = execReplies !== undefined && connected ? Math.min(client.replyBufferSize, execOutputLength(client, execReplies)) : output.obl;
  const multiMem = multiMemory(client);
  const totalMem = clientMemoryUsage(client, current);
  const valkeyFields = valkeyClientFields(server.profile);
  const fields = [
    `id=${client.id}`,
    `addr=${peerAddress(client)}`,
    `laddr=${localAddress(client)}`,
    `fd=${connected ? client.id + 7 : -1}`,
    `name=${client.name}`,
    `age=${nowSeconds - Math.floor(client.createdAt / 1000)}`,
    `idle=${nowSeconds - Math.floor(client.lastInteractionAt / 1000)}`,
    `flags=${flags(client)}`,
    ...(valkeyFields.capa ? [`capa=${client.capaRedirect ? 'r' : ''}`] : []),
    `db=${client.db.index}`,
    `sub=${client.channels.size}`,
    `psub=${client.patterns.size}`,
    `ssub=${client.shardChannels.size}`,
    `multi=${client.multi?.queue.length ?? (valkeyFields.multiStateKept && client.multiStateKept ? 0 : -1)}`,
    // Redis 7.4 prints the number of WATCHed keys.
    ...(server.versionAtLeast('7.4.0') ? [`watch=${client.watched.length}`] : []),
    `qbuf=${qbuf}`,
    `qbuf-free=${qbufFree}`,
    `argv-mem=${argvMem}`,
    `multi-mem=${multiMem}`,
    `rbs=${connected ? client.replyBufferSize : 0}`,
    // A fresh buffer's peak is its size, until Redis's cron resets it.
    `rbp=${connected ? client.replyBufferPeak : 0}`,
    `obl=${obl}`,
    `oll=${output.oll}`,
    `omem=${output.omem}`,
    `tot-mem=${totalMem}`,
    `events=${connected ? 'r' : ''}`,
    `cmd=${client.lastCommand}`,
    `user=${client.user}`,
    `redir=${trackingRedirection(client)}`,
    `resp=${client.protocol}`,
  ];
  if (server.versionAtLeast('7.2.0')) fields.push(`lib-name=${client.libName}`, `lib-ver=${client.libVersion}`);
  if (valkeyFields.netCounters) fields.push(`tot-net-in=${client.netInputBytes}`, `tot-net-out=${client.netOutputBytes}`, `tot-cmds=${client.commandsProcessed}`);
  return fields.join(' ');
}
