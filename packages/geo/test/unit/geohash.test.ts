import { describe, expect, it } from 'vitest';
import { formatDistance, formatFixed, formatHumanDouble } from '../../src/format.js';
import { cellOfScore, decode, encode, geohashString, neighbors, pointOfScore, scoreRangeOfCell, scoreTextOf } from '../../src/geohash.js';
import { boundingBox, distance, estimateStepsByRadius, searchAreas } from '../../src/shape.js';

// Expected values are real redis-server 7.0.15 replies for the same points.
describe('geohash encoding', () => {
  it('GEOADD scores', () => {
    expect(scoreTextOf(13.361389, 38.115556)).toBe('3479099956230698');
    expect(scoreTextOf(15.087269, 37.502669)).toBe('3479447370796909');
    expect(scoreTextOf(-180, -85.05112878)).toBe('0');
    expect(scoreTextOf(0x10, 1)).toBe('3387279646761920');
  });

  it('a coordinate on a range maximum indexes one past the last cell', () => {
    // 3 * 2^52: bits 52 (latitude) and 53 (longitude) set, as Redis stores it.
    expect(scoreTextOf(180, 85.05112878)).toBe('13510798882111488');
    expect(encode(180, 0, 26)?.lon).toBe(2 ** 26);
  });

  it('points outside the limits have no cell', () => {
    expect(scoreTextOf(180.0000001, 0)).toBeUndefined();
    expect(scoreTextOf(0, 85.05112879)).toBeUndefined();
    expect(encode(0, 86, 10)).toBeUndefined();
  });

  it('GEOPOS: the cell centre, printed %.17Lf without trailing zeros', () => {
    const [lon, lat] = pointOfScore(3479099956230698);
    expect(formatHumanDouble(lon)).toBe('13.36138933897018433');
    expect(formatHumanDouble(lat)).toBe('38.11555639549629859');
  });

  it('scores Redis never writes decode as x86-64 converts them to uint64', () => {
    const show = (score: number) => pointOfScore(score).map(formatHumanDouble).join(',');
    expect(show(-1)).toBe('180,85.0511287799999991');
    expect(show(-0.5)).toBe('-179.99999731779098511,-85.05112751263942528');
    expect(show(1e20)).toBe('-179.99999731779098511,-85.05112751263942528');
    expect(show(-9.3e18)).toBe('180,-85.05112751263942528');
    expect(show(-Infinity)).toBe('180,-85.05112751263942528');
    expect(show(Infinity)).toBe('-179.99999731779098511,-85.05112751263942528');
    expect(show(18446744073709551615)).toBe('-179.99999731779098511,-85.05112751263942528');
    expect(show(13510798882111488)).toBe('180,85.0511287799999991');
  });

  it('GEOHASH strings', () => {
    expect(geohashString(3479099956230698)).toBe('sqc8b49rny0');
    expect(geohashString(-1)).toBe('bp05b5048p0');
    expect(geohashString(0)).toBe('00bh0hbj200');
  });

  it('cells and their score ranges', () => {
    const cell = cellOfScore(3479099956230698);
    expect(cell.step).toBe(26);
    const coarse = encode(13.361389, 38.115556, 10);
    expect(coarse).toBeDefined();
    const [min, max] = scoreRangeOfCell(coarse as NonNullable<typeof coarse>);
    expect(min).toBeLessThanOrEqual(3479099956230698);
    expect(max).toBeGreaterThan(3479099956230698);
    expect(max - min).toBe(2 ** 32);
  });

  it('neighbours wrap around both axes', () => {
    const n = neighbors({ lat: 0, lon: 0, step: 2 });
    expect(n.west).toEqual({ lat: 0, lon: 3, step: 2 });
    expect(n.south).toEqual({ lat: 3, lon: 0, step: 2 });
    expect(n.northEast).toEqual({ lat: 1, lon: 1, step: 2 });
    // An index one past the last stays as it is on the axis that does not move.
    expect(neighbors({ lat: 4, lon: 4, step: 2 }).east).toEqual({ lat: 4, lon: 1, step: 2 });
  });

  it('decoded bounds', () => {
    const area = decode({ lat: 0, lon: 0, step: 1 });
    expect(area).toEqual({ latMin: -85.05112878, latMax: 0, lonMin: -180, lonMax: 0 });
  });
});

describe('distances and search areas', () => {
  it('haversine distance as GEODIST prints it', () => {
    const [x1, y1] = pointOfScore(3479099956230698);
    const [x2, y2] = pointOfScore(3479447370796909);
    expect(formatDistance(distance(x1, y1, x2, y2))).toBe('166274.1516');
    expect(formatDistance(distance(x1, y1, x2, y2) / 1609.34)).toBe('103.3182');
    expect(formatDistance(distance(x1, y1, x1, y1))).toBe('0.0000');
  });

  it('geohashEstimateStepsByRadius', () => {
    expect(estimateStepsByRadius(0, 0)).toBe(26);
    expect(estimateStepsByRadius(1, 0)).toBe(24);
    expect(estimateStepsByRadius(200000, 0)).toBe(6);
    expect(estimateStepsByRadius(200000, 70)).toBe(5);
    expect(estimateStepsByRadius(200000, -81)).toBe(4);
    expect(estimateStepsByRadius(5e7, 0)).toBe(1);
    expect(estimateStepsByRadius(Infinity, 0)).toBe(1);
  });

  it('the bounding box widens on the side nearer the pole', () => {
    const north = boundingBox({ type: 'circle', longitude: 10, latitude: 60, radius: 100, conversion: 1000 });
    const south = boundingBox({ type: 'circle', longitude: 10, latitude: -60, radius: 100, conversion: 1000 });
    expect(north[2] - 10).toBeCloseTo(10 - south[0], 10);
    expect(north[3] - 60).toBeCloseTo(100000 / 6372797.560856 / (Math.PI / 180), 10);
  });

  it('search areas drop neighbours the centre cell covers', () => {
    const areas = searchAreas({ type: 'circle', longitude: 13.361389, latitude: 38.115556, radius: 1, conversion: 1 });
    const kept = Object.values(areas.neighbors).filter((c) => c !== null).length;
    expect(kept).toBeLessThan(8);
    const wide = searchAreas({ type: 'circle', longitude: 0, latitude: 0, radius: 1e7, conversion: 1 });
    expect(wide.hash.step).toBe(1);
    expect(Object.values(wide.neighbors).every((c) => c !== null)).toBe(true);
  });
});

describe('printf formatting', () => {
  it('%.4f rounds the exact binary value, ties to even', () => {
    expect(formatFixed(0.03125, 4)).toBe('0.0312');
    expect(formatFixed(0.09375, 4)).toBe('0.0938');
    expect(formatFixed(1.00005, 4)).toBe('1.0001');
    expect(formatFixed(2.5e-5, 4)).toBe('0.0000');
  });

  it('%f of signs, infinities and huge values', () => {
    expect(formatFixed(-0, 6)).toBe('-0.000000');
    expect(formatFixed(Infinity, 6)).toBe('inf');
    expect(formatFixed(-Infinity, 6)).toBe('-inf');
    expect(formatFixed(0.0000015, 6)).toBe('0.000002');
    expect(formatFixed(100.0000025, 6)).toBe('100.000002');
    expect(formatFixed(1e300, 6)).toMatch(/^1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160\.000000$/);
  });

  it('human long double format drops trailing zeros and negative zero', () => {
    expect(formatHumanDouble(180)).toBe('180');
    expect(formatHumanDouble(-0)).toBe('0');
    expect(formatHumanDouble(0.5)).toBe('0.5');
  });
});
