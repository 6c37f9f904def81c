import type { Bytes } from '@fakeredis/core';
import { type Cell, pointOfScore, sameCell, scoreRangeOfCell } from './geohash.js';
import { distanceIfWithin, searchAreas, type Shape } from './shape.js';
import { mergeSort, partialSort } from './sort.js';

/** What a search reads from a sorted set: members in a score range, in zset order. */
export interface ScoreRangeSource {
  rangeByScore(range: { min: number; max: number; minExclusive: boolean; maxExclusive: boolean }): Iterable<[Bytes, number]>;
}

/** A member found by a search (geoPoint): where it is, how far, and its score. */
export interface GeoPoint {
  readonly member: Bytes;
  readonly longitude: number;
  readonly latitude: number;
  /** Meters from the shape's centre. */
  readonly dist: number;
  readonly score: number;
}

/**
 * membersOfAllNeighbors: the members inside the shape, gathered cell by cell in Redis's
 * order (centre, N, S, E, W, NE, NW, SE, SW), each cell's score range in zset order. A
 * cell equal to the last one searched is skipped (huge radii make neighbours repeat);
 * with `limit` (COUNT ... ANY) the search stops once that many were found.
 */
export function membersInShape(zset: ScoreRangeSource, shape: Shape, limit = 0, redis72 = false): GeoPoint[] {
  const { hash, neighbors: n } = searchAreas(shape);
  const cells: Array<Cell | null> = [hash, n.north, n.south, n.east, n.west, n.northEast, n.northWest, n.southEast, n.southWest];
  const found: GeoPoint[] = [];
  let last: Cell | undefined;
  for (const cell of cells) {
    if (cell === null) continue;
    if (last !== undefined && sameCell(cell, last)) continue;
    if (found.length > 0 && limit > 0 && found.length >= limit) break;
    membersOfCell(zset, cell, shape, found, limit, redis72);
    last = cell;
  }
  return found;
}

/** geoGetPointsInRange over one cell: scores min <= score < max, filtered by the shape. */
function membersOfCell(zset: ScoreRangeSource, cell: Cell, shape: Shape, found: GeoPoint[], limit: number, redis72: boolean): void {
  const [min, max] = scoreRangeOfCell(cell);
  for (const [member, score] of zset.rangeByScore({ min, max, minExclusive: false, maxExclusive: true })) {
    const [longitude, latitude] = pointOfScore(score);
    const dist = distanceIfWithin(shape, longitude, latitude, redis72);
    if (dist !== undefined) found.push({ member, longitude, latitude, dist, score });
    if (found.length > 0 && limit > 0 && found.length >= limit) break;
  }
}

export type SortOrder = 'none' | 'asc' | 'desc';

const ascending = (a: GeoPoint, b: GeoPoint): number => (a.dist > b.dist ? 1 : a.dist === b.dist ? 0 : -1);
const descending = (a: GeoPoint, b: GeoPoint): number => -ascending(a, b);

/**
 * Sorts the points as Redis does and returns how many to reply with: everything is
 * sorted with qsort when all are returned, only the first `count` places with pqsort
 * when COUNT cuts the list (equal distances then come out in pqsort's order).
 */
export function sortPoints(points: GeoPoint[], order: SortOrder, count: number): number {
  const returned = count === 0 || points.length < count ? points.length : count;
  if (order === 'none') return returned;
  const cmp = order === 'asc' ? ascending : descending;
  if (returned === points.length) mergeSort(points, cmp);
  else partialSort(points, cmp, 0, returned - 1);
  return returned;
}
