import {
  ascii,
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_SYNTAX,
  isToken,
  parseInt64,
  type Reply,
} from '@fakeredis/core';
import { SortedSet, storeZset, zsetType } from '@fakeredis/zsets';
import { parseBox, parseLongLat, parseRadius, uppercaseUnits } from '../args.js';
import {
  ERR_GEO_ANY_WITHOUT_COUNT,
  ERR_GEO_COUNT_NOT_POSITIVE,
  ERR_GEO_MEMBER_NOT_DECODED,
  errGeoByMissing,
  errGeoFromMissing,
  errGeoStoreIncompatible,
} from '../errors.js';
import { CoordinateReply } from '../coordinate-reply.js';
import { formatDistance } from '../format.js';
import { pointOfScore } from '../geohash.js';
import { type GeoPoint, membersInShape, type SortOrder, sortPoints } from '../search.js';
import type { Shape } from '../shape.js';

/** Which command runs the search (georadiusGeneric's flags). */
interface Variant {
  /** GEORADIUS*: the centre is given by coordinates (6 fixed arguments) or a member (5). */
  readonly center: 'coords' | 'member' | 'options';
  /** The _RO forms: no STORE / STOREDIST. */
  readonly noStore?: boolean;
  /** GEOSEARCHSTORE: destination first, STOREDIST a flag. */
  readonly searchStore?: boolean;
}

interface Options {
  withDist: boolean;
  withHash: boolean;
  withCoord: boolean;
  any: boolean;
  sort: SortOrder;
  count: number;
  storeKey: Bytes | undefined;
  storeDist: boolean;
}

/** The centre and the shape's size, filled as the arguments are read. */
interface ShapeParts {
  longitude?: number;
  latitude?: number;
  circle?: { radius: number; conversion: number };
  box?: { width: number; height: number; conversion: number };
}

const LLONG_MIN_REPLY = -9223372036854775808n;
const TWO_63 = 9223372036854775808;

/**
 * georadiusGeneric (Redis 7.0): GEORADIUS, GEORADIUSBYMEMBER, their _RO forms, GEOSEARCH
 * and GEOSEARCHSTORE. Arguments are read in Redis's order, so the same input fails with
 * the same error first; a missing source key still has its options checked.
 */
function georadiusGeneric(client: Client, argv: Bytes[], variant: Variant): Reply {
  const search = variant.center === 'options';
  const srcKey = argv[variant.searchStore ? 2 : 1] as Bytes;
  const zset = zsetType.read(client, srcKey);
  const parts: ShapeParts = {};
  const options: Options = {
    withDist: false, withHash: false, withCoord: false, any: false, sort: 'none', count: 0, storeKey: undefined, storeDist: false,
  };

  let baseArgs: number;
  if (variant.center === 'coords') {
    baseArgs = 6;
    [parts.longitude, parts.latitude] = parseLongLat(argv[2] as Bytes, argv[3] as Bytes);
    parts.circle = parseRadius(argv[4] as Bytes, argv[5] as Bytes, uppercaseUnits(client.server.profile));
  } else if (variant.center === 'member') {
    baseArgs = 5;
    // Without a source key the reply is known; only the options are still checked.
    if (zset !== undefined) {
      [parts.longitude, parts.latitude] = memberPosition(zset, argv[2] as Bytes);
      parts.circle = parseRadius(argv[3] as Bytes, argv[4] as Bytes, uppercaseUnits(client.server.profile));
    }
  } else {
    baseArgs = 2;
    if (variant.searchStore) {
      baseArgs = 3;
      options.storeKey = argv[1] as Bytes;
    }
  }

  let fromMember = false;
  let fromLonLat = false;
  const remaining = argv.length - baseArgs;
  for (let i = 0; i < remaining; i++) {
    const arg = argv[baseArgs + i] as Bytes;
    const next = (k: number): Bytes => argv[baseArgs + i + k] as Bytes;
    if (isToken(arg, 'WITHDIST')) options.withDist = true;
    else if (isToken(arg, 'WITHHASH')) options.withHash = true;
    else if (isToken(arg, 'WITHCOORD')) options.withCoord = true;
    else if (isToken(arg, 'ANY')) options.any = true;
    else if (isToken(arg, 'ASC')) options.sort = 'asc';
    else if (isToken(arg, 'DESC')) options.sort = 'desc';
    else if (isToken(arg, 'COUNT') && i + 1 < remaining) {
      const count = parseInt64(next(1));
      if (count <= 0n) throw ERR_GEO_COUNT_NOT_POSITIVE;
      options.count = Number(count);
      i++;
    } else if ((isToken(arg, 'STORE') || isToken(arg, 'STOREDIST')) && i + 1 < remaining && !variant.noStore && !search) {
      options.storeKey = next(1);
      options.storeDist = isToken(arg, 'STOREDIST');
      i++;
    } else if (isToken(arg, 'STOREDIST') && variant.searchStore) {
      options.storeDist = true;
    } else if (isToken(arg, 'FROMMEMBER') && i + 1 < remaining && search && !fromLonLat) {
      // Without a source key the member cannot be looked up; the reply is empty anyway.
      if (zset !== undefined) [parts.longitude, parts.latitude] = memberPosition(zset, next(1));
      fromMember = true;
      i++;
    } else if (isToken(arg, 'FROMLONLAT') && i + 2 < remaining && search && !fromMember) {
      [parts.longitude, parts.latitude] = parseLongLat(next(1), next(2));
      fromLonLat = true;
      i += 2;
    } else if (isToken(arg, 'BYRADIUS') && i + 2 < remaining && search && parts.box === undefined) {
      parts.circle = parseRadius(next(1), next(2), uppercaseUnits(client.server.profile));
      i += 2;
    } else if (isToken(arg, 'BYBOX') && i + 3 < remaining && search && parts.circle === undefined) {
      parts.box = parseBox(next(1), next(2), next(3), uppercaseUnits(client.server.profile));
      i += 3;
    } else {
      throw ERR_SYNTAX;
    }
  }

  if (options.storeKey !== undefined && (options.withDist || options.withHash || options.withCoord)) {
    throw errGeoStoreIncompatible(variant.searchStore === true);
  }
  if (search && !(fromMember || fromLonLat)) throw errGeoFromMissing(argv[0] as Bytes);
  if (search && parts.circle === undefined && parts.box === undefined) throw errGeoByMissing(argv[0] as Bytes);
  if (options.any && options.count === 0) throw ERR_GEO_ANY_WITHOUT_COUNT;

  if (zset === undefined) {
    if (options.storeKey === undefined) return [];
    // An empty result: the destination is deleted.
    return storeZset(client, options.storeKey, new SortedSet('skiplist'), '');
  }

  // COUNT alone means the nearest ones: sort ascending (ANY takes the first found).
  if (options.count !== 0 && options.sort === 'none' && !options.any) options.sort = 'asc';

  const shape = shapeOf(parts);
  const redis72 = client.server.versionAtLeast('7.2.0');
  const points = membersInShape(zset, shape, options.any ? options.count : 0, redis72);
  if (points.length === 0 && options.storeKey === undefined) return [];
  const returned = sortPoints(points, options.sort, options.count);

  if (options.storeKey === undefined) return searchReply(points, returned, shape.conversion, options, redis72);
  return store(client, options.storeKey, points, returned, shape.conversion, options.storeDist, search ? 'geosearchstore' : 'georadiusstore');
}

