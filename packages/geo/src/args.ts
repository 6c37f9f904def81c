import { type Bytes, isToken, parseDouble } from '@fakeredis/core';
import {
  ERR_GEO_BOX_NEGATIVE,
  ERR_GEO_NEED_NUMERIC_HEIGHT,
  ERR_GEO_NEED_NUMERIC_RADIUS,
  ERR_GEO_NEED_NUMERIC_WIDTH,
  ERR_GEO_RADIUS_NEGATIVE,
  ERR_GEO_UNSUPPORTED_UNIT,
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

/** extractUnitOrReply: meters per unit (case-insensitive m, km, ft, mi). */
export function parseUnit(arg: Bytes): number {
  if (isToken(arg, 'M')) return 1;
  if (isToken(arg, 'KM')) return 1000;
  if (isToken(arg, 'FT')) return 0.3048;
  if (isToken(arg, 'MI')) return 1609.34;
  throw ERR_GEO_UNSUPPORTED_UNIT;
}

/** extractDistanceOrReply: a radius and its unit. */
export function parseRadius(radiusArg: Bytes, unitArg: Bytes): { radius: number; conversion: number } {
  const radius = parseDouble(radiusArg, ERR_GEO_NEED_NUMERIC_RADIUS);
  if (radius < 0) throw ERR_GEO_RADIUS_NEGATIVE;
  return { radius, conversion: parseUnit(unitArg) };
}

/** extractBoxOrReply: width, height and their unit. */
export function parseBox(widthArg: Bytes, heightArg: Bytes, unitArg: Bytes): { width: number; height: number; conversion: number } {
  const width = parseDouble(widthArg, ERR_GEO_NEED_NUMERIC_WIDTH);
  const height = parseDouble(heightArg, ERR_GEO_NEED_NUMERIC_HEIGHT);
  if (height < 0 || width < 0) throw ERR_GEO_BOX_NEGATIVE;
  return { width, height, conversion: parseUnit(unitArg) };
}
