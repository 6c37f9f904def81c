import type { Bytes } from '../../../bytes.js';
import type { Client } from '../../../client.js';
import {
  ERR_CLIENT_ID_POSITIVE,
  ERR_MAXAGE_NOT_INTEGER,
  ERR_MAXAGE_POSITIVE,
  ERR_SYNTAX,
  errNoSuchUser,
  errUnknownClientType,
} from '../../../errors/index.js';
import { tryParseInt64 } from '../../../numbers.js';
import { hasArgumentToken } from '../../../profile.js';
import { ErrorReply } from '../../../reply.js';
import type { FakeServer } from '../../../server.js';
import { trackingFlags } from '../../../tracking.js';
import { userExists } from '../auth.js';
import { type ClientType, clientType, isUnixAddress, localAddress, peerAddress } from './describe.js';
import { clientTypeOf } from './kill.js';

/**
 * Valkey's client filters (networking.c's parseClientFiltersOrReply and clientMatchesFilter),
 * shared by CLIENT KILL and, from 8.1, CLIENT LIST: ID takes every id that follows, and each
 * option exists where the version's CLIENT KILL metadata names its token (8.1: ID, TYPE, USER,
 * ADDR, LADDR, SKIPME, MAXAGE; 9.0 adds NAME, IDLE, FLAGS, LIB-NAME, LIB-VER, DB, CAPA, IP and
 * a NOT- form of each but SKIPME, MAXAGE and IDLE).
 */
/**
 * A parsed filter. clientMatchesFilter (matchesClientFilter) also serves Redis's CLIENT KILL
 * filters (kill.ts parses them: one ID, no NOT- forms).
 */
export interface ClientFilter {
  ids?: Set<bigint>;
  notIds?: Set<bigint>;
  type?: ClientType;
  notType?: ClientType;
  addr?: Bytes;
  notAddr?: Bytes;
  laddr?: Bytes;
  notLaddr?: Bytes;
  user?: Bytes;
  notUser?: Bytes;
  skipMe: boolean;
  maxAge?: bigint;
  idle?: bigint;
  flags?: string;
  notFlags?: string;
  name?: Bytes;
  notName?: Bytes;
  libName?: Bytes;
  notLibName?: Bytes;
  libVer?: Bytes;
  notLibVer?: Bytes;
  db?: number;
  notDb?: number;
  capa?: string;
  notCapa?: string;
  ip?: Bytes;
  notIp?: Bytes;
}

/** True where the profile's CLIENT LIST takes filters (Valkey 8.1+): both commands then parse them here. */
export function hasValkeyClientFilters(server: FakeServer): boolean {
  return hasArgumentToken(server.profile, 'CLIENT LIST', 'SKIPME');
}

const FLAG_LETTERS = new Set('OSMPxbtRBdcuAUreTIiEN');

const ERR_IDLE_NOT_INTEGER = new ErrorReply('ERR idle is not an integer or out of range');
const ERR_IDLE_POSITIVE = new ErrorReply('ERR idle should be greater than 0');

function parseIds(argv: readonly Bytes[], at: number, into: Set<bigint>): number {
  let i = at;
  for (; i < argv.length; i++) {
    const id = tryParseInt64(argv[i] as Bytes);
    // The list ends at the first argument that is no number (the next option).
    if (id === undefined) break;
    if (id < 1n) throw ERR_CLIENT_ID_POSITIVE;
    into.add(id);
  }
  return i;
}

function parseDb(server: FakeServer, arg: Bytes, prefix: string): number {
  const n = tryParseInt64(arg);
  if (n === undefined || n < -2147483648n || n > 2147483647n) throw new ErrorReply(`ERR ${prefix} is not an integer or out of range`);
  const databases = server.config.getNumber('databases');
  if (n < 0n || n >= BigInt(databases)) throw new ErrorReply(`ERR ${prefix} number should be between 0 and ${databases - 1}`);
  return Number(n);
}

function checkLetters(value: Bytes, allowed: (c: string) => boolean, error: string): string {
  for (const c of value) if (!allowed(c)) throw new ErrorReply(`ERR ${error}: ${value}`);
  return value;
}