/** longLatFromMember: the member's point, or "could not decode requested zset member". */
function memberPosition(zset: SortedSet, member: Bytes): [number, number] {
  const score = zset.score(member);
  if (score === undefined) throw ERR_GEO_MEMBER_NOT_DECODED;
  return pointOfScore(score);
}

function shapeOf(parts: ShapeParts): Shape {
  const longitude = parts.longitude as number;
  const latitude = parts.latitude as number;
  if (parts.box !== undefined) return { type: 'box', longitude, latitude, ...parts.box };
  const circle = parts.circle as { radius: number; conversion: number };
  return { type: 'circle', longitude, latitude, ...circle };
}

/** The reply: member names, or [member, dist?, hash?, [lon, lat]?] per point. */
function searchReply(points: GeoPoint[], returned: number, conversion: number, options: Options, redis72: boolean): Reply {
  const withOptions = options.withDist || options.withHash || options.withCoord;
  const reply: Reply[] = new Array(returned);
  for (let i = 0; i < returned; i++) {
    const point = points[i] as GeoPoint;
    if (!withOptions) {
      reply[i] = point.member;
      continue;
    }
    const item: Reply[] = [point.member];
    if (options.withDist) item.push(ascii(formatDistance(point.dist / conversion, redis72)));
    if (options.withHash) item.push(hashReply(point.score));
    if (options.withCoord) item.push([new CoordinateReply(point.longitude), new CoordinateReply(point.latitude)]);
    reply[i] = item;
  }
  return reply;
}

/** addReplyLongLong(score): C's double to long long conversion, LLONG_MIN when out of range. */
function hashReply(score: number): number | bigint {
  const t = Math.trunc(score);
  if (Number.isSafeInteger(t)) return t;
  if (t >= TWO_63 || t < -TWO_63) return LLONG_MIN_REPLY;
  return BigInt(t);
}

/**
 * STORE / STOREDIST / GEOSEARCHSTORE: the returned points become a zset (scored by their
 * geohash, or by their distance in the query's unit) replacing the destination, or the
 * destination is deleted when nothing was found (zsets' storeZset, as ZRANGESTORE ends).
 */
function store(client: Client, destination: Bytes, points: GeoPoint[], returned: number, conversion: number, storeDist: boolean, event: string): number {
  const result = new SortedSet('skiplist');
  for (let i = 0; i < returned; i++) {
    const point = points[i] as GeoPoint;
    result.set(point.member, storeDist ? point.dist / conversion : point.score);
  }
  const stored = storeZset(client, destination, result, event);
  // server.dirty += returned items (an emptied destination's deletion counts its key change).
  if (returned > 0) client.server.addDirty(returned);
  return stored;
}

export const GEORADIUS: CommandHandler = (client, argv) => georadiusGeneric(client, argv, { center: 'coords' });
export const GEORADIUSBYMEMBER: CommandHandler = (client, argv) => georadiusGeneric(client, argv, { center: 'member' });
export const GEORADIUS_RO: CommandHandler = (client, argv) => georadiusGeneric(client, argv, { center: 'coords', noStore: true });
export const GEORADIUSBYMEMBER_RO: CommandHandler = (client, argv) => georadiusGeneric(client, argv, { center: 'member', noStore: true });
export const GEOSEARCH: CommandHandler = (client, argv) => georadiusGeneric(client, argv, { center: 'options' });
export const GEOSEARCHSTORE: CommandHandler = (client, argv) => georadiusGeneric(client, argv, { center: 'options', searchStore: true });
