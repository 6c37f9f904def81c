import { type Bytes, isToken, type PropagationRule } from '@fakeredis/core';
import { parseLongLat } from './args.js';
import { scoreTextOf } from './geohash.js';

/**
 * geoaddCommand runs ZADD on a vector it builds (replaceClientCommandVector), so GEOADD
 * propagates as `zadd key [options] <score> member ...`, each score the point's 52-bit
 * geohash.
 */
const geoaddRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const argv = call.argv;
  let longIdx = 2;
  while (longIdx < argv.length && (isToken(argv[longIdx], 'NX') || isToken(argv[longIdx], 'XX') || isToken(argv[longIdx], 'CH'))) longIdx++;
  const zadd = ['zadd' as Bytes, ...argv.slice(1, longIdx)];
  for (let i = longIdx; i + 2 < argv.length; i += 3) {
    const [longitude, latitude] = parseLongLat(argv[i] as Bytes, argv[i + 1] as Bytes);
    zadd.push(scoreTextOf(longitude, latitude) as Bytes, argv[i + 2] as Bytes);
  }
  return [zadd];
};

export const geoPropagation: Readonly<Record<string, PropagationRule>> = { GEOADD: geoaddRule };
