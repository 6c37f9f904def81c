import { DoubleReply, type FakeServer, type Reply } from '@fakeredis/core';
import { formatHumanDouble } from './format.js';

/**
 * A coordinate as Redis's addReplyHumanLongDouble sends it: a bulk string in RESP2 and a
 * RESP3 double, both written "%.17Lf" without trailing zeros (13.36138933897018433),
 * not in the "%.17g" form other doubles take. It stays a DoubleReply for anything that
 * reads replies as values (scripts, the direct API).
 */
export class CoordinateReply extends DoubleReply {
  readonly text: string;
  constructor(value: number) {
    super(value);
    this.text = formatHumanDouble(value);
  }
}

type EncodeStep = (reply: Reply) => string;
interface EncoderSteps {
  resp2: EncodeStep;
  resp3: EncodeStep;
}

const INSTALLED = Symbol('fakeredis.geo.coordinateReply');

/**
 * Teaches a server's reply encoder to write CoordinateReply's own text. Core's encoder
 * has no way to carry a double's text yet; this wraps its per-type steps on this one
 * encoder instance (idempotent). It goes away once core's DoubleReply carries an
 * optional text that both encoders print.
 */
export function installCoordinateEncoding(server: FakeServer): void {
  const encoder = server.encoder as unknown as EncoderSteps & { [INSTALLED]?: true };
  if (encoder[INSTALLED]) return;
  if (typeof encoder.resp2 !== 'function' || typeof encoder.resp3 !== 'function') return;
  const resp2 = encoder.resp2.bind(encoder);
  const resp3 = encoder.resp3.bind(encoder);
  encoder.resp2 = (reply) => (reply instanceof CoordinateReply ? `$${reply.text.length}\r\n${reply.text}\r\n` : resp2(reply));
  encoder.resp3 = (reply) => (reply instanceof CoordinateReply ? `,${reply.text}\r\n` : resp3(reply));
  encoder[INSTALLED] = true;
}
