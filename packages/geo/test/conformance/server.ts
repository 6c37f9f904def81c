import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, withStartConfig } from '@fakeredis/tooling/conformance';
import { SortedSetCommands } from '@fakeredis/zsets';
import { GeoCommands } from '../../src/index.js';

/** Core, sorted sets (geo sets are zsets), geo, and strings (to hold keys of another type). */
export const mixins = [...coreMixins, SortedSetCommands, GeoCommands, StringCommands];

export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

/** Options for a suite whose real and fake servers both start with extra configuration. */
export const optionsWith = (extra: Record<string, string>): ConformanceOptions => withStartConfig(options, extra);

type Place = [longitude: string, latitude: string, name: string];

/** Cities around the world, as GEOADD arguments. */
export const CITIES: Place[] = [
  ['13.361389', '38.115556', 'Palermo'],
  ['15.087269', '37.502669', 'Catania'],
  ['12.496366', '41.902783', 'Rome'],
  ['9.189982', '45.464204', 'Milan'],
  ['2.352222', '48.856613', 'Paris'],
  ['-0.127758', '51.507351', 'London'],
  ['13.404954', '52.520008', 'Berlin'],
  ['-3.703790', '40.416775', 'Madrid'],
  ['-74.005941', '40.712784', 'NewYork'],
  ['-118.243685', '34.052234', 'LosAngeles'],
  ['139.691706', '35.689487', 'Tokyo'],
  ['151.209296', '-33.868820', 'Sydney'],
  ['-43.172896', '-22.906847', 'Rio'],
  ['18.424055', '-33.924869', 'CapeTown'],
  ['37.617300', '55.755826', 'Moscow'],
  ['77.209021', '28.613939', 'Delhi'],
  ['103.819836', '1.352083', 'Singapore'],
  ['-58.381559', '-34.603684', 'BuenosAires'],
];

/** Places by the antimeridian (Fiji, Samoa, Chukotka, Alaska, Kiribati). */
export const ANTIMERIDIAN: Place[] = [
  ['178.441895', '-18.141600', 'Suva'],
  ['-171.766670', '-13.833330', 'Apia'],
  ['177.508889', '64.733333', 'Anadyr'],
  ['-165.406387', '64.501114', 'Nome'],
  ['179.999999', '0', 'EastEdge'],
  ['-179.999999', '0', 'WestEdge'],
  ['180', '1', 'OnLine'],
  ['-180', '-1', 'OnLineWest'],
];

/** Places near the latitude limits (Svalbard, Alert, McMurdo, the limits themselves). */
export const POLAR: Place[] = [
  ['15.633333', '78.216667', 'Longyearbyen'],
  ['-62.350000', '82.500000', 'Alert'],
  ['166.668235', '-77.846323', 'McMurdo'],
  ['0', '85.05112878', 'NorthLimit'],
  ['0', '-85.05112878', 'SouthLimit'],
  ['90', '85', 'NearNorth'],
  ['-90', '-85', 'NearSouth'],
  ['180', '85.05112878', 'Corner'],
];

/** GEOADD arguments for a key and places. */
export function geoadd(key: string, places: Place[]): string[] {
  return ['GEOADD', key, ...places.flat()];
}
