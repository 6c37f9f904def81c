import { defineMixin } from '@fakeredis/core';
import { GEOADD } from './commands/geoadd.js';
import { GEODIST, GEOHASH, GEOPOS } from './commands/read.js';
import { geoPropagation } from './propagate.js';
import {
  GEORADIUS,
  GEORADIUS_RO,
  GEORADIUSBYMEMBER,
  GEORADIUSBYMEMBER_RO,
  GEOSEARCH,
  GEOSEARCHSTORE,
} from './commands/search.js';

/** The geo commands. Geo sets are sorted sets: install SortedSetCommands beside it. */
export const GeoCommands = defineMixin({
  name: 'GeoCommands',
  commands: {
    GEOADD, GEODIST, GEOHASH, GEOPOS,
    GEORADIUS, GEORADIUS_RO, GEORADIUSBYMEMBER, GEORADIUSBYMEMBER_RO, GEOSEARCH, GEOSEARCHSTORE,
  },
  propagation: geoPropagation,
});
