import { type Bytes, ErrorReply, type FakeServer, installRdbSection, RDB_OPCODE_FUNCTION2, RDB_OPCODE_FUNCTION_PRE_GA, RdbError } from '@fakeredis/core';
import { rdbVersion, restoreLibraries } from './functions/persistence.js';
import { RdbWriter, withFooter } from './functions/rdb.js';
import { functionsState } from './functions/state.js';

/**
 * The function libraries in RDB files (rdbSaveFunctions / rdbFunctionLoad), as core's
 * RDB section: each library's code after RDB_OPCODE_FUNCTION2, before the databases.
 * Loading gathers the libraries and puts them in place of the current ones (a load
 * flushes functions, as emptyData does) only when the whole file has been read; a
 * library that does not load fails the file.
 */
export function installFunctionsRdbSection(server: FakeServer): void {
  installRdbSection(server, {
    opcodes: [RDB_OPCODE_FUNCTION2, RDB_OPCODE_FUNCTION_PRE_GA],
    save(s, w) {
      for (const library of functionsState(s).current.libraries.values()) {
        w.byte(RDB_OPCODE_FUNCTION2);
        w.string(library.payload as Bytes);
      }
    },
    // rewriteFunctions: an AOF base without RDB preamble starts with FUNCTION LOAD <code> per library.
    *aofRewrite(s) {
      for (const library of functionsState(s).current.libraries.values()) yield ['FUNCTION' as Bytes, 'LOAD' as Bytes, library.payload as Bytes];
    },
    begin(s) {
      const codes: string[] = [];
      return {
        read(opcode, r) {
          if (opcode === RDB_OPCODE_FUNCTION2) {
            codes.push(r.string());
            return;
          }
          // 7.0-rc: name, engine, an optional description, then the code without its header.
          const name = r.string();
          const engine = r.string();
          if (r.length() !== 0) r.string();
          const blob = r.string();
          const c = (b: string): string => b.split('\0')[0] as string;
          codes.push(`#!${c(engine)} name=${c(name)}\n${blob}`);
        },
        commit() {
          // The libraries go through FUNCTION RESTORE ... FLUSH's path: all load or none.
          const writer = new RdbWriter(false);
          for (const code of codes) {
            writer.bytes([RDB_OPCODE_FUNCTION2]);
            writer.string(Buffer.from(code, 'latin1'));
          }
          try {
            restoreLibraries(functionsState(s), withFooter(writer.result(), rdbVersion(s)), 'flush');
          } catch (err) {
            if (err instanceof ErrorReply) throw new RdbError(`Failed loading library: ${err.message}`);
            throw err;
          }
        },
      };
    },
  });
}
