import { asin, cos, sin } from './libm.js';
import { type Area, type Cell, decode, encode, neighbors, type Neighbors } from './geohash.js';

/**
 * The search shape and the cells covering it (geohash_helper.c as of Redis 7.0): the
 * haversine distance, the bounding box, the step estimate and the nine search areas with
 * Redis's corrections. Every formula keeps Redis's evaluation order so results agree to
 * the last bit wherever the math library does.
 */

const D_R = Math.PI / 180.0;
export const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;

const degRad = (ang: number): number => ang * D_R;
const radDeg = (ang: number): number => ang / D_R;

/** A search area (GeoShape): centre, unit conversion and a radius or a box, in units. */
export type Shape =
  | { readonly type: 'circle'; readonly longitude: number; readonly latitude: number; readonly conversion: number; readonly radius: number }
  | { readonly type: 'box'; readonly longitude: number; readonly latitude: number; readonly conversion: number; readonly width: number; readonly height: number };

/**
 * geohashGetDistance: great-circle distance in meters by the haversine formula. Redis
 * 7.2 (`shortcut`) takes the plain arc length when the longitudes agree (v == 0),
 * which can differ from the full formula in the last bits.
 */
export function distance(lon1d: number, lat1d: number, lon2d: number, lat2d: number, shortcut = false): number {
  const lon1r = degRad(lon1d);
  const lon2r = degRad(lon2d);
  const v = sin((lon2r - lon1r) / 2);
  if (shortcut && v === 0.0) return latDistance(lat1d, lat2d);
  const lat1r = degRad(lat1d);
  const lat2r = degRad(lat2d);
  const u = sin((lat2r - lat1r) / 2);
  return 2.0 * EARTH_RADIUS_IN_METERS * asin(Math.sqrt(u * u + cos(lat1r) * cos(lat2r) * v * v));
}

/** geohashGetLatDistance (7.2): the arc between two latitudes on one meridian. */
function latDistance(lat1d: number, lat2d: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2d) - degRad(lat1d));
}

/**
 * geoWithinShape: the distance from the shape's centre to a point, or undefined when the
 * point is outside (a circle compares the distance; a box compares the east-west distance
 * along the point's parallel and the north-south one along its meridian). `redis72`
 * takes 7.2's shortcuts (the north-south arc directly, checked first).
 */
export function distanceIfWithin(shape: Shape, longitude: number, latitude: number, redis72 = false): number | undefined {
  if (shape.type === 'circle') {
    const d = distance(shape.longitude, shape.latitude, longitude, latitude, redis72);
    return d > shape.radius * shape.conversion ? undefined : d;
  }
  const width = shape.width * shape.conversion;
  const height = shape.height * shape.conversion;
  if (redis72) {
    if (latDistance(latitude, shape.latitude) > height / 2) return undefined;
    if (distance(longitude, latitude, shape.longitude, latitude, true) > width / 2) return undefined;
    return distance(shape.longitude, shape.latitude, longitude, latitude, true);
  }
  const lonDistance = distance(longitude, latitude, shape.longitude, latitude);
  const northSouth = distance(longitude, latitude, longitude, shape.latitude);
  if (lonDistance > width / 2 || northSouth > height / 2) return undefined;
  return distance(shape.longitude, shape.latitude, longitude, latitude);
}

/** geohashEstimateStepsByRadius: the step whose cells are about as wide as the radius. */
export function estimateStepsByRadius(rangeMeters: number, latitude: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2; // Make sure the range is included in most of the base cases.
  // Meridians converge towards the poles: wider cells there.
  if (latitude > 66 || latitude < -66) {
    step--;
    if (latitude > 80 || latitude < -80) step--;
  }
  if (step < 1) step = 1;
  if (step > 26) step = 26;
  return step;
}

/** geohashBoundingBox: [minLon, minLat, maxLon, maxLat] of the shape. */
export function boundingBox(shape: Shape): [number, number, number, number] {
  const { longitude, latitude } = shape;
  const height = shape.conversion * (shape.type === 'circle' ? shape.radius : shape.height / 2);
  const width = shape.conversion * (shape.type === 'circle' ? shape.radius : shape.width / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const longDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / cos(degRad(latitude + latDelta)));
  const longDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / cos(degRad(latitude - latDelta)));
  // The wider edge is the one nearer the pole: the top in the north, the bottom in the south.
  const southern = latitude < 0;
  return [
    southern ? longitude - longDeltaBottom : longitude - longDeltaTop,
    latitude - latDelta,
    southern ? longitude + longDeltaBottom : longitude + longDeltaTop,
    latitude + latDelta,
  ];
}

/** The centre cell and its neighbours to search (GeoHashRadius). */
export interface SearchAreas {
  readonly hash: Cell;
  readonly area: Area;
  readonly neighbors: Neighbors;
}

/**
 * geohashCalculateAreasByShapeWGS84: the cell of the centre at the estimated step and its
 * eight neighbours; one step coarser when a neighbour does not reach the bounding box's
 * edge; neighbours on a side the centre cell already covers are dropped.
 */
export function searchAreas(shape: Shape): SearchAreas {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(shape);
  const { longitude, latitude } = shape;
  let radiusMeters =
    shape.type === 'circle' ? shape.radius : Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2));
  radiusMeters *= shape.conversion;

  let steps = estimateStepsByRadius(radiusMeters, latitude);
  let hash = encode(longitude, latitude, steps) as Cell;
  let around = neighbors(hash);
  let area = decode(hash);

  const north = decode(around.north as Cell);
  const south = decode(around.south as Cell);
  const east = decode(around.east as Cell);
  const west = decode(around.west as Cell);
  const decreaseStep = north.latMax < maxLat || south.latMin > minLat || east.lonMax < maxLon || west.lonMin > minLon;
  if (steps > 1 && decreaseStep) {
    steps--;
    hash = encode(longitude, latitude, steps) as Cell;
    around = neighbors(hash);
    area = decode(hash);
  }

  if (steps >= 2) {
    if (area.latMin < minLat) {
      around.south = null;
      around.southWest = null;
      around.southEast = null;
    }
    if (area.latMax > maxLat) {
      around.north = null;
      around.northEast = null;
      around.northWest = null;
    }
    if (area.lonMin < minLon) {
      around.west = null;
      around.southWest = null;
      around.northWest = null;
    }
    if (area.lonMax > maxLon) {
      around.east = null;
      around.southEast = null;
      around.northEast = null;
    }
  }
  return { hash, area, neighbors: around };
}
