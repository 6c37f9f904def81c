/**
 * Replies as they were on the wire, types kept (simple vs bulk, map vs array, double vs
 * bulk), so the fake and the real server are compared on exactly what a client reads.
 */
export type Wire =
  | { t: 'simple'; v: string }
  | { t: 'error'; v: string }
  /** A RESP3 blob error (`!len`), distinct from a simple error. */
  | { t: 'bloberror'; v: string }
  | { t: 'int'; v: string }
  | { t: 'bulk'; v: string }
  | { t: 'nullbulk' }
  | { t: 'nullarray' }
  | { t: 'null' }
  | { t: 'array'; v: Wire[] }
  | { t: 'map'; v: Array<[Wire, Wire]> }
  | { t: 'set'; v: Wire[] }
  | { t: 'push'; v: Wire[] }
  /** A RESP3 attribute (`|`) and the reply it annotates. */
  | { t: 'attr'; v: Array<[Wire, Wire]>; reply: Wire }
  | { t: 'double'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'bignum'; v: string }
  | { t: 'verbatim'; v: string }
  /** Bytes that are not RESP; the reader stops there (the stream cannot be framed any more). */
  | { t: 'invalid'; v: string };

/**
 * Incremental reader of RESP2/RESP3 replies (latin1 text, one char per byte). It never
 * throws: input that is not RESP yields one `invalid` reply, after which the reader
 * ignores the rest of the stream (it can no longer be framed).
 */
export class WireReader {
  private buffer = '';
  private pos = 0;
  private broken = false;

  feed(chunk: Buffer): Wire[] {
    if (this.broken) return [];
    this.buffer = this.buffer.slice(this.pos) + chunk.toString('latin1');
    this.pos = 0;
    const out: Wire[] = [];
    for (;;) {
      const start = this.pos;
      const value = this.read();
      if (value === undefined) {
        this.pos = start;
        break;
      }
      out.push(value);
      if (value.t === 'invalid') {
        this.broken = true;
        this.buffer = '';
        this.pos = 0;
        break;
      }
    }
    return out;
  }

  private line(): string | undefined {
    const end = this.buffer.indexOf('\r\n', this.pos);
    if (end < 0) return undefined;
    const text = this.buffer.slice(this.pos, end);
    this.pos = end + 2;
    return text;
  }

  private invalid(what: string, at: number): Wire {
    return { t: 'invalid', v: `${what} at ${JSON.stringify(this.buffer.slice(at, at + 40))}` };
  }

  /** A length or count header: an integer, -1 for null; undefined when it is not one. */
  private static count(head: string): number | undefined {
    return /^(?:-1|0|[1-9][0-9]*)$/.test(head) ? Number(head) : undefined;
  }

  private read(): Wire | undefined {
    if (this.pos >= this.buffer.length) return undefined;
    const at = this.pos;
    const type = this.buffer[this.pos++];
    const head = this.line();
    if (head === undefined) return undefined;
    switch (type) {
      case '+': return { t: 'simple', v: head };
      case '-': return { t: 'error', v: head };
      case ':': return { t: 'int', v: head };
      case ',': return { t: 'double', v: head };
      case '#': return head === 't' || head === 'f' ? { t: 'bool', v: head === 't' } : this.invalid('bad boolean', at);
      case '(': return { t: 'bignum', v: head };
      case '_': return head === '' ? { t: 'null' } : this.invalid('bad null', at);
      case '$':
      case '=':
      case '!': {
        const n = WireReader.count(head);
        if (n === undefined) return this.invalid('bad length', at);
        if (n < 0) return type === '$' ? { t: 'nullbulk' } : this.invalid('negative length', at);
        if (this.buffer.length - this.pos < n + 2) return undefined;
        const v = this.buffer.slice(this.pos, this.pos + n);
        if (this.buffer.slice(this.pos + n, this.pos + n + 2) !== '\r\n') return this.invalid('missing CRLF after the payload', at);
        this.pos += n + 2;
        if (type === '=') return { t: 'verbatim', v };
        if (type === '!') return { t: 'bloberror', v };
        return { t: 'bulk', v };
      }
      case '*':
      case '~':
      case '>': {
        const n = WireReader.count(head);
        if (n === undefined) return this.invalid('bad count', at);
        if (n < 0) return type === '*' ? { t: 'nullarray' } : this.invalid('negative count', at);
        const items: Wire[] = [];
        for (let i = 0; i < n; i++) {
          const item = this.read();
          if (item === undefined || item.t === 'invalid') return item;
          items.push(item);
        }
        return type === '*' ? { t: 'array', v: items } : type === '~' ? { t: 'set', v: items } : { t: 'push', v: items };
      }
      case '%':
      case '|': {
        const n = WireReader.count(head);
        if (n === undefined || n < 0) return this.invalid('bad count', at);
        const entries: Array<[Wire, Wire]> = [];
        for (let i = 0; i < n; i++) {
          const k = this.read();
          if (k === undefined || k.t === 'invalid') return k;
          const v = this.read();
          if (v === undefined || v.t === 'invalid') return v;
          entries.push([k, v]);
        }
        if (type === '|') {
          // An attribute annotates the reply after it: both are kept, as one reply.
          const reply = this.read();
          if (reply === undefined || reply.t === 'invalid') return reply;
          return { t: 'attr', v: entries, reply };
        }
        return { t: 'map', v: entries };
      }
      default:
        return this.invalid(`bad RESP type byte ${JSON.stringify(type)}`, at);
    }
  }
}

/** Encodes a command as a RESP multibulk request. */
export function encodeCommand(args: Array<string | Buffer | number>): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const b = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg), 'utf8');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Human-readable form of a wire reply, for failure messages. */
export function showWire(w: Wire, indent = ''): string {
  const esc = (s: string) => JSON.stringify(s);
  switch (w.t) {
    case 'simple': return `+${w.v}`;
    case 'error': return `-${w.v}`;
    case 'int': return `:${w.v}`;
    case 'bulk': return esc(w.v);
    case 'double': return `,${w.v}`;
    case 'bool': return `#${w.v ? 't' : 'f'}`;
    case 'bignum': return `(${w.v}`;
    case 'verbatim': return `=${esc(w.v)}`;
    case 'nullbulk': return '$-1';
    case 'nullarray': return '*-1';
    case 'null': return '_';
    case 'array': case 'set': case 'push': {
      const open = { array: '[', set: '~{', push: '>[' }[w.t];
      if (w.v.length === 0) return `${open}]`;
      return `${open}\n${w.v.map((x) => `${indent}  ${showWire(x, `${indent}  `)}`).join('\n')}\n${indent}]`;
    }
    case 'bloberror': return `!${esc(w.v)}`;
    case 'invalid': return `<not RESP: ${w.v}>`;
    case 'map':
      if (w.v.length === 0) return '%{}';
      return `%{\n${w.v.map(([k, v]) => `${indent}  ${showWire(k, `${indent}  `)} => ${showWire(v, `${indent}  `)}`).join('\n')}\n${indent}}`;
    case 'attr': {
      const attributes = w.v.map(([k, v]) => `${indent}  ${showWire(k, `${indent}  `)} => ${showWire(v, `${indent}  `)}`).join('\n');
      return `|{\n${attributes}\n${indent}} ${showWire(w.reply, indent)}`;
    }
  }
}
