import { ErrorReply } from '@fakeredis/core';
/** Errors of the geo commands (geo.c), spelled as Redis 7.0 spells them. */

export const ERR_GEO_UNSUPPORTED_UNIT = new ErrorReply('ERR unsupported unit provided. please use M, KM, FT, MI');
/** Redis 6.2's (KeyDB 6.3), which took lower-case units only. */
export const ERR_GEO_UNSUPPORTED_UNIT_62 = new ErrorReply('ERR unsupported unit provided. please use m, km, ft, mi');
export const ERR_GEO_NEED_NUMERIC_RADIUS = new ErrorReply('ERR need numeric radius');
export const ERR_GEO_NEED_NUMERIC_WIDTH = new ErrorReply('ERR need numeric width');
export const ERR_GEO_NEED_NUMERIC_HEIGHT = new ErrorReply('ERR need numeric height');
export const ERR_GEO_RADIUS_NEGATIVE = new ErrorReply('ERR radius cannot be negative');
export const ERR_GEO_BOX_NEGATIVE = new ErrorReply('ERR height or width cannot be negative');
export const ERR_GEO_COUNT_NOT_POSITIVE = new ErrorReply('ERR COUNT must be > 0');
export const ERR_GEO_ANY_WITHOUT_COUNT = new ErrorReply('ERR the ANY argument requires COUNT argument');
export const ERR_GEO_MEMBER_NOT_DECODED = new ErrorReply('ERR could not decode requested zset member');

/** Coordinates outside the limits, each printed with "%f" by the caller. */
export function errGeoInvalidLongLat(longitude: string, latitude: string): ErrorReply {
  return new ErrorReply(`ERR invalid longitude,latitude pair ${longitude},${latitude}`);
}

/** STORE / STOREDIST (or GEOSEARCHSTORE) with WITHDIST, WITHHASH or WITHCOORD. */
export function errGeoStoreIncompatible(geosearchstore: boolean): ErrorReply {
  const what = geosearchstore ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS';
  return new ErrorReply(`ERR ${what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`);
}

/** GEOSEARCH without a centre; `command` is the name as the client sent it. */
export function errGeoFromMissing(command: string): ErrorReply {
  return new ErrorReply(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${command}`);
}

/** GEOSEARCH without a shape; `command` is the name as the client sent it. */
export function errGeoByMissing(command: string): ErrorReply {
  return new ErrorReply(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${command}`);
}
