/**
 * Replies as they were on the wire, types kept (simple vs bulk, map vs array, double vs
 * bulk), so the fake and the real server are compared on exactly what a client reads.
 */
export type Wire =
  | { t: 'simple'; v: string }
  | { t: 'error'; v: string }
  | { t: 'int'; v: string }
  | { t: 'bulk'; v: string }
  | { t: 'nullbulk' }
  | { t: 'nullarray' }
  | { t: 'null' }
  | { t: 'array'; v: Wire[] }
  | { t: 'map'; v: Array<[Wire, Wire]> }
  | { t: 'set'; v: Wire[] }
  | { t: 'push'; v: Wire[] }
  | { t: 'attr'; v: Array<[Wire, Wire]> }
  | { t: 'double'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'bignum'; v: string }
  | { t: 'verbatim'; v: string };

/** Incremental reader of RESP2/RESP3 replies (latin1 text, one char per byte). */
export class WireReader {
  private buffer = '';
  private pos = 0;

  feed(chunk: Buffer): Wire[] {
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

  private read(): Wire | undefined {
    if (this.pos >= this.buffer.length) return undefined;
    const type = this.buffer[this.pos++];
    const head = this.line();
    if (head === undefined) return undefined;
    switch (type) {
      case '+': return { t: 'simple', v: head };
      case '-': return { t: 'error', v: head };
      case ':': return { t: 'int', v: head };
      case ',': return { t: 'double', v: head };
      case '#': return { t: 'bool', v: head === 't' };
      case '(': return { t: 'bignum', v: head };
      case '_': return { t: 'null' };
      case '$':
      case '=':
      case '!': {
        const n = Number(head);
        if (n < 0) return { t: 'nullbulk' };
        if (this.buffer.length - this.pos < n + 2) return undefined;
        const v = this.buffer.slice(this.pos, this.pos + n);
        this.pos += n + 2;
        if (type === '=') return { t: 'verbatim', v };
        if (type === '!') return { t: 'error', v };
        return { t: 'bulk', v };
      }
      case '*':
      case '~':
      case '>': {
        const n = Number(head);
        if (n < 0) return { t: 'nullarray' };
        const items: Wire[] = [];
        for (let i = 0; i < n; i++) {
          const item = this.read();
          if (item === undefined) return undefined;
          items.push(item);
        }
        return type === '*' ? { t: 'array', v: items } : type === '~' ? { t: 'set', v: items } : { t: 'push', v: items };
      }
      case '%':
      case '|': {
        const n = Number(head);
        const entries: Array<[Wire, Wire]> = [];
        for (let i = 0; i < n; i++) {
          const k = this.read();
          if (k === undefined) return undefined;
          const v = this.read();
          if (v === undefined) return undefined;
          entries.push([k, v]);
        }
        if (type === '|') {
          // An attribute precedes the real reply; keep both.
          const reply = this.read();
          if (reply === undefined) return undefined;
          return reply;
        }
        return { t: 'map', v: entries };
      }
      default:
        throw new Error(`bad RESP type byte ${JSON.stringify(type)}`);
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
    case 'map':
    case 'attr':
      if (w.v.length === 0) return '%{}';
      return `%{\n${w.v.map(([k, v]) => `${indent}  ${showWire(k, `${indent}  `)} => ${showWire(v, `${indent}  `)}`).join('\n')}\n${indent}}`;
  }
}