/** Parses filters from argv[at] on; `skipMe` is the default (yes for KILL, no for LIST). */
export function parseValkeyClientFilter(server: FakeServer, argv: readonly Bytes[], at: number, skipMe: boolean): ClientFilter {
  const filter: ClientFilter = { skipMe };
  const has = (token: string) => hasArgumentToken(server.profile, 'CLIENT KILL', token);
  let i = at;
  while (i < argv.length) {
    const option = (argv[i] as Bytes).toLowerCase();
    const value = argv[i + 1];
    if (option === 'id') {
      i = parseIds(argv, i + 1, (filter.ids ??= new Set()));
      continue;
    }
    if (option === 'not-id' && has('NOT-ID')) {
      i = parseIds(argv, i + 1, (filter.notIds ??= new Set()));
      continue;
    }
    if (value === undefined || !has(option.toUpperCase())) throw ERR_SYNTAX;
    switch (option) {
      case 'maxage': {
        const age = tryParseInt64(value);
        if (age === undefined) throw ERR_MAXAGE_NOT_INTEGER;
        if (age <= 0n) throw ERR_MAXAGE_POSITIVE;
        filter.maxAge = age;
        break;
      }
      case 'idle': {
        const idle = tryParseInt64(value);
        if (idle === undefined) throw ERR_IDLE_NOT_INTEGER;
        if (idle <= 0n) throw ERR_IDLE_POSITIVE;
        filter.idle = idle;
        break;
      }
      case 'type':
      case 'not-type': {
        const type = clientTypeOf(server, value);
        if (type === undefined) throw errUnknownClientType(value);
        if (option === 'type') filter.type = type;
        else filter.notType = type;
        break;
      }
      case 'user':
      case 'not-user':
        if (!userExists(server, value)) throw errNoSuchUser(value);
        if (option === 'user') filter.user = value;
        else filter.notUser = value;
        break;
      case 'skipme': {
        const answer = value.toLowerCase();
        if (answer !== 'yes' && answer !== 'no') throw ERR_SYNTAX;
        filter.skipMe = answer === 'yes';
        break;
      }
      case 'flags':
        filter.flags = checkLetters(value, (c) => FLAG_LETTERS.has(c), 'Unknown flags found in the provided filter');
        break;
      case 'not-flags':
        filter.notFlags = checkLetters(value, (c) => FLAG_LETTERS.has(c), 'Unknown flags found in the NOT-FLAGS filter');
        break;
      case 'capa':
        filter.capa = checkLetters(value, (c) => c === 'r', 'Unknown capa found in the provided filter');
        break;
      case 'not-capa':
        filter.notCapa = checkLetters(value, (c) => c === 'r', 'Unknown capa found in the NOT-CAPA filter');
        break;
      case 'db':
        filter.db = parseDb(server, value, 'DB');
        break;
      case 'not-db':
        filter.notDb = parseDb(server, value, 'NOT-DB');
        break;
      case 'addr': filter.addr = value; break;
      case 'not-addr': filter.notAddr = value; break;
      case 'laddr': filter.laddr = value; break;
      case 'not-laddr': filter.notLaddr = value; break;
      case 'name': filter.name = value; break;
      case 'not-name': filter.notName = value; break;
      case 'lib-name': filter.libName = value; break;
      case 'not-lib-name': filter.notLibName = value; break;
      case 'lib-ver': filter.libVer = value; break;
      case 'not-lib-ver': filter.notLibVer = value; break;
      case 'ip': filter.ip = value; break;
      case 'not-ip': filter.notIp = value; break;
      default:
        throw ERR_SYNTAX;
    }
    i += 2;
  }
  return filter;
}

