import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import { type Database, notifyGeneric } from '../database.js';
import { ERR_WRONGTYPE } from '../errors/index.js';
import type { RedisObject, RedisType, RedisValue } from './object.js';
import { defineModuleState, type FakeServer } from '../server.js';
import { moduleTypeEncodeId, moduleTypeNameByID } from '../rdb/format.js';
import type { RdbReader } from '../rdb/reader.js';
import type { RdbWriter } from '../rdb/writer.js';

/** What a module says about one of its value types (see defineValueType). */
export interface ValueTypeSpec<T extends RedisObject> {
  /** TYPE's answer, and the `type` of every value of this kind. */
  readonly name: RedisType;
  /** The keyspace-event class letter of the type's commands ('l', 's', 'h', 'z', 't'). */
  readonly eventClass: string;
  /** True when a value holds no elements: Redis never keeps such a key. */
  isEmpty(value: T): boolean;
  /**
   * Makes a value of this type holding `elements` in order, as a generic command creates
   * one (SORT ... STORE makes a list). Reads the server's config for the encoding.
   */
  fromElements?(server: FakeServer, elements: readonly Bytes[]): T;
  /**
   * RDB serialization (DUMP, RESTORE, SAVE, loading at start). `rdbTypes` are the RDB type
   * bytes `rdbLoad` reads; `rdbType` is the byte a value is saved under (by its encoding)
   * and `rdbSave` writes the value after it, as rdbSaveObject does. `rdbLoad` throws
   * RdbError on bad data and makes the value with the encoding Redis would give it under
   * the server's config; an empty result is Redis's empty-key case.
   */
  readonly rdbTypes?: readonly number[];
  rdbType?(value: T, server: FakeServer): number;
  rdbSave?(value: T, writer: RdbWriter, server: FakeServer): void;
  rdbLoad?(type: number, reader: RdbReader, server: FakeServer): T;
  /**
   * A module's data type (RedisModule_CreateDataType; `name` is its 9-character type name):
   * core saves its values as RDB_TYPE_MODULE_2, the type's 64-bit id (moduleTypeEncodeId of
   * the name and `encodingVersion`), `rdbSave`'s body and the EOF marker, and loads them by
   * that id, whatever other module types share the type byte, calling `rdbLoad` with the
   * saved value's encoding version as its rdb_load callback gets it. `module` is the name
   * of the module that owns it (in Redis's log lines). No `rdbTypes` or `rdbType` then.
   */
  readonly moduleType?: { readonly module: string; readonly encodingVersion: number };
}

/**
 * The keyspace access every command of a value type needs, as Redis's t_*.c files do it:
 * lookup for read or write with checkType's WRONGTYPE, dbAdd of a new value, the type's
 * keyspace events, and deletion of a key its command emptied. One per value type, made
 * by the module that owns the type.
 */
export class ValueType<T extends RedisObject> {
  readonly name: RedisType;
  readonly eventClass: string;
  private readonly spec: ValueTypeSpec<T>;

  constructor(spec: ValueTypeSpec<T>) {
    this.spec = spec;
    this.name = spec.name;
    this.eventClass = spec.eventClass;
  }

  /** The spec's RDB hooks (undefined when the type has none). */
  get rdb(): ValueTypeSpec<T> | undefined {
    return this.spec.rdbSave === undefined ? undefined : this.spec;
  }

  /** True when a value holds no elements (the spec's isEmpty). */
  isEmpty(value: T): boolean {
    return this.spec.isEmpty(value);
  }

  /** A new value holding `elements` (the spec's fromElements); undefined when the type has none. */
  fromElements(server: FakeServer, elements: readonly Bytes[]): T | undefined {
    return this.spec.fromElements?.(server, elements);
  }

  /** True when the value is of this type. */
  is(value: RedisValue | undefined): value is T {
    return value !== undefined && typeof value !== 'string' && value.type === this.name;
  }

  /** checkType: the value as this type, or WRONGTYPE. */
  check(value: RedisValue): T {
    if (typeof value === 'string' || value.type !== this.name) throw ERR_WRONGTYPE;
    return value as T;
  }

  /** lookupKeyRead + checkType: undefined when the key is absent, WRONGTYPE for another type. */
  read(client: Client, key: Bytes): T | undefined {
    const value = client.db.lookupRead(key, client);
    return value === undefined ? undefined : this.check(value);
  }

