/**
 * Redis's interleaved geohash (geohash.c): a cell at `step` bits per axis is a latitude
 * index and a longitude index in [0, 2^step); its hash interleaves them, latitude in the
 * even bits and longitude in the odd bits. Members are stored at step 26, their 52-bit
 * hash being the zset score. Indexes are kept apart (not as one 64-bit word) so the
 * arithmetic stays in exact 32-bit integers.
 */

export const GEO_STEP_MAX = 26;
export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;

/** A coordinate range of one axis (GeoHashRange). */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** The ranges Redis indexes with (EPSG:900913 latitudes). */
export const LONG_RANGE: Range = { min: GEO_LONG_MIN, max: GEO_LONG_MAX };
export const LAT_RANGE: Range = { min: GEO_LAT_MIN, max: GEO_LAT_MAX };

/** A cell: its indexes on both axes (unsigned 32-bit) at a step (GeoHashBits). */
export interface Cell {
  readonly lat: number;
  readonly lon: number;
  readonly step: number;
}

/** A cell's bounds (GeoHashArea). */
export interface Area {
  readonly lonMin: number;
  readonly lonMax: number;
  readonly latMin: number;
  readonly latMax: number;
}

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;

/** Spreads the low 16 bits of `x` to the even bits of a 32-bit word. */
function spread16(x: number): number {
  x &= 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** Gathers the even bits of a 32-bit word into 16 bits (the inverse of spread16). */
function compact16(x: number): number {
  x &= 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}

/** interleave64(lat, lon) as two 32-bit words. */
function interleaveWords(lat: number, lon: number): [hi: number, lo: number] {
  const lo = (spread16(lat) | (spread16(lon) << 1)) >>> 0;
  const hi = (spread16(lat >>> 16) | (spread16(lon >>> 16) << 1)) >>> 0;
  return [hi, lo];
}

/**
 * A zset score as Redis's `(uint64_t)score` gives it on x86-64: fractions truncated,
 * negative values wrapped modulo 2^64, values out of the int64 range and at or past 2^64
 * turned to the "integer indefinite" result of cvttsd2si. Returned as two 32-bit words.
 */
export function scoreToWords(score: number): [hi: number, lo: number] {
  if (score < TWO_63) {
    const t = Math.trunc(score);
    if (t >= 0) {
      const hi = Math.floor(t / TWO_32);
      return [hi, t - hi * TWO_32];
    }
    if (t < -TWO_63) return [0x80000000, 0];
    const u = BigInt.asUintN(64, BigInt(t));
    return [Number(u >> 32n), Number(u & 0xffffffffn)];
  }
  // gcc subtracts 2^63, converts signed and flips the top bit back.
  const d = score - TWO_63;
  if (!(d < TWO_63)) return [0, 0];
  const t = Math.trunc(d);
  const hi = Math.floor(t / TWO_32);
  return [(hi + 0x80000000) >>> 0, t - hi * TWO_32];
}

/** The step-26 cell a zset score stands for (decodeGeohash); every score decodes to one. */
export function cellOfScore(score: number): Cell {
  const [hi, lo] = scoreToWords(score);
  const lat = (compact16(lo) | (compact16(hi) << 16)) >>> 0;
  const lon = (compact16(lo >>> 1) | (compact16(hi >>> 1) << 16)) >>> 0;
  return { lat, lon, step: GEO_STEP_MAX };
}

/**
 * geohashEncode: the cell holding a point at a step, or undefined outside Redis's limits
 * or the given ranges. Offsets are truncated as C's double to uint32 conversion does, so
 * a coordinate equal to a range's maximum gets index 2^step, one past the last cell.
 */
export function encode(longitude: number, latitude: number, step: number, lonRange: Range = LONG_RANGE, latRange: Range = LAT_RANGE): Cell | undefined {
  if (longitude > GEO_LONG_MAX || longitude < GEO_LONG_MIN || latitude > GEO_LAT_MAX || latitude < GEO_LAT_MIN) return undefined;
  if (latitude < latRange.min || latitude > latRange.max || longitude < lonRange.min || longitude > lonRange.max) return undefined;
  let latOffset = (latitude - latRange.min) / (latRange.max - latRange.min);
  let lonOffset = (longitude - lonRange.min) / (lonRange.max - lonRange.min);
  const scale = 2 ** step;
  latOffset *= scale;
  lonOffset *= scale;
  return { lat: Math.trunc(latOffset) >>> 0, lon: Math.trunc(lonOffset) >>> 0, step };
}

/**
 * The score of a point as GEOADD hands it to ZADD: the step-26 hash as a decimal integer
 * (exact, even past 2^53 where ZADD's parsing then rounds it). Undefined outside the limits.
 */
export function scoreTextOf(longitude: number, latitude: number): string | undefined {
  const cell = encode(longitude, latitude, GEO_STEP_MAX);
  if (cell === undefined) return undefined;
  const [hi, lo] = interleaveWords(cell.lat, cell.lon);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/**
 * geohashDecode: a cell's bounds. The index after the last wraps to 0 as C's uint32
 * `ilato + 1` does, which only matters for scores Redis never writes itself.
 */
export function decode(cell: Cell, lonRange: Range = LONG_RANGE, latRange: Range = LAT_RANGE): Area {
  const latScale = latRange.max - latRange.min;
  const lonScale = lonRange.max - lonRange.min;
  const cells = 2 ** cell.step;
  return {
    latMin: latRange.min + (cell.lat / cells) * latScale,
    latMax: latRange.min + (((cell.lat + 1) >>> 0) / cells) * latScale,
    lonMin: lonRange.min + (cell.lon / cells) * lonScale,
    lonMax: lonRange.min + (((cell.lon + 1) >>> 0) / cells) * lonScale,
  };
}

/** geohashDecodeAreaToLongLat: a cell's centre, clamped to the limits. */
export function centre(area: Area): [longitude: number, latitude: number] {
  let lon = (area.lonMin + area.lonMax) / 2;
  if (lon > GEO_LONG_MAX) lon = GEO_LONG_MAX;
  if (lon < GEO_LONG_MIN) lon = GEO_LONG_MIN;
  let lat = (area.latMin + area.latMax) / 2;
  if (lat > GEO_LAT_MAX) lat = GEO_LAT_MAX;
  if (lat < GEO_LAT_MIN) lat = GEO_LAT_MIN;
  return [lon, lat];
}

/** The point a zset score stands for: the centre of its step-26 cell (decodeGeohash). */
export function pointOfScore(score: number): [longitude: number, latitude: number] {
  return centre(decode(cellOfScore(score)));
}

/** The eight neighbours of a cell (GeoHashNeighbors); null for one excluded from a search. */
export interface Neighbors {
  north: Cell | null;
  south: Cell | null;
  east: Cell | null;
  west: Cell | null;
  northEast: Cell | null;
  northWest: Cell | null;
  southEast: Cell | null;
  southWest: Cell | null;
}

/**
 * geohashNeighbors: the adjacent cells at the same step. Indexes wrap around modulo
 * 2^step on both axes, as geohash_move_x / geohash_move_y do.
 */
export function neighbors(cell: Cell): Neighbors {
  const mask = 2 ** cell.step - 1;
  // Only the axis that moves is masked: an index one past the last cell (a point on a
  // range's maximum) stays as it is on the other axis.
  const at = (dLat: number, dLon: number): Cell => ({
    lat: dLat === 0 ? cell.lat : ((cell.lat + dLat) & mask) >>> 0,
    lon: dLon === 0 ? cell.lon : ((cell.lon + dLon) & mask) >>> 0,
    step: cell.step,
  });
  return {
    east: at(0, 1),
    west: at(0, -1),
    south: at(-1, 0),
    north: at(1, 0),
    northWest: at(1, -1),
    northEast: at(1, 1),
    southEast: at(-1, 1),
    southWest: at(-1, -1),
  };
}

/**
 * scoresOfGeoHashBox: the scores [min, max) of every step-26 point inside a cell, its
 * hash and the next one aligned to 52 bits.
 */
export function scoreRangeOfCell(cell: Cell): [min: number, max: number] {
  const [hi, lo] = interleaveWords(cell.lat, cell.lon);
  // Exact 64-bit arithmetic, each bound then rounded once to a double, as C does.
  const bits = (BigInt(hi) << 32n) | BigInt(lo);
  const shift = BigInt(52 - cell.step * 2);
  return [Number(bits << shift), Number((bits + 1n) << shift)];
}

/** Same cell (the bits and step comparison membersOfAllNeighbors makes). */
export function sameCell(a: Cell, b: Cell): boolean {
  return a.lat === b.lat && a.lon === b.lon && a.step === b.step;
}

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
const STANDARD_LONG: Range = { min: -180, max: 180 };
const STANDARD_LAT: Range = { min: -90, max: 90 };

/**
 * GEOHASH's 11-character string: the point re-encoded with the standard latitude range
 * (-90..90) at step 26; ten characters carry 50 bits and the eleventh is always '0'.
 */
export function geohashString(score: number): string {
  const [lon, lat] = pointOfScore(score);
  const cell = encode(lon, lat, GEO_STEP_MAX, STANDARD_LONG, STANDARD_LAT) as Cell;
  const [hi, lo] = interleaveWords(cell.lat, cell.lon);
  const bits = (BigInt(hi) << 32n) | BigInt(lo);
  let out = '';
  for (let i = 0; i < 10; i++) out += BASE32[Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn)];
  return `${out}0`;
}
