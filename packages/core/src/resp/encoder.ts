import type { Bytes } from '../bytes.js';
import { formatDouble, type DoubleFormat } from '../numbers.js';
import {
  AttributeReply,
  BigNumberReply,
  BooleanReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  PairsMapReply,
  NullArrayReply,
  PairsReply,
  PushReply,
  type Reply,
  SetReply,
  SimpleString,
  VerbatimReply,
} from '../reply.js';

export type Protocol = 2 | 3;

/**
 * Writes replies as RESP2 or RESP3 into one latin1 string (each char one byte), so a
 * reply of Bytes is written without conversion; the transport turns it into a Buffer.
 */
export class ReplyEncoder {
  constructor(readonly doubleFormat: DoubleFormat) {}

  encode(reply: Reply, protocol: Protocol): string {
    return protocol === 3 ? this.resp3(reply) : this.resp2(reply);
  }

  private resp2(reply: Reply): string {
    switch (typeof reply) {
      case 'string':
        return `$${reply.length}\r\n${reply}\r\n`;
      case 'number':
        return `:${reply}\r\n`;
      case 'bigint':
        return `:${reply}\r\n`;
    }
    if (reply === null) return '$-1\r\n';
    if (Array.isArray(reply)) {
      let out = `*${reply.length}\r\n`;
      for (const item of reply) out += this.resp2(item);
      return out;
    }
    if (reply instanceof SimpleString) return `+${reply.value}\r\n`;
    if (reply instanceof ErrorReply) return `-${reply.message}\r\n`;
    if (reply instanceof MapReply) {
      const pairs = reply instanceof PairsMapReply;
      let out = `*${reply.entries.length * (pairs ? 1 : 2)}\r\n`;
      for (const [k, v] of reply.entries) out += (pairs ? '*2\r\n' : '') + this.resp2(k) + this.resp2(v);
      return out;
    }
    if (reply instanceof SetReply || reply instanceof PushReply) {
      let out = `*${reply.items.length}\r\n`;
      for (const item of reply.items) out += this.resp2(item);
      return out;
    }
    if (reply instanceof PairsReply) {
      let out = `*${reply.pairs.length * 2}\r\n`;
      for (const [a, b] of reply.pairs) out += this.resp2(a) + this.resp2(b);
      return out;
    }
    if (reply instanceof DoubleReply) {
      const text = reply.text ?? formatDouble(reply.value, this.doubleFormat);
      return `$${text.length}\r\n${text}\r\n`;
    }
    if (reply instanceof BooleanReply) return reply.value ? ':1\r\n' : ':0\r\n';
    if (reply instanceof BigNumberReply) {
      const text = reply.value.toString();
      return `$${text.length}\r\n${text}\r\n`;
    }
    if (reply instanceof VerbatimReply) return `$${reply.text.length}\r\n${reply.text}\r\n`;
    if (reply instanceof NullArrayReply) return '*-1\r\n';
    if (reply instanceof AttributeReply) return this.resp2(reply.reply);
    throw new TypeError(`not a reply: ${String(reply)}`);
  }

  private resp3(reply: Reply): string {
    switch (typeof reply) {
      case 'string':
        return `$${reply.length}\r\n${reply}\r\n`;
      case 'number':
        return `:${reply}\r\n`;
      case 'bigint':
        return `:${reply}\r\n`;
    }
    if (reply === null) return '_\r\n';
    if (Array.isArray(reply)) {
      let out = `*${reply.length}\r\n`;
      for (const item of reply) out += this.resp3(item);
      return out;
    }
    if (reply instanceof SimpleString) return `+${reply.value}\r\n`;
    if (reply instanceof ErrorReply) return `-${reply.message}\r\n`;
    if (reply instanceof MapReply) {
      let out = `%${reply.entries.length}\r\n`;
      for (const [k, v] of reply.entries) out += this.resp3(k) + this.resp3(v);
      return out;
    }
    if (reply instanceof SetReply) {
      let out = `~${reply.items.length}\r\n`;
      for (const item of reply.items) out += this.resp3(item);
      return out;
    }
    if (reply instanceof PushReply) {
      let out = `>${reply.items.length}\r\n`;
      for (const item of reply.items) out += this.resp3(item);
      return out;
    }
    if (reply instanceof PairsReply) {
      let out = `*${reply.pairs.length}\r\n`;
      for (const [a, b] of reply.pairs) out += `*2\r\n${this.resp3(a)}${this.resp3(b)}`;
      return out;
    }
    if (reply instanceof DoubleReply) return `,${reply.text ?? formatDouble(reply.value, this.doubleFormat)}\r\n`;
    if (reply instanceof BooleanReply) return reply.value ? '#t\r\n' : '#f\r\n';
    if (reply instanceof BigNumberReply) return `(${reply.value}\r\n`;
    if (reply instanceof VerbatimReply) {
      return `=${reply.text.length + 4}\r\n${reply.format}:${reply.text}\r\n`;
    }
    if (reply instanceof NullArrayReply) return '_\r\n';
    if (reply instanceof AttributeReply) {
      let out = `|${reply.attributes.length}\r\n`;
      for (const [k, v] of reply.attributes) out += this.resp3(k) + this.resp3(v);
      return out + this.resp3(reply.reply);
    }
    throw new TypeError(`not a reply: ${String(reply)}`);
  }
}