  /** lookupKeyWrite + checkType. */
  write(db: Database, key: Bytes, client?: Client): T | undefined {
    const value = db.lookupWrite(key, client);
    return value === undefined ? undefined : this.check(value);
  }

  /** lookupKeyWrite + checkType, adding `create()` under the key when it is absent. */
  writeOrCreate(db: Database, key: Bytes, create: () => T, client?: Client): T {
    return this.write(db, key, client) ?? this.add(db, key, create());
  }

  /** dbAdd of a new value under a key that does not exist (`new` event, WATCH, blocked clients). */
  add(db: Database, key: Bytes, value: T): T {
    db.add(key, value);
    return value;
  }

  /** A keyspace event of this type's class for a key of `db`. */
  notify(db: Database, event: string, key: Bytes): void {
    db.server.notifyKeyspaceEvent(this.eventClass, event, key, db.index);
  }

  /** After elements went: deletes the key if the value is empty, with its `del` event. */
  deleteIfEmpty(db: Database, key: Bytes, value: T): boolean {
    if (!this.spec.isEmpty(value)) return false;
    db.delete(key);
    notifyGeneric(db, 'del', key);
    return true;
  }

  /**
   * How a *STORE command ends (SINTERSTORE, ZUNIONSTORE ...): a non-empty result replaces
   * the destination, its TTL dropped, with `event`; an empty one deletes the destination
   * as stored (dbDelete with no lookup: a due one goes with `del`, not `expired`).
   */
  store(db: Database, key: Bytes, value: T, event: string): void {
    if (!this.spec.isEmpty(value)) {
      db.set(key, value);
      this.notify(db, event, key);
    } else if (db.deleteStored(key)) {
      notifyGeneric(db, 'del', key);
    }
  }
}

/** The value types modules installed on a server, by type name (installValueType). */
const installedTypes = defineModuleState('core:value-types', () => new Map<RedisType, ValueType<RedisObject>>());

/**
 * Makes a module's value type known to core's generic commands on this server (SORT ...
 * STORE creates a list through it). A module calls it from its mixin's `install`.
 */
export function installValueType<T extends RedisObject>(server: FakeServer, type: ValueType<T>): void {
  server.moduleState(installedTypes).set(type.name, type as unknown as ValueType<RedisObject>);
  const moduleType = type.rdb?.moduleType;
  if (moduleType !== undefined) {
    // RM_CreateDataType refuses a name or version the id cannot carry.
    if (moduleTypeEncodeId(type.name, moduleType.encodingVersion) === undefined) throw new Error(`module type ${type.name}: not a 9-character name of A-Z a-z 0-9 - _ with an encoding version of 0 to 1023`);
    server.moduleState(moduleTypeLoaders).set(type.name, type as unknown as ValueType<RedisObject>);
    return;
  }
  const byRdbType = server.moduleState(rdbLoaders);
  for (const t of type.rdb?.rdbTypes ?? []) byRdbType.set(t, type as unknown as ValueType<RedisObject>);
}

/** The installed value types by the RDB type bytes they load. */
const rdbLoaders = defineModuleState('core:rdb-loaders', () => new Map<number, ValueType<RedisObject>>());

/** The installed module data types by type name (the name part of their 64-bit ids). */
const moduleTypeLoaders = defineModuleState('core:module-types', () => new Map<string, ValueType<RedisObject>>());

/** The value type that loads RDB type byte `rdbType` on this server, if a module installed one. */
export function valueTypeForRdbType(server: FakeServer, rdbType: number): ValueType<RedisObject> | undefined {
  return server.moduleState(rdbLoaders).get(rdbType);
}

/** moduleTypeLookupModuleByID: the module data type whose id has the name part of `id`. */
export function valueTypeForModuleTypeId(server: FakeServer, id: bigint): ValueType<RedisObject> | undefined {
  return server.moduleState(moduleTypeLoaders).get(moduleTypeNameByID(id));
}

/** The value type of that name a module installed on the server, if any. */
export function installedValueType(server: FakeServer, name: RedisType): ValueType<RedisObject> | undefined {
  return server.moduleState(installedTypes).get(name);
}

/** Declares a value type a module owns; use its methods instead of per-module wrappers. */
export function defineValueType<T extends RedisObject>(spec: ValueTypeSpec<T>): ValueType<T> {
  return new ValueType(spec);
}
