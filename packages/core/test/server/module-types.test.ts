import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Bytes, coreMixins, defineMixin, defineValueType, FakeServer, installValueType, moduleTypeEncodeId, moduleTypeNameByID, type RedisObject,
} from '../../src/index.js';

/** A module value holding one string, of the module data type `type`. */
class Note implements RedisObject {
  constructor(readonly type: string, readonly text: Bytes) {}
  encoding(): string {
    return 'raw';
  }
  clone(): Note {
    return new Note(this.type, this.text);
  }
  memoryUsage(): number {
    return 16 + this.text.length;
  }
}

const noteType = (name: string, encodingVersion: number) => defineValueType<Note>({
  name,
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'notes', encodingVersion },
  rdbSave: (value, w) => w.string(value.text),
  // The encoding version the value was saved with comes first, as rdb_load gets it.
  rdbLoad: (encver, r) => new Note(name, `${encver}:${r.string()}` as Bytes),
});

const first = noteType('NoteOne--', 1);
const second = noteType('NoteTwo--', 7);
const Notes = defineMixin({
  name: 'Notes',
  commands: {},
  redisModule: { name: 'notes', version: 1, hasTypes: true },
  install(server) {
    installValueType(server, first);
    installValueType(server, second);
  },
});

describe('module data types in RDB (RDB_TYPE_MODULE_2, found by their 64-bit ids)', () => {
  it('encodes and decodes ids as moduleTypeEncodeId and moduleTypeNameByID do (MBbloom-- v4 as redisbloom.so saves it)', () => {
    expect(moduleTypeEncodeId('MBbloom--', 4)).toBe(0x3016e5a289bef804n);
    expect(moduleTypeNameByID(0x3016e5a289bef804n)).toBe('MBbloom--');
    expect(moduleTypeEncodeId('short', 1)).toBeUndefined();
    expect(moduleTypeEncodeId('MBbloom--', 1024)).toBeUndefined();
    expect(moduleTypeEncodeId('MBbloom-!', 1)).toBeUndefined();
  });

  it('two module types sharing the type byte each load their own values (DUMP / RESTORE, DEBUG RELOAD)', () => {
    const server = new FakeServer({ mixins: [...coreMixins, Notes], config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-module-types-')) } });
    server.db(0).add('a' as Bytes, new Note('NoteOne--', 'one' as Bytes));
    server.db(0).add('b' as Bytes, new Note('NoteTwo--', 'two' as Bytes));
    const dumpA = server.command<Buffer>('DUMP', 'a');
    const dumpB = server.command<Buffer>('DUMP', 'b');
    expect(dumpA[0]).toBe(7);
    expect(dumpB[0]).toBe(7);
    server.command('RESTORE', 'a2', '0', dumpA);
    server.command('RESTORE', 'b2', '0', dumpB);
    const note = (key: string) => server.db(0).peek(key as Bytes)?.value as Note;
    expect([note('a2').type, note('a2').text, note('b2').type, note('b2').text]).toEqual(['NoteOne--', '1:one', 'NoteTwo--', '7:two']);
    server.command('DEBUG', 'RELOAD');
    expect([note('a').type, note('a').text, note('b').type, note('b').text]).toEqual(['NoteOne--', '1:one', 'NoteTwo--', '7:two']);
    server.close();
  });

  it('refuses a type name its id cannot carry', () => {
    const bad = defineValueType<Note>({ name: 'toolongname', eventClass: 'd', isEmpty: () => false, moduleType: { module: 'm', encodingVersion: 0 }, rdbSave: () => {}, rdbLoad: () => new Note('x', '' as Bytes) });
    const Bad = defineMixin({ name: 'Bad', commands: {}, install: (server) => installValueType(server, bad) });
    expect(() => new FakeServer({ mixins: [...coreMixins, Bad] })).toThrow('module type toolongname');
  });
});
