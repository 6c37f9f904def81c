import { ascii, type Bytes, type CommandHandler, ERR_SYNTAX, isToken } from '@fakeredis/core';
import { SortedSetCommands } from '@fakeredis/zsets';
import { parseLongLat } from '../args.js';
import { scoreTextOf } from '../geohash.js';

const zadd = SortedSetCommands.commands.ZADD as CommandHandler;

/**
 * GEOADD key [NX|XX] [CH] longitude latitude member [...]: as Redis does, the points are
 * turned into scores and the command is run as ZADD with the same options, which gives
 * ZADD's reply, type check, encoding and `zadd` keyspace event.
 */
export const GEOADD: CommandHandler = (client, argv) => {
  let longIdx = 2;
  let nx = false;
  let xx = false;
  for (; longIdx < argv.length; longIdx++) {
    const option = argv[longIdx] as Bytes;
    if (isToken(option, 'NX')) nx = true;
    else if (isToken(option, 'XX')) xx = true;
    else if (!isToken(option, 'CH')) break;
  }
  if ((argv.length - longIdx) % 3 !== 0 || (xx && nx)) throw ERR_SYNTAX;
  const zaddArgv: Bytes[] = [ascii('zadd'), ...argv.slice(1, longIdx)];
  for (let i = longIdx; i < argv.length; i += 3) {
    const [longitude, latitude] = parseLongLat(argv[i] as Bytes, argv[i + 1] as Bytes);
    zaddArgv.push(ascii(scoreTextOf(longitude, latitude) as string), argv[i + 2] as Bytes);
  }
  return zadd(client, zaddArgv);
};
