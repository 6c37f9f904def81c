import { ErrorReply } from '@fakeredis/core';
import {
  ERR_FUNCTION_NAME,
  ERR_INVALID_LIBRARY_METADATA,
  ERR_LIBRARY_NAME_MISSING,
  ERR_LIBRARY_NAME_TWICE,
  ERR_MISSING_LIBRARY_METADATA,
  errInvalidMetadataValue,
} from '../errors.js';

/** A library's `#!<engine> name=<name>` header and the code after it (functionExtractLibMetaData). */
export interface LibraryMetadata {
  readonly engine: string;
  readonly name: string;
  /** The code Lua compiles: from the header's line feed on, so line numbers stay those of the payload. */
  readonly code: string;
}

const isCSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * sdssplitargs: splits a line into arguments as redis-cli and the config file do (quotes,
 * `\xHH` and `\n`-style escapes); undefined for unbalanced quotes or a closing quote not
 * followed by a space. The line is a C string: it ends at its first NUL.
 */
export function splitArgs(input: string): string[] | undefined {
  const nul = input.indexOf('\0');
  const line = nul < 0 ? input : input.slice(0, nul);
  const args: string[] = [];
  let p = 0;
  for (;;) {
    while (p < line.length && isCSpace(line[p])) p++;
    if (p >= line.length) return args;
    let inq = false;
    let insq = false;
    let done = false;
    let current = '';
    while (!done) {
      const c = line[p];
      if (inq) {
        if (c === '\\' && line[p + 1] === 'x' && isHex(line[p + 2]) && isHex(line[p + 3])) {
          current += String.fromCharCode(parseInt(line.slice(p + 2, p + 4), 16));
          p += 3;
        } else if (c === '\\' && p + 1 < line.length) {
          p++;
          const e = line[p] as string;
          current += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          if (p + 1 < line.length && !isCSpace(line[p + 1])) return undefined;
          done = true;
        } else if (c === undefined) {
          return undefined;
        } else {
          current += c;
        }
      } else if (insq) {
        if (c === '\\' && line[p + 1] === "'") {
          p++;
          current += "'";
        } else if (c === "'") {
          if (p + 1 < line.length && !isCSpace(line[p + 1])) return undefined;
          done = true;
        } else if (c === undefined) {
          return undefined;
        } else {
          current += c;
        }
      } else if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === undefined) {
        done = true;
      } else if (c === '"') {
        inq = true;
      } else if (c === "'") {
        insq = true;
      } else {
        current += c;
      }
      if (p < line.length) p++;
    }
    args.push(current);
  }
}

/** functionExtractLibMetaData: the header's engine and name; throws Redis's error. */
export function extractLibraryMetadata(payload: string): LibraryMetadata {
  if (!payload.startsWith('#!')) throw ERR_MISSING_LIBRARY_METADATA;
  // strchr on a C string: a NUL before the first line feed ends the search.
  const end = payload.indexOf('\n');
  const nul = payload.indexOf('\0');
  if (end < 0 || (nul >= 0 && nul < end)) throw ERR_INVALID_LIBRARY_METADATA;
  const parts = splitArgs(payload.slice(0, end));
  if (parts === undefined || parts.length === 0) throw ERR_INVALID_LIBRARY_METADATA;
  const engine = (parts[0] as string).slice(2);
  let name: string | undefined;
  for (const part of parts.slice(1)) {
    if (part.slice(0, 5).toLowerCase() === 'name=') {
      if (name !== undefined) throw ERR_LIBRARY_NAME_TWICE;
      name = part.slice(5);
      continue;
    }
    // Printed with %s: a NUL (from a quoted \x00) ends it.
    throw errInvalidMetadataValue(part.split('\0')[0] as string);
  }
  if (name === undefined) throw ERR_LIBRARY_NAME_MISSING;
  return { engine, name, code: payload.slice(end) };
}

/** functionsVerifyName: letters, digits and underscores, at least one. */
export function isValidFunctionName(name: string): boolean {
  return /^[a-zA-Z0-9_]+$/.test(name);
}

/** Throws Redis's error for an invalid library name. */
export function verifyLibraryName(name: string): void {
  if (!isValidFunctionName(name)) throw ERR_FUNCTION_NAME;
}

/** `ERR <message>` for an error Redis builds with addReplyErrorSds from a bare message. */
export const replyError = (message: string): ErrorReply => new ErrorReply(`ERR ${message}`);
