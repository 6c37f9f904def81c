import { type Bytes, type CommandHandler, ERR_SYNTAX, NULL_ARRAY, type Reply, ascii } from '@fakeredis/core';
import { zsetType } from '@fakeredis/zsets';
import { parseUnit, uppercaseUnits } from '../args.js';
import { CoordinateReply } from '../coordinate-reply.js';
import { formatDistance } from '../format.js';
import { geohashString, pointOfScore } from '../geohash.js';
import { distance } from '../shape.js';

/** GEOPOS key [member ...]: each member's [longitude, latitude], a null array when absent. */
export const GEOPOS: CommandHandler = (client, argv) => {
  const zset = zsetType.read(client, argv[1] as Bytes);
  const reply: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const score = zset?.score(argv[j] as Bytes);
    if (score === undefined) {
      reply.push(NULL_ARRAY);
      continue;
    }
    const [longitude, latitude] = pointOfScore(score);
    reply.push([new CoordinateReply(longitude), new CoordinateReply(latitude)]);
  }
  return reply;
};

/** GEOHASH key [member ...]: each member's 11-character geohash, null when absent. */
export const GEOHASH: CommandHandler = (client, argv) => {
  const zset = zsetType.read(client, argv[1] as Bytes);
  const reply: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const score = zset?.score(argv[j] as Bytes);
    reply.push(score === undefined ? null : ascii(geohashString(score)));
  }
  return reply;
};

/**
 * GEODIST key member1 member2 [M|KM|FT|MI]: the distance printed with 4 decimals, null
 * when the key or a member is missing. The unit is checked before the key.
 */
export const GEODIST: CommandHandler = (client, argv) => {
  let toMeters = 1;
  if (argv.length === 5) toMeters = parseUnit(argv[4] as Bytes, uppercaseUnits(client.server.profile));
  else if (argv.length > 5) throw ERR_SYNTAX;
  const zset = zsetType.read(client, argv[1] as Bytes);
  if (zset === undefined) return null;
  const score1 = zset.score(argv[2] as Bytes);
  const score2 = zset.score(argv[3] as Bytes);
  if (score1 === undefined || score2 === undefined) return null;
  const [lon1, lat1] = pointOfScore(score1);
  const [lon2, lat2] = pointOfScore(score2);
  const redis72 = client.server.versionAtLeast('7.2.0');
  return ascii(formatDistance(distance(lon1, lat1, lon2, lat2, redis72) / toMeters, redis72));
};
