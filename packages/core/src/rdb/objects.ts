import type { Bytes } from '../bytes.js';
import type { FakeServer } from '../server.js';
import type { RedisValue } from '../values/object.js';
import { MutableString } from '../values/string.js';
import { installedValueType, valueTypeForModuleTypeId, valueTypeForRdbType } from '../values/value-type.js';
import { moduleTypeEncodeId, moduleTypeNameByID, RDB_MODULE_OPCODE_EOF, RDB_TYPE_MODULE_2, RDB_TYPE_STRING, RdbError, rdbIsObjectType } from './format.js';
import type { RdbReader } from './reader.js';
import type { RdbWriter } from './writer.js';

/** A value that loaded empty (Redis's RDB_LOAD_ERR_EMPTY_KEY): RESTORE refuses it, a file load skips the key. */
export class RdbEmptyKeyError extends RdbError {
  constructor() {
    super('Empty keys skipped');
  }
}

/** rdbSaveObjectType + rdbSaveObject: the value's type byte, then the value. */
export function rdbSaveValue(server: FakeServer, value: RedisValue, w: RdbWriter): void {
  w.byte(rdbValueType(server, value));
  rdbSaveValueBody(server, value, w);
}

/** The value type of a value that is not a string; a type without RDB hooks cannot be saved. */
function hooksFor(server: FakeServer, value: Exclude<RedisValue, string>) {
  const type = installedValueType(server, value.type)?.rdb;
  // Redis panics on an unknown type; here it is the caller's error.
  if (type?.rdbType === undefined || type.rdbSave === undefined) throw new RdbError(`Unknown object type ${value.type}`);
  return type as Required<Pick<typeof type, 'rdbType' | 'rdbSave'>>;
}

/** rdbSaveObjectType: the RDB type byte of a value (by its encoding). */
export function rdbValueType(server: FakeServer, value: RedisValue): number {
  if (typeof value === 'string' || value instanceof MutableString) return RDB_TYPE_STRING;
  const hooks = installedValueType(server, value.type)?.rdb;
  if (hooks?.moduleType !== undefined) return RDB_TYPE_MODULE_2;
  return hooksFor(server, value).rdbType(value, server);
}

/** rdbSaveObject: the value after its type byte (a module value behind its type's id, then EOF). */
export function rdbSaveValueBody(server: FakeServer, value: RedisValue, w: RdbWriter): void {
  if (typeof value === 'string') return w.string(value);
  if (value instanceof MutableString) return w.string(value.toBytes());
  const hooks = installedValueType(server, value.type)?.rdb;
  const moduleType = hooks?.moduleType;
  if (hooks?.rdbSave !== undefined && moduleType !== undefined) {
    w.lengthBig(moduleTypeEncodeId(value.type, moduleType.encodingVersion) as bigint);
    hooks.rdbSave(value, w, server);
    w.length(RDB_MODULE_OPCODE_EOF);
    return;
  }
  hooksFor(server, value).rdbSave(value, w, server);
}

/** rdbLoadObject of RDB_TYPE_MODULE_2: the module type found by its id, its value, the EOF marker. */
function rdbLoadModuleValue(server: FakeServer, r: RdbReader): RedisValue {
  const id = r.lengthBig();
  const valueType = valueTypeForModuleTypeId(server, id);
  const hooks = valueType?.rdb;
  if (hooks?.rdbLoad === undefined || hooks.moduleType === undefined) {
    throw new RdbError(`The RDB file contains module data I can't load: no matching module type '${moduleTypeNameByID(id)}'`);
  }
  const value = hooks.rdbLoad(Number(id & 1023n), r, server);
  if (r.lengthBig() !== BigInt(RDB_MODULE_OPCODE_EOF)) {
    throw new RdbError(`The RDB file contains module data for the module '${hooks.moduleType.module}' that is not terminated by the proper module value EOF marker`);
  }
  return value;
}

/** rdbLoadObjectType + rdbLoadObject: a value of type byte `type` (already read). */
export function rdbLoadValue(server: FakeServer, type: number, r: RdbReader): RedisValue {
  if (type === RDB_TYPE_STRING) return r.string();
  if (!rdbIsObjectType(type)) throw new RdbError(`Unknown RDB encoding type ${type}`);
  // Module values are never empty keys: Redis keeps what the module's rdb_load returns.
  if (type === RDB_TYPE_MODULE_2) return rdbLoadModuleValue(server, r);
  const valueType = valueTypeForRdbType(server, type);
  if (valueType?.rdb?.rdbLoad === undefined) throw new RdbError(`Unknown RDB encoding type ${type}`);
  const value = valueType.rdb.rdbLoad(type, r, server);
  if (valueType.isEmpty(value)) throw new RdbEmptyKeyError();
  return value;
}

/** Reads a key name (rdbGenericLoadStringObject). */
export function rdbLoadKey(r: RdbReader): Bytes {
  return r.string();
}
