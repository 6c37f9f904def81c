import { defineValueType, RdbError, type RdbReader, type RdbWriter, type RedisObject } from '@fakeredis/core';
import { loadStringBuffer, loadUnsigned, saveStringBuffer } from '../module-io.js';
import { cloneValue, type JValue, JsonSyntaxError, parseJson, serialize, valueMemory } from './value.js';

/** The value of a JSON key (type ReJSON-RL): the document's root. */
export class JsonDocument implements RedisObject {
  readonly type = 'ReJSON-RL';

  constructor(public root: JValue) {}

  encoding(): string {
    return 'raw';
  }

  /** The module's copy callback clones the document (COPY works). */
  clone(): JsonDocument {
    return new JsonDocument(cloneValue(this.root));
  }

  /** mem_usage: get_memory of the root (ijson's heap bytes plus the 8-byte IValue). */
  memoryUsage(): number {
    return valueMemory(this.root);
  }
}

/** REDIS_JSON_TYPE_VERSION. */
export const JSON_ENCODING_VERSION = 3;

/** rdb_save: the document as compact JSON, one string (RedisModule_SaveStringBuffer). */
function jsonRdbSave(doc: JsonDocument, w: RdbWriter): void {
  saveStringBuffer(w, Buffer.from(serialize(doc.root), 'utf8'));
}

/**
 * rdb_load: version 3 is the JSON string; version 2 also an unsigned and, when it is not
 * 0, two more strings (RediSearch's old aux fields), skipped. The text is parsed without
 * serde_json's recursion limit, as the module loads it. Version 0's node tree is not read.
 */
function jsonRdbLoad(encver: number, r: RdbReader): JsonDocument {
  if (encver !== 2 && encver !== 3) throw new RdbError(`Can't load old RedisJSON RDB: ${encver}`);
  const data = Buffer.from(loadStringBuffer(r));
  if (encver === 2 && loadUnsigned(r) > 0n) {
    loadStringBuffer(r);
    loadStringBuffer(r);
  }
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    return new JsonDocument(parseJson(text.decode(data), false));
  } catch (e) {
    if (e instanceof JsonSyntaxError || e instanceof TypeError) throw new RdbError('bad JSON');
    throw e;
  }
}

/** The module's data type "ReJSON-RL"; its commands' keyspace events are class 'd' (json.set ...). */
export const jsonType = defineValueType<JsonDocument>({
  name: 'ReJSON-RL',
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'ReJSON', encodingVersion: JSON_ENCODING_VERSION },
  rdbSave: (value, writer) => jsonRdbSave(value, writer),
  rdbLoad: (encver, reader) => jsonRdbLoad(encver, reader),
});

