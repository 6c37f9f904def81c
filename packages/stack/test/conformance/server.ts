import { coreMixins, crc64, FakeServer, moduleTypeEncodeId, serverProfile } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { describe, it } from 'vitest';
import { BloomCommands } from '../../src/bloom/index.js';
import { CountMinSketchCommands } from '../../src/cms/index.js';
import { CuckooCommands } from '../../src/cuckoo/index.js';
import { TDigestCommands } from '../../src/tdigest/index.js';
import { TopKCommands } from '../../src/topk/index.js';

/** Core, RedisBloom's types, and strings (to hold keys of another type for WRONGTYPE). */
export const mixins = [...coreMixins, BloomCommands, CuckooCommands, CountMinSketchCommands, TopKCommands, TDigestCommands, StringCommands];

/**
 * The RedisBloom module built locally (never committed): FAKEREDIS_REDISBLOOM names its
 * redisbloom.so. Scenarios load it into redis-server 7.0.15 and, when FAKEREDIS_REDIS_7_4
 * names a 7.4 binary, into that too; without the variable they are skipped.
 */
export const REDISBLOOM_ENV = 'FAKEREDIS_REDISBLOOM';

const optionsFor = (module: string, version = '7.0'): ConformanceOptions => ({
  createServer: (config) => new FakeServer({ mixins, config, profile: serverProfile('redis', version) }),
  realServerArgs: ['--loadmodule', module],
});

/** Runs the scenarios against redis-server with redisbloom.so loaded (7.0.15, and 7.4 when named). */
export function runBloomScenarios(suite: string, scenarios: Scenario[]): void {
  const module = referenceBinary(REDISBLOOM_ENV);
  if (module === undefined) {
    describe.skip(`${suite} (needs ${REDISBLOOM_ENV})`, () => {
      it('skipped', () => {});
    });
    return;
  }
  runScenarios(`${suite} (RedisBloom)`, optionsFor(module), scenarios);
  runReferenceScenarios(referenceEnv('redis', '7.4'), `${suite} (RedisBloom, Redis 7.4)`, optionsFor(module, '7.4'), scenarios);
}

/** A DUMP payload (RDB 10) of a module value: RDB_TYPE_MODULE_2, the type's id at `encver`, `body` (ending in the EOF opcode 0), then the footer. */
export function modulePayload(typeName: string, encver: number, body: number[]): Buffer {
  const id = Buffer.alloc(9);
  id[0] = 0x81; // RDB_64BITLEN
  id.writeBigUInt64BE(moduleTypeEncodeId(typeName, encver) as bigint, 1);
  const data = Buffer.concat([Buffer.from([7]), id, Buffer.from(body), Buffer.from([10, 0])]);
  const crc = Buffer.alloc(8);
  crc.writeBigUInt64LE(crc64(data));
  return Buffer.concat([data, crc]);
}

/** A DUMP payload with one byte changed and its CRC fixed, so that only the module data is bad. */
export function corrupt(payload: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(payload);
  copy[at] = value;
  copy.writeBigUInt64LE(crc64(copy.subarray(0, copy.length - 8)), copy.length - 8);
  return copy;
}
