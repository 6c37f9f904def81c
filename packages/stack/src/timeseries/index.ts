export { TimeSeriesCommands } from './mixin.js';
export { Series } from './series.js';
export { seriesType } from './type.js';
