import { DoubleReply } from '@fakeredis/core';
import { formatHumanDouble } from './format.js';

/**
 * A coordinate as Redis's addReplyHumanLongDouble sends it: a bulk string in RESP2 and a
 * RESP3 double, both written "%.17Lf" without trailing zeros (13.36138933897018433),
 * not in the "%.17g" form other doubles take. It stays a DoubleReply for anything that
 * reads replies as values (scripts, the direct API).
 */
export class CoordinateReply extends DoubleReply {
  constructor(value: number) {
    super(value, formatHumanDouble(value));
  }
}
