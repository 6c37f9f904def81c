export { GeoCommands } from './mixin.js';
export { CoordinateReply } from './coordinate-reply.js';
export {
  type Area,
  type Cell,
  GEO_LAT_MAX,
  GEO_LAT_MIN,
  GEO_LONG_MAX,
  GEO_LONG_MIN,
  GEO_STEP_MAX,
  cellOfScore,
  decode,
  encode,
  geohashString,
  neighbors,
  pointOfScore,
  scoreTextOf,
} from './geohash.js';
export { distance, estimateStepsByRadius, type Shape } from './shape.js';