/**
 * Size of the pieces `encodeChunks` cuts a reply into. A piece is longer only when one
 * bulk string's value alone is.
 */
export const ENCODE_CHUNK_SIZE = 1024 * 1024;

/** Collects encoded text into pieces of at most `size` chars (a single longer text stays whole). */
class ChunkSink {
  readonly chunks: string[] = [];
  private current = '';
  constructor(private readonly size: number) {}

  write(text: string): void {
    if (this.current.length + text.length > this.size && this.current.length > 0) {
      this.chunks.push(this.current);
      this.current = text;
    } else {
      this.current += text;
    }
  }

  finish(): string[] {
    if (this.current.length > 0) this.chunks.push(this.current);
    this.current = '';
    return this.chunks;
  }
}

/**
 * Encodes a reply as a list of strings (RESP2 or RESP3 as `encoder.encode` writes it), for
 * replies whose encoding would pass V8's string limit (about 512 MiB): aggregates are
 * written element by element and a bulk string's value is a piece of its own, so any
 * reply whose bulk strings each fit in a JS string can be sent.
 */
export function encodeChunks(encoder: ReplyEncoder, reply: Reply, protocol: Protocol, size = ENCODE_CHUNK_SIZE): string[] {
  const sink = new ChunkSink(size);
  writeChunked(encoder, reply, protocol, sink);
  return sink.finish();
}

function writeChunked(encoder: ReplyEncoder, reply: Reply, protocol: Protocol, sink: ChunkSink): void {
  if (typeof reply === 'string') {
    sink.write(`$${reply.length}\r\n`);
    sink.write(reply);
    sink.write('\r\n');
    return;
  }
  const each = (items: Iterable<Reply>) => {
    for (const item of items) writeChunked(encoder, item, protocol, sink);
  };
  if (Array.isArray(reply)) {
    sink.write(`*${reply.length}\r\n`);
    each(reply);
  } else if (reply instanceof MapReply) {
    const pairs = protocol === 2 && reply instanceof PairsMapReply;
    sink.write(protocol === 3 ? `%${reply.entries.length}\r\n` : `*${reply.entries.length * (pairs ? 1 : 2)}\r\n`);
    for (const entry of reply.entries) {
      if (pairs) sink.write('*2\r\n');
      each(entry);
    }
  } else if (reply instanceof SetReply || reply instanceof PushReply) {
    const type = protocol === 2 ? '*' : reply instanceof SetReply ? '~' : '>';
    sink.write(`${type}${reply.items.length}\r\n`);
    each(reply.items);
  } else if (reply instanceof PairsReply) {
    sink.write(`*${reply.pairs.length * (protocol === 2 ? 2 : 1)}\r\n`);
    for (const pair of reply.pairs) {
      if (protocol === 3) sink.write('*2\r\n');
      each(pair);
    }
  } else {
    sink.write(encoder.encode(reply, protocol));
  }
}

/** Bytes of an encoded reply, for transports. */
export function encodedToBuffer(encoded: string): Buffer {
  return Buffer.from(encoded, 'latin1');
}

export type { Bytes };
