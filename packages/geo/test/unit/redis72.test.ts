import { FakeServer, serverProfile } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { CoordinateReply } from '../../src/coordinate-reply.js';
import { formatDistance } from '../../src/format.js';
import { distance, distanceIfWithin, EARTH_RADIUS_IN_METERS } from '../../src/shape.js';
import { mixins } from '../conformance/server.js';

const D_R = Math.PI / 180;

// Redis 7.2 changed geo arithmetic in two places (geohash_helper.c and geo.c): a distance
// between points on one meridian is the plain arc (geohashGetLatDistance), a box checks
// that arc first, and distances print with fixedpoint_d2string (llrint(d * 10^4)).
describe('Redis 7.2 geo arithmetic', () => {
  it('fixedpoint_d2string rounds the double product, not the exact value', () => {
    // 5.0000000000000002e-05 is just above a tie: "%.4f" rounds it up, but d * 10^4 is
    // exactly 0.5 in doubles and llrint rounds that to even.
    expect(formatDistance(0.00005)).toBe('0.0001');
    expect(formatDistance(0.00005, true)).toBe('0.0000');
    expect(formatDistance(0, true)).toBe('0.0000');
    expect(formatDistance(166274.15156960033, true)).toBe('166274.1516');
    expect(formatDistance(1.23456, true)).toBe('1.2346');
    expect(formatDistance(0.00015, true)).toBe('0.0001');
  });

  it('on one meridian the distance is the arc length', () => {
    const arc = EARTH_RADIUS_IN_METERS * Math.abs(38.2 * D_R - 37.1 * D_R);
    expect(distance(13, 37.1, 13, 38.2, true)).toBe(arc);
    // Elsewhere both versions use the haversine.
    expect(distance(13, 37.1, 14, 38.2, true)).toBe(distance(13, 37.1, 14, 38.2));
  });

  it('boxes check the north-south arc first', () => {
    const box = { type: 'box' as const, longitude: 10, latitude: 10, width: 100, height: 100, conversion: 1000 };
    expect(distanceIfWithin(box, 10, 10.4, true)).toBe(distance(10, 10, 10, 10.4, true));
    expect(distanceIfWithin(box, 10, 10.5, true)).toBeUndefined();
    expect(distanceIfWithin(box, 10.5, 10, true)).toBeUndefined();
  });

  it('a 7.2 server prints GEODIST with the 7.2 rules', () => {
    const server = new FakeServer({ mixins, profile: serverProfile('redis', '7.2') });
    server.call('GEOADD', 'g', '13', '37.1', 'a', '13', '38.2', 'b');
    const [a, b] = server.call('GEOPOS', 'g', 'a', 'b') as unknown as Array<[CoordinateReply, CoordinateReply]>;
    const lat1 = (a as [CoordinateReply, CoordinateReply])[1].value;
    const lat2 = (b as [CoordinateReply, CoordinateReply])[1].value;
    const expected = formatDistance(EARTH_RADIUS_IN_METERS * Math.abs(lat2 * D_R - lat1 * D_R), true);
    expect(server.call('GEODIST', 'g', 'a', 'b')).toBe(expected);
    server.close();
  });
});
