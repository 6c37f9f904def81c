import {
  BooleanReply, type Bytes, bytesFromText, bytesToText, coreMixins, DoubleReply, ErrorReply, FakeServer, formatDouble, MapReply, type Reply,
  SimpleString,
} from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { JsonCommands } from '../../src/json/index.js';

/** An error reply, as a test expects it. */
export class Err {
  constructor(readonly message: string) {}
}

/**
 * A reply as redis-py with decode_responses shows it (RedisJSON's tests): RESP2 doubles as
 * their text and booleans as 1/0, RESP3 doubles as numbers, booleans and maps natively.
 */
export function plain(reply: Reply, protocol: 2 | 3): unknown {
  if (reply === null) return null;
  if (typeof reply === 'string') return bytesToText(reply as Bytes);
  if (typeof reply === 'number') return reply;
  if (typeof reply === 'bigint') return reply;
  if (Array.isArray(reply)) return reply.map((r) => plain(r, protocol));
  if (reply instanceof SimpleString) return reply.value;
  if (reply instanceof ErrorReply) return new Err(reply.message);
  if (reply instanceof DoubleReply) return protocol === 3 ? reply.value : formatDouble(reply.value, 'printf17g');
  if (reply instanceof BooleanReply) return protocol === 3 ? reply.value : reply.value ? 1 : 0;
  if (reply instanceof MapReply) {
    if (protocol === 2) return reply.entries.flatMap(([k, v]) => [plain(k, 2), plain(v, 2)]);
    return Object.fromEntries(reply.entries.map(([k, v]) => [plain(k, 3), plain(v, 3)]));
  }
  throw new Error(`unexpected reply ${String(reply)}`);
}

/** A fake with JsonCommands (and strings and hashes for keys of other types) and a client of the given protocol. */
export function jsonServer(protocol: 2 | 3) {
  const server = new FakeServer({ mixins: [...coreMixins, StringCommands, JsonCommands] });
  const client = server.createClient();
  client.protocol = protocol;
  client.authenticated = true;
  const run = (...args: Array<string | number | Buffer>): unknown => {
    const argv = args.map((a) => (Buffer.isBuffer(a) ? (a.toString('latin1') as Bytes) : bytesFromText(String(a))));
    const reply = server.execute(client, argv);
    server.beforeSleep();
    return plain(reply ?? null, protocol);
  };
  return { server, client, run };
}
