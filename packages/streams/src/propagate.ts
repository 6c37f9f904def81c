import { type Bytes, callFailed, type Client, isToken, type PropagationCall, type PropagationRule } from '@fakeredis/core';
import type { ConsumerGroup, Nack } from './groups.js';
import { formatId, parseIdArg } from './id.js';
import type { RedisStream } from './stream.js';

/**
 * How the stream commands propagate (t_stream.c): XADD with the id it generated and an
 * approximate trim as the exact one it made; XREADGROUP, XCLAIM and XAUTOCLAIM only
 * through what their handlers propagate as they go (streamPropagateXCLAIM,
 * streamPropagateGroupID, streamPropagateConsumerCreation, below); the group commands
 * and XACK as sent when they changed something.
 */

function stream(call: PropagationCall): RedisStream | undefined {
  const value = call.db.peek(call.argv[1] as Bytes)?.value;
  return value !== undefined && typeof value !== 'string' && value.type === 'stream' ? (value as RedisStream) : undefined;
}

/**
 * streamRewriteApproxSpecifier and streamRewriteTrimArgument: `MAXLEN ~ n` / `MINID ~ id`
 * become `= <length after trimming>` / `= <first id left>`. Returns the index after the
 * options (XADD's id).
 */
function rewriteTrim(argv: Bytes[], first: number, s: RedisStream, isXadd: boolean): number {
  let i = first;
  while (i < argv.length) {
    const arg = argv[i] as Bytes;
    if ((isXadd && isToken(arg, 'NOMKSTREAM')) || isToken(arg, 'KEEPREF') || isToken(arg, 'DELREF') || isToken(arg, 'ACKED')) {
      i++;
    } else if (isXadd && isToken(arg, 'IDMPAUTO')) {
      i += 2;
    } else if (isXadd && isToken(arg, 'IDMP')) {
      i += 3;
    } else if (isToken(arg, 'MAXLEN') || isToken(arg, 'MINID')) {
      const maxlen = isToken(arg, 'MAXLEN');
      i++;
      const spec = argv[i];
      if (spec === '~' || spec === '=') {
        if (spec === '~') {
          argv[i] = '=' as Bytes;
          argv[i + 1] = (maxlen ? String(s.length) : formatId(s.edgeId(true, false))) as Bytes;
        }
        i++;
      }
      i++;
    } else if (isToken(arg, 'LIMIT')) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

/**
 * Clients whose last call changed something without signalling the key (server.dirty++
 * alone): Redis 8.6's XADD answering a recorded iid, XCFGSET changing a limit, XIDMPRECORD
 * recording an iid. Set by those handlers, read (and cleared) by their rules.
 */
export const dirtyWithoutSignal = new WeakSet<Client>();

/** xaddCommand: the id actually added replaces `*` / `<ms>-*`; an approximate trim is written exact. */
const xaddRule: PropagationRule = (call) => {
  const s = stream(call);
  // Redis 8.6: an XADD that found its iid recorded goes out as sent.
  if (dirtyWithoutSignal.delete(call.client)) return [call.argv];
  if (call.changes === 0 || s === undefined || typeof call.reply !== 'string') return null;
  const argv = call.argv.slice();
  const idpos = rewriteTrim(argv, 2, s, true);
  const given = parseIdArg(argv[idpos] as Bytes, 0, true, true);
  if (given === undefined || !given.seqGiven) argv[idpos] = call.reply as Bytes;
  return [argv];
};

/** xtrimCommand: an approximate trim is written exact. */
const xtrimRule: PropagationRule = (call) => {
  const s = stream(call);
  if (call.changes === 0 || s === undefined) return null;
  const argv = call.argv.slice();
  rewriteTrim(argv, 2, s, false);
  return [argv];
};

/** preventCommandPropagation: what these commands change went out as they ran. */
const propagatedByHandler: PropagationRule = () => null;

/** server.dirty++ without a key signal: as sent when the reply says it happened. */
const whenOk: PropagationRule = (call) => (callFailed(call) ? null : [call.argv]);
const whenPositive: PropagationRule = (call) => (typeof call.reply === 'number' && call.reply > 0 ? [call.argv] : null);

const whenChanged: PropagationRule = (call) => (dirtyWithoutSignal.delete(call.client) ? [call.argv] : null);

/** XDELEX / XACKDEL: as sent when an id's answer says it was deleted (1) or acknowledged (1, 2). */
const whenAnswered =
  (...codes: number[]): PropagationRule =>
  (call) => (Array.isArray(call.reply) && call.reply.some((r) => codes.includes(r as number)) ? [call.argv] : null);

export const streamPropagation: Readonly<Record<string, PropagationRule>> = {
  XADD: xaddRule,
  XTRIM: xtrimRule,
  XREADGROUP: propagatedByHandler,
  XCLAIM: propagatedByHandler,
  XAUTOCLAIM: propagatedByHandler,
  XACK: whenPositive,
  XDELEX: whenAnswered(1),
  XACKDEL: whenAnswered(1, 2),
  XSETID: whenOk,
  XGROUP_CREATE: whenOk,
  XGROUP_SETID: whenOk,
  XGROUP_DESTROY: whenPositive,
  XGROUP_CREATECONSUMER: whenPositive,
  XGROUP_DELCONSUMER: whenOk,
  // Redis 8.6: as sent when a limit changed / an iid was recorded.
  XCFGSET: whenChanged,
  XIDMPRECORD: whenChanged,
};

/**
 * streamPropagateXCLAIM: a pending entry as `XCLAIM key group <owner> 0 id TIME <delivery
 * time> RETRYCOUNT <count> FORCE JUSTID LASTID <group's last id>`, so a replica or an AOF
 * load has the same PEL. Nothing when no AOF or replica listens.
 */
export function propagateXclaim(client: Client, key: Bytes, groupName: Bytes, group: ConsumerGroup, id: Bytes, nack: Nack, lastId = group.lastId): void {
  const propagator = client.server.propagator;
  const owner = nack.consumer?.name;
  if (propagator === undefined || owner === undefined) return;
  propagator.alsoPropagate(client.db.index, [
    'XCLAIM', key, groupName, owner, '0', id, 'TIME', String(nack.deliveryTime),
    'RETRYCOUNT', String(nack.deliveryCount), 'FORCE', 'JUSTID', 'LASTID', formatId(lastId),
  ] as Bytes[]);
}

/** streamPropagateGroupID: `XGROUP SETID key group <last id> ENTRIESREAD <n>`. */
export function propagateGroupId(client: Client, key: Bytes, groupName: Bytes, group: ConsumerGroup): void {
  client.server.propagator?.alsoPropagate(client.db.index, [
    'XGROUP', 'SETID', key, groupName, formatId(group.lastId), 'ENTRIESREAD', String(group.entriesRead),
  ] as Bytes[]);
}

/** streamPropagateConsumerCreation: `XGROUP CREATECONSUMER key group consumer` (a NOACK read's new consumer). */
export function propagateConsumerCreation(client: Client, key: Bytes, groupName: Bytes, consumer: Bytes): void {
  client.server.propagator?.alsoPropagate(client.db.index, ['XGROUP', 'CREATECONSUMER', key, groupName, consumer] as Bytes[]);
}
