import type { Bytes } from '../bytes.js';

/** Redis's limits on request framing (networking.c). */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
export const PROTO_MAX_MULTIBULK = 2 ** 31 - 1;
export const PROTO_UNAUTH_MAX_MULTIBULK = 10;
export const PROTO_UNAUTH_MAX_BULK = 16384;
/**
 * The longest bulk a JS string can hold (V8's limit, just under 512 MB). Redis accepts up
 * to proto-max-bulk-len (512 MB by default); longer bulks here answer "invalid bulk length".
 */
export const MAX_BULK_IN_MEMORY = 2 ** 29 - 24 - 2;

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
 * commands (split as redis-cli input is, quotes and escapes honoured), framed exactly as
 * Redis frames them. Like Redis's query buffer, input is held until the client is ready
 * for its next command: `next()` returns one command at a time, with the limits of that
 * moment (a command after AUTH is no longer unauthenticated).
 */
export class RequestParser {
  /** The framing error that stopped parsing; the connection must close after it. */
  error: ProtocolError | undefined;

  private buffer = '';
  private pos = 0;
  /** Chunks not yet merged into `buffer`, so a large bulk is joined once, not per chunk. */
  private held: string[] = [];
  private heldLength = 0;
  /** Bytes the current incomplete request needs beyond `buffer` before parsing resumes. */
  private needed = 0;

  // State of a multibulk request in progress.
  private argc = -1;
  private argv: Bytes[] = [];
  private bulkLength = -1;

  /** Appends a chunk of input. */
  feed(chunk: Buffer | string): void {
    if (this.error) return;
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (text.length === 0) return;
    this.held.push(text);
    this.heldLength += text.length;
  }

  /** True when input is held that has not been parsed yet. */
  get hasInput(): boolean {
    return this.pos < this.buffer.length || this.heldLength > 0;
  }

  /**
   * The next complete command, or undefined when more input is needed or a framing error
   * occurred (then `error` is set and later input is ignored).
   */
  next(limits: ParserLimits): Bytes[] | undefined {
    if (this.error) return undefined;
    try {
      for (;;) {
        const command = this.pos < this.buffer.length || this.argc >= 0 ? this.parse(limits) : undefined;
        if (command !== undefined) {
          if (command.length > 0) return command;
          continue;
        }
        if (this.heldLength === 0 || this.heldLength < this.needed) return undefined;
        this.buffer = (this.pos < this.buffer.length ? this.buffer.slice(this.pos) : '') + this.held.join('');
        this.pos = 0;
        this.held = [];
        this.heldLength = 0;
        this.needed = 0;
      }
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      this.error = e;
      this.buffer = '';
      this.pos = 0;
      this.held = [];
      this.heldLength = 0;
      return undefined;
    }
  }

  private parse(limits: ParserLimits): Bytes[] | undefined {
    return this.argc >= 0 || this.buffer[this.pos] === '*' ? this.parseMultibulk(limits) : this.parseInline();
  }

  private parseInline(): Bytes[] | undefined {
    const buffer = this.buffer;
    // Redis finds the line end with strchr: a NUL before the newline hides it.
    const newline = buffer.indexOf('\n', this.pos);
    const nul = buffer.indexOf('\0', this.pos);
    if (newline < 0 || (nul >= 0 && nul < newline)) {
      if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('too big inline request');
      this.needed = 1;
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

  /**
   * Reads a `*N` or `$N` header line: Redis looks for the CR and skips the byte after it,
   * whatever it is. Undefined when the line is incomplete.
   */
  private header(tooBig: string): string | undefined {
    const buffer = this.buffer;
    const cr = buffer.indexOf('\r', this.pos);
    if (cr < 0 || cr + 1 >= buffer.length) {
      if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError(tooBig);
      this.needed = 1;
      return undefined;
    }
    const text = buffer.slice(this.pos + 1, cr);
    this.pos = cr + 2;
    return text;
  }

  private parseMultibulk(limits: ParserLimits): Bytes[] | undefined {
    if (this.argc < 0) {
      const text = this.header('too big mbulk count string');
      if (text === undefined) return undefined;
      const count = parseLength(text);
      if (count === undefined || count > PROTO_MAX_MULTIBULK) throw new ProtocolError('invalid multibulk length');
      if (!limits.authenticated && count > PROTO_UNAUTH_MAX_MULTIBULK) {
        throw new ProtocolError('unauthenticated multibulk length');
      }
      if (count <= 0) return [];
      this.argc = count;
      this.argv = [];
    }
    const buffer = this.buffer;
    while (this.argv.length < this.argc) {
      if (this.bulkLength < 0) {
        if (this.pos >= buffer.length) {
          this.needed = 1;
          return undefined;
        }
        if (buffer[this.pos] !== '$') {
          const cr = buffer.indexOf('\r', this.pos);
          if (cr < 0 || cr + 1 >= buffer.length) {
            if (buffer.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('too big bulk count string');
            this.needed = 1;
            return undefined;
          }
          throw new ProtocolError(`expected '$', got '${buffer[this.pos]}'`);
        }
        const text = this.header('too big bulk count string');
        if (text === undefined) return undefined;
        const length = parseLength(text);
        if (length === undefined || length < 0 || length > limits.maxBulkLength || length > MAX_BULK_IN_MEMORY) {
          throw new ProtocolError('invalid bulk length');
        }
        if (!limits.authenticated && length > PROTO_UNAUTH_MAX_BULK) {
          throw new ProtocolError('unauthenticated bulk length');
        }
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
function parseLength(text: string): number | undefined {
  if (!/^-?[0-9]{1,19}$/.test(text)) return undefined;
  if (text.length > 1 && (text[0] === '0' || text.startsWith('-0'))) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** isspace() in the C locale: blanks skipped between arguments and checked after quotes. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\v' || c === '\f';
}

/**
 * Splits an inline request line as sdssplitargs does: words separated by space, tab, CR
 * or LF (not \v or \f, which only isspace() knows), "double quotes" with \n \r \t \b \a
 * \\ \" and \xHH escapes, 'single quotes' with \'. A closing quote must be followed by
 * whitespace. As a C string, the line ends at a NUL byte. Undefined on unbalanced quotes.
 */
export function splitInlineArgs(input: string): Bytes[] | undefined {
  const nul = input.indexOf('\0');
  const line = nul < 0 ? input : input.slice(0, nul);
  const args: Bytes[] = [];
  let i = 0;
  const n = line.length;
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
          i++;
          break;
        } else {
          current += c;
        }
      } else {
        if (c === undefined || c === ' ' || c === '\n' || c === '\r' || c === '\t') break;
        if (c === '"') inDouble = true;
        else if (c === "'") inSingle = true;
        else current += c;
      }
      i++;
    }
    args.push(current as Bytes);
  }
}