/** clientMatchesFlagFilter: the client has every flag the letters name (N: none of them). */
function hasFlags(client: Client, letters: string): boolean {
  const tracking = trackingFlags(client);
  const local = client.transport?.localAddress;
  const unix = local !== undefined && isUnixAddress(local);
  const type = clientType(client);
  for (const letter of letters) {
    let on: boolean;
    switch (letter) {
      case 'O': on = client.monitor; break;
      // A monitor is a replica to Valkey too.
      case 'S': on = client.replica !== undefined || client.monitor; break;
      case 'M': on = type === 'master'; break;
      case 'P': on = type === 'pubsub'; break;
      case 'x': on = client.multi !== undefined; break;
      case 'b': on = client.blocked !== undefined; break;
      case 't': case 'R': case 'B': on = tracking.includes(letter); break;
      case 'd': on = client.watchDirty; break;
      case 'c': on = client.closing; break;
      case 'A': on = client.closeAsap; break;
      case 'U': on = unix; break;
      case 'e': on = client.noEvict; break;
      case 'T': on = client.noTouch; break;
      case 'N':
        on = !(client.replica !== undefined || client.monitor || type === 'master' || type === 'pubsub' || client.multi !== undefined || client.blocked !== undefined ||
          tracking !== '' || client.watchDirty || client.closing || client.closeAsap || unix || client.noEvict || client.noTouch);
        break;
      // u (unblocked, for an instant), r (cluster READONLY), I (import source), i and E (slot migration): never so here.
      default: on = false;
    }
    if (!on) return false;
  }
  return true;
}

/** clientMatchesCapaFilter: r, the client declared CLIENT CAPA REDIRECT. */
function hasCapa(client: Client, letters: string): boolean {
  for (const letter of letters) if (letter !== 'r' || !client.capaRedirect) return false;
  return true;
}

/** clientMatchesIpFilter: the peer's address is that ip (IPv6 in brackets) and a port that is not 0. */
function hasIp(client: Client, ip: string): boolean {
  let peer = peerAddress(client);
  if (peer.startsWith('[')) peer = peer.slice(1);
  if (!peer.startsWith(ip)) return false;
  peer = peer.slice(ip.length);
  if (peer.startsWith(']')) peer = peer.slice(1);
  return peer.startsWith(':') && peer[1] !== '0';
}

/** clientMatchesFilter: the target passes every option given. */
export function matchesClientFilter(filter: ClientFilter, target: Client, caller: Client): boolean {
  const now = Math.floor(caller.server.clock.now() / 1000);
  const name = target.name === '' ? undefined : target.name;
  const libName = target.libName === '' ? undefined : target.libName;
  const libVer = target.libVersion === '' ? undefined : target.libVersion;
  if (filter.addr !== undefined && peerAddress(target) !== filter.addr) return false;
  if (filter.laddr !== undefined && localAddress(target) !== filter.laddr) return false;
  if (filter.type !== undefined && clientType(target) !== filter.type) return false;
  if (filter.ids !== undefined && !filter.ids.has(BigInt(target.id))) return false;
  if (filter.user !== undefined && target.user !== filter.user) return false;
  if (filter.skipMe && target === caller) return false;
  if (filter.maxAge !== undefined && BigInt(now - Math.floor(target.createdAt / 1000)) < filter.maxAge) return false;
  if (filter.idle !== undefined && BigInt(now - Math.floor(target.lastInteractionAt / 1000)) < filter.idle) return false;
  if (filter.flags !== undefined && !hasFlags(target, filter.flags)) return false;
  if (filter.name !== undefined && name !== filter.name) return false;
  if (filter.libName !== undefined && libName !== filter.libName) return false;
  if (filter.libVer !== undefined && libVer !== filter.libVer) return false;
  if (filter.db !== undefined && target.db.index !== filter.db) return false;
  if (filter.capa !== undefined && !hasCapa(target, filter.capa)) return false;
  if (filter.ip !== undefined && !hasIp(target, filter.ip)) return false;
  if (filter.notAddr !== undefined && peerAddress(target) === filter.notAddr) return false;
  if (filter.notLaddr !== undefined && localAddress(target) === filter.notLaddr) return false;
  if (filter.notType !== undefined && clientType(target) === filter.notType) return false;
  if (filter.notIds !== undefined && filter.notIds.has(BigInt(target.id))) return false;
  if (filter.notUser !== undefined && target.user === filter.notUser) return false;
  if (filter.notFlags !== undefined && hasFlags(target, filter.notFlags)) return false;
  if (filter.notName !== undefined && name === filter.notName) return false;
  if (filter.notLibName !== undefined && libName === filter.notLibName) return false;
  if (filter.notLibVer !== undefined && libVer === filter.notLibVer) return false;
  if (filter.notDb !== undefined && target.db.index === filter.notDb) return false;
  if (filter.notCapa !== undefined && hasCapa(target, filter.notCapa)) return false;
  if (filter.notIp !== undefined && hasIp(target, filter.notIp)) return false;
  return true;
}
