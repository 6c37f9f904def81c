import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { formatHumanDouble, formatDistance } from '../../src/format.js';
import { geohashString, pointOfScore, scoreTextOf } from '../../src/geohash.js';
import { distance } from '../../src/shape.js';

const cli = (...args: string[]) => execFileSync('redis-cli', ['-p', '6403', ...args]).toString().trim().split('\n');

it('scores, positions, hashes and distances match redis', () => {
  cli('DEL', 'pts');
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const pts: Array<[number, number]> = [[180, 85.05112878], [-180, -85.05112878], [180, 0], [0, 85.05112878], [0, 0], [-0.0000001, 1e-300]];
  for (let i = 0; i < 400; i++) pts.push([rnd() * 360 - 180, rnd() * 170.1 - 85.05]);
  const args: string[] = [];
  pts.forEach(([lo, la], i) => args.push(String(lo), String(la), `m${i}`));
  cli('GEOADD', 'pts', ...args);
  const names = pts.map((_, i) => `m${i}`);
  const scores = cli('ZMSCORE', 'pts', ...names);
  const pos = cli('GEOPOS', 'pts', ...names);
  const hashes = cli('GEOHASH', 'pts', ...names);
  const dists = names.slice(1).map((n) => cli('GEODIST', 'pts', 'm0', n, 'km')[0]);
  let bad = 0;
  pts.forEach(([lo, la], i) => {
    const score = Number(scoreTextOf(lo, la));
    if (String(score) !== String(Number(scores[i]))) { bad++; console.log('score', i, lo, la, score, scores[i]); }
    const [x, y] = pointOfScore(Number(scores[i]));
    if (formatHumanDouble(x) !== pos[2 * i] || formatHumanDouble(y) !== pos[2 * i + 1]) { bad++; console.log('pos', i, formatHumanDouble(x), pos[2 * i], formatHumanDouble(y), pos[2*i+1]); }
    if (geohashString(Number(scores[i])) !== hashes[i]) { bad++; console.log('hash', i, geohashString(score), hashes[i]); }
    if (i > 0) {
      const [x0, y0] = pointOfScore(Number(scores[0]));
      const d = formatDistance(distance(x0, y0, x, y) / 1000);
      if (d !== dists[i - 1]) { bad++; console.log('dist', i, d, dists[i - 1]); }
    }
  });
  expect(bad).toBe(0);
});
