import { ErrorReply, serverRdbVersion } from '@fakeredis/core';
import { errFunctionExists, errRestoreLibraryExists } from '../errors.js';
import { createLibrary } from './library.js';
import { RDB_OPCODE_FUNCTION, RDB_OPCODE_FUNCTION2, RdbReader, RdbWriter, verifyPayload, withFooter } from './rdb.js';
import { type FunctionsState, type Library, LibraryContext } from './state.js';

/** The RDB version a server writes and the newest it reads (core's, by profile). */
export const rdbVersion = serverRdbVersion;

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/**
 * FUNCTION DUMP's payload: each library as RDB_OPCODE_FUNCTION2 and its code (an RDB
 * string, LZF-compressed as rdbcompression says), then the RDB version and CRC-64.
 */
export function dumpLibraries(ctx: LibraryContext, compression: boolean, version: number): Uint8Array {
  const writer = new RdbWriter(compression);
  for (const library of ctx.libraries.values()) {
    writer.bytes([RDB_OPCODE_FUNCTION2]);
    writer.string(Buffer.from(library.payload, 'latin1'));
  }
  return withFooter(writer.result(), version);
}

const fail = (message: string): ErrorReply => new ErrorReply(`ERR ${message}`);

/**
 * FUNCTION RESTORE (functionRestoreCommand): undefined when the payload's version or
 * checksum is wrong; throws Redis's error for a payload it cannot load or that collides
 * with the libraries in place; else the libraries are in place.
 */
export function restoreLibraries(state: FunctionsState, payload: Uint8Array, policy: 'flush' | 'append' | 'replace'): true | undefined {
  if (verifyPayload(payload, rdbVersion(state.server)) === undefined) return undefined;
  const restored = new LibraryContext();
  const reader = new RdbReader(payload);
  const loaded: Library[] = [];
  while (payload.length - reader.pos > 10) {
    const type = reader.byte();
    if (type === undefined) throw fail('can not read data type');
    // 7.2 (and Valkey) dropped the 7.0-rc format.
    if (type === RDB_OPCODE_FUNCTION && state.server.versionAtLeast('7.2.0')) throw fail('Pre-GA function format not supported');
    if (type !== RDB_OPCODE_FUNCTION && type !== RDB_OPCODE_FUNCTION2) throw fail('given type is not a function');
    loaded.push(createLibrary(readLibraryPayload(reader, type), false, restored, 0, state.server));
  }
  if (policy === 'flush') state.current = restored;
  else joinLibraries(state.current, restored, policy === 'replace');
  for (const library of loaded) state.noteLoaded(library);
  return true;
}

/** rdbFunctionLoad's reading of one library: its payload, header included. */
function readLibraryPayload(reader: RdbReader, type: number): string {
  if (type === RDB_OPCODE_FUNCTION2) {
    const code = reader.string();
    if (code === undefined) throw fail('Failed loading library payload');
    return latin1(code);
  }
  // The 7.0-rc format: name, engine, an optional description, then the code without header.
  const name = reader.string();
  if (name === undefined) throw fail('Failed loading library name');
  const engine = reader.string();
  if (engine === undefined) throw fail('Failed loading engine name');
  const hasDescription = reader.length();
  if (hasDescription === undefined) throw fail('Failed loading library description indicator');
  if (hasDescription.len !== 0 && reader.string() === undefined) throw fail('Failed loading library description');
  const blob = reader.string();
  if (blob === undefined) throw fail('Failed loading library blob');
  // Printed with sdscatfmt's %s: the name and engine end at a NUL.
  const c = (b: Uint8Array): string => latin1(b).split('\0')[0] as string;
  return `#!${c(engine)} name=${c(name)}\n${latin1(blob)}`;
}

/**
 * libraryJoin: adds `src`'s libraries to `dst`. A library already in `dst` is an error,
 * or is replaced with `replace`; a function name already in `dst` is an error. On error
 * `dst` is left as it was.
 */
function joinLibraries(dst: LibraryContext, src: LibraryContext, replace: boolean): void {
  const replaced: Library[] = [];
  try {
    for (const library of src.libraries.values()) {
      const old = dst.libraries.get(library.name);
      if (old === undefined) continue;
      if (!replace) throw errRestoreLibraryExists(library.name);
      dst.unlink(old);
      replaced.push(old);
    }
    for (const library of src.libraries.values()) {
      for (const fn of library.functions.values()) {
        if (dst.functions.has(fn.name.toLowerCase())) throw errFunctionExists(fn.name);
      }
    }
  } catch (e) {
    for (const old of replaced) dst.link(old);
    throw e;
  }
  for (const library of src.libraries.values()) dst.link(library);
}
