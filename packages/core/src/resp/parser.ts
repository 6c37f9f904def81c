import type { Bytes } from '../bytes.js';

/** Redis's limits on request framing (networking.c). */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
export const PROTO_MAX_MULTIBULK = 2 ** 31 - 1;
export const PROTO_UNAUTH_MAX_MULTIBULK = 10;
export const PROTO_UNAUTH_MAX_BULK = 16384;

export class ProtocolError extends Error {
  constructor(readonly detail: string) {
    super(`Protocol error: ${detail}`);
  }
}

export interface ParserLimits {
  /** proto-max-bulk-len */
  maxBulkLength: number;
  /** Unauthenticated clients get the tighter limits Redis gives them. */
  authenticated: boolean;
}

/**
 * Incremental, binary-safe request parser: multibulk (`*N\r\n$len\r\n...`) and inline
 * commands (a line split like redis-cli's input, quotes and escapes honoured), exactly as
 * Redis frames them. Input arrives in chunks; complete commands come out as argv arrays.
 */
export class RequestParser {
  private buffer = '';
  private pos = 0;
  /** Chunks held back while a large bulk is incomplete, to avoid quadratic copies. */
  private held: string[] = [];
  private heldLength = 0;
  private needed = 0;

  // State of a multibulk request in progress.
  private argc = -1;
  private argv: Bytes[] = [];
  private bulkLength = -1;

  /**
   * Feeds a chunk and returns the commands it completed. A framing error stops parsing:
   * the commands before it are returned and `error` is set (the connection must close).
   */
  error: ProtocolError | undefined;

  feed(chunk: Buffer | string, limits: ParserLimits): Bytes[][] {
    if (this.error) return [];
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (this.needed > 0) {
      this.held.push(text);
      this.heldLength += text.length;
      if (this.heldLength < this.needed) return [];
      this.buffer = this.buffer.slice(this.pos) + this.held.join('');
      this.pos = 0;
      this.held = [];
      this.heldLength = 0;
      this.needed = 0;
    } else if (this.pos >= this.buffer.length) {
      this.buffer = text;
      this.pos = 0;
    } else {
      this.buffer = this.buffer.slice(this.pos) + text;
      this.pos = 0;
    }
    const commands: Bytes[][] = [];
    try {
      for (;;) {
        const command = this.argc >= 0 || this.buffer[this.pos] === '*'
          ? this.parseMultibulk(limits)
          : this.parseInline();
        if (command === undefined) break;
        if (command.length > 0) commands.push(command);
      }
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      this.error = e;
      this.buffer = '';
      this.pos = 0;
    }
    return commands;
  }

  /** True when a request has started but not finished (used for diagnostics). */
  get inRequest(): boolean {
    return this.argc >= 0 || this.pos < this.buffer.length;
  }

  private parseInline(): Bytes[] | undefined {
    const buffer = this.buffer;
    if (this.pos >= buffer.length) return undefined;
    const newline = buffer.indexOf('\n', this.pos);
    if (newline < 0) {
      if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) {
        throw new ProtocolError('too big inline request');
      }
      return undefined;
    }
    let end = newline;
    if (end > this.pos && buffer.charCodeAt(end - 1) === 13) end--;
    const line = buffer.slice(this.pos, end);
    this.pos = newline + 1;
    const args = splitInlineArgs(line);
    if (args === undefined) throw new ProtocolError('unbalanced quotes in request');
    return args;
  }

  private parseMultibulk(limits: ParserLimits): Bytes[] | undefined {
    const buffer = this.buffer;
    if (this.argc < 0) {
      const lineEnd = buffer.indexOf('\r\n', this.pos);
      if (lineEnd < 0) {
        if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) {
          throw new ProtocolError('too big mbulk count string');
        }
        return undefined;
      }
      const count = parseLength(buffer, this.pos + 1, lineEnd);
      if (count === undefined || count > PROTO_MAX_MULTIBULK) {
        throw new ProtocolError('invalid multibulk length');
      }
      if (!limits.authenticated && count > PROTO_UNAUTH_MAX_MULTIBULK) {
        throw new ProtocolError('unauthenticated multibulk length');
      }
      this.pos = lineEnd + 2;
      if (count <= 0) return [];
      this.argc = count;
      this.argv = [];
    }
    while (this.argv.length < this.argc) {
      if (this.bulkLength < 0) {
        if (this.pos >= buffer.length) return undefined;
        const lineEnd = buffer.indexOf('\r\n', this.pos);
        if (lineEnd < 0) {
          if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) {
            throw new ProtocolError('too big bulk count string');
          }
          return undefined;
        }
        if (buffer[this.pos] !== '$') {
          throw new ProtocolError(`expected '$', got '${buffer[this.pos]}'`);
        }
        const length = parseLength(buffer, this.pos + 1, lineEnd);
        if (length === undefined || length < 0 || length > limits.maxBulkLength) {
          throw new ProtocolError('invalid bulk length');
        }
        if (!limits.authenticated && length > PROTO_UNAUTH_MAX_BULK) {
          throw new ProtocolError('unauthenticated bulk length');
        }
        this.pos = lineEnd + 2;
        this.bulkLength = length;
      }
      if (buffer.length - this.pos < this.bulkLength + 2) {
        this.needed = this.bulkLength + 2 - (buffer.length - this.pos);
        return undefined;
      }
      this.argv.push(buffer.slice(this.pos, this.pos + this.bulkLength) as Bytes);
      this.pos += this.bulkLength + 2;
      this.bulkLength = -1;
    }
    const argv = this.argv;
    this.argc = -1;
    this.argv = [];
    return argv;
  }
}

/** Parses the decimal after `*` or `$` as Redis's string2ll does; undefined if invalid. */
function parseLength(buffer: string, start: number, end: number): number | undefined {
  const text = buffer.slice(start, end);
  if (!/^-?[0-9]{1,19}$/.test(text)) return undefined;
  if (text.length > 1 && (text[0] === '0' || text.startsWith('-0'))) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Splits an inline request line as sdssplitargs does: whitespace-separated words,
 * "double quotes" with \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' with \'.
 * A closing quote must be followed by whitespace. Undefined on unbalanced quotes.
 */
export function splitInlineArgs(line: string): Bytes[] | undefined {
  const args: Bytes[] = [];
  let i = 0;
  const n = line.length;
  const isSpace = (c: string | undefined) =>
    c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\v' || c === '\f';
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return args;
    let current = '';
    let inDouble = false;
    let inSingle = false;
    for (;;) {
      const c = line[i];
      if (inDouble) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === 'x' && HEX.test(line.slice(i + 2, i + 4))) {
          current += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < n) {
          i++;
          const e = line[i];
          current += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          if (i + 1 < n && !isSpace(line[i + 1])) return undefined;
          inDouble = false;
          i++;
          break;
        } else {
          current += c;
        }
      } else if (inSingle) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          current += "'";
        } else if (c === "'") {
          if (i + 1 < n && !isSpace(line[i + 1])) return undefined;
          inSingle = false;
          i++;
          break;
        } else {
          current += c;
        }
      } else {
        if (c === undefined || isSpace(c)) break;
        if (c === '"') inDouble = true;
        else if (c === "'") inSingle = true;
        else current += c;
      }
      i++;
    }
    args.push(current as Bytes);
  }
}
