import { type Bytes, hasHistoryEntry, isToken, parseDouble, type ServerProfile } from '@fakeredis/core';
import {
  ERR_GEO_BOX_NEGATIVE,
  ERR_GEO_NEED_NUMERIC_HEIGHT,
  ERR_GEO_NEED_NUMERIC_RADIUS,
  ERR_GEO_NEED_NUMERIC_WIDTH,
  ERR_GEO_RADIUS_NEGATIVE,
  ERR_GEO_UNSUPPORTED_UNIT,
  ERR_GEO_UNSUPPORTED_UNIT_62,
  errGeoInvalidLongLat,
} from './errors.js';
import { formatFixed } from './format.js';
import { GEO_LAT_MAX, GEO_LAT_MIN, GEO_LONG_MAX, GEO_LONG_MIN } from './geohash.js';

/** extractLongLatOrReply: two doubles within Redis's limits, longitude first. */
export function parseLongLat(lonArg: Bytes, latArg: Bytes): [longitude: number, latitude: number] {
  const longitude = parseDouble(lonArg);
  const latitude = parseDouble(latArg);
  if (longitude < GEO_LONG_MIN || longitude > GEO_LONG_MAX || latitude < GEO_LAT_MIN || latitude > GEO_LAT_MAX) {
    throw errGeoInvalidLongLat(formatFixed(longitude, 6), formatFixed(latitude, 6));
  }
  return [longitude, latitude];
}

/**
 * Whether units are matched in any case: Redis 7.0's extractUnitOrReply, as the GEO
 * commands' history records ("Added support for uppercase unit names"); before (KeyDB 6.3)
 * only lower-case m, km, ft, mi, with its own error text.
 */
export function uppercaseUnits(profile: ServerProfile): boolean {
  return hasHistoryEntry(profile, 'GEORADIUS', '7.0.0');
}

/** extractUnitOrReply: meters per unit (m, km, ft, mi; in any case unless `anyCase` is false). */
export function parseUnit(arg: Bytes, anyCase = true): number {
  if (!anyCase) {
    const unit = ({ m: 1, km: 1000, ft: 0.3048, mi: 1609.34 } as Record<string, number>)[arg];
    if (unit === undefined) throw ERR_GEO_UNSUPPORTED_UNIT_62;
    return unit;
  }
  if (isToken(arg, 'M')) return 1;
  if (isToken(arg, 'KM')) return 1000;
  if (isToken(arg, 'FT')) return 0.3048;
  if (isToken(arg, 'MI')) return 1609.34;
  throw ERR_GEO_UNSUPPORTED_UNIT;
}

/** extractDistanceOrReply: a radius and its unit. */
export function parseRadius(radiusArg: Bytes, unitArg: Bytes, anyCase = true): { radius: number; conversion: number } {
  const radius = parseDouble(radiusArg, ERR_GEO_NEED_NUMERIC_RADIUS);
  if (radius < 0) throw ERR_GEO_RADIUS_NEGATIVE;
  return { radius, conversion: parseUnit(unitArg, anyCase) };
}

/** extractBoxOrReply: width, height and their unit. */
export function parseBox(widthArg: Bytes, heightArg: Bytes, unitArg: Bytes, anyCase = true): { width: number; height: number; conversion: number } {
  const width = parseDouble(widthArg, ERR_GEO_NEED_NUMERIC_WIDTH);
  const height = parseDouble(heightArg, ERR_GEO_NEED_NUMERIC_HEIGHT);
  if (height < 0 || width < 0) throw ERR_GEO_BOX_NEGATIVE;
  return { width, height, conversion: parseUnit(unitArg, anyCase) };
}
