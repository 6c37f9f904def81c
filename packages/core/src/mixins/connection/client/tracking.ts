import { type Bytes, cString, isToken } from '../../../bytes.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import { ERR_NOT_INTEGER, ERR_SYNTAX } from '../../../errors/index.js';
import { tryParseInt64 } from '../../../numbers.js';
import { ErrorReply, map, OK, SetReply } from '../../../reply.js';
import { clientTracking, disableTracking, enableTracking, sortedPrefixes, trackingRedirection } from '../../../tracking.js';

/** CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO (networking.c's clientCommand). */

const SWITCH_MODE_TAIL = 'before disabling tracking for this client, and then re-enabling it with a different mode.';

function overlaps(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/**
 * CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX p ...] [OPTIN] [OPTOUT] [NOLOOP].
 * As in Redis 7.0, two overlapping PREFIX arguments after the first one are reported as
 * an error and tracking is switched on anyway (the client gets the error, then OK).
 */
export const CLIENT_TRACKING: CommandHandler = (client, argv) => {
  let redirect = 0n;
  let bcast = false;
  let optin = false;
  let optout = false;
  let noloop = false;
  const prefixes: Bytes[] = [];
  for (let j = 3; j < argv.length; j++) {
    const arg = argv[j] as Bytes;
    const moreargs = argv.length - 1 - j > 0;
    if (isToken(arg, 'REDIRECT') && moreargs) {
      j++;
      if (redirect !== 0n) throw new ErrorReply('ERR A client can only redirect to a single other client');
      const id = tryParseInt64(argv[j] as Bytes);
      if (id === undefined) throw ERR_NOT_INTEGER;
      redirect = id;
      if (id <= 0n || id > BigInt(Number.MAX_SAFE_INTEGER) || client.server.clients.get(Number(id))?.closed !== false) {
        throw new ErrorReply('ERR The client ID you want redirect to does not exist');
      }
    } else if (isToken(arg, 'BCAST')) bcast = true;
    else if (isToken(arg, 'OPTIN')) optin = true;
    else if (isToken(arg, 'OPTOUT')) optout = true;
    else if (isToken(arg, 'NOLOOP')) noloop = true;
    else if (isToken(arg, 'PREFIX') && moreargs) prefixes.push(argv[++j] as Bytes);
    else throw ERR_SYNTAX;
  }
  const mode = argv[2] as Bytes;
  if (isToken(mode, 'OFF')) {
    disableTracking(client);
    return OK;
  }
  if (!isToken(mode, 'ON')) throw ERR_SYNTAX;
  if (!bcast && prefixes.length > 0) throw new ErrorReply('ERR PREFIX option requires BCAST mode to be enabled');
  const current = clientTracking(client);
  if (current !== undefined && current.bcast !== bcast) {
    throw new ErrorReply(`ERR You can't switch BCAST mode on/off ${SWITCH_MODE_TAIL}`);
  }
  if (bcast && (optin || optout)) throw new ErrorReply('ERR OPTIN and OPTOUT are not compatible with BCAST');
  if (optin && optout) throw new ErrorReply("ERR You can't specify both OPTIN mode and OPTOUT mode");
  if ((optin && current?.optout) || (optout && current?.optin)) {
    throw new ErrorReply(`ERR You can't switch OPTIN/OPTOUT mode ${SWITCH_MODE_TAIL}`);
  }
  if (bcast) {
    // checkPrefixCollisionsOrReply.
    for (let i = 0; i < prefixes.length; i++) {
      const prefix = prefixes[i] as Bytes;
      for (const existing of current?.prefixes ?? []) {
        if (overlaps(existing, prefix)) {
          throw new ErrorReply(
            `ERR Prefix '${cString(prefix)}' overlaps with an existing prefix '${cString(existing)}'. Prefixes for a single client must not overlap.`,
          );
        }
      }
      const other = prefixes.slice(i + 1).find((p) => overlaps(prefix, p));
      if (other !== undefined) {
        const error = new ErrorReply(
          `ERR Prefix '${cString(prefix)}' overlaps with another provided prefix '${cString(other)}'. Prefixes for a single client must not overlap.`,
        );
        if (i === 0) throw error;
        // Redis 7.0 returns the index as if it were success: the error, then tracking on.
        client.server.recordError(error);
        client.reply(error);
        break;
      }
    }
  }
  enableTracking(client, { redirect: Number(redirect), bcast, optin, optout, noloop, prefixes });
  return OK;
};

/** CLIENT CACHING YES|NO: whether the next command's keys are tracked (OPTIN / OPTOUT). */
export const CLIENT_CACHING: CommandHandler = (client, argv) => {
  const t = clientTracking(client);
  if (t === undefined) {
    throw new ErrorReply('ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled');
  }
  const option = argv[2] as Bytes;
  if (isToken(option, 'YES')) {
    if (!t.optin) throw new ErrorReply('ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.');
  } else if (isToken(option, 'NO')) {
    if (!t.optout) throw new ErrorReply('ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.');
  } else {
    throw ERR_SYNTAX;
  }
  t.caching = true;
  return OK;
};

/** CLIENT GETREDIR: the redirection's client id, 0 without one, -1 when not tracking. */
export const CLIENT_GETREDIR: CommandHandler = (client) => trackingRedirection(client);

/** CLIENT TRACKINGINFO: flags, redirect, prefixes. */
export const CLIENT_TRACKINGINFO: CommandHandler = (client) => {
  const t = clientTracking(client);
  const flags: Bytes[] = [(t ? 'on' : 'off') as Bytes];
  if (t?.bcast) flags.push('bcast' as Bytes);
  if (t?.optin) {
    flags.push('optin' as Bytes);
    if (t.caching) flags.push('caching-yes' as Bytes);
  }
  if (t?.optout) {
    flags.push('optout' as Bytes);
    if (t.caching) flags.push('caching-no' as Bytes);
  }
  if (t?.noloop) flags.push('noloop' as Bytes);
  if (t?.brokenRedirect) flags.push('broken_redirect' as Bytes);
  return map([
    ['flags' as Bytes, new SetReply(flags)],
    ['redirect' as Bytes, t ? t.redirect : -1],
    ['prefixes' as Bytes, t ? sortedPrefixes(t) : []],
  ]);
};
