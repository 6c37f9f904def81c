import type { FakeServer } from '../server.js';
import type { RedisValue } from '../values/object.js';
import { Crc64 } from './crc64.js';
import { rdbVersionFor } from './format.js';
import { rdbLoadValue, rdbSaveValue } from './objects.js';
import { RdbReader } from './reader.js';
import { RdbWriter } from './writer.js';

/**
 * The RDB version this server writes and the newest it reads: 10 for Redis 7.0, 11 for
 * 7.2, 12 from 7.4 on; 11 for Valkey 8, 80 from Valkey 9 on.
 */
export function serverRdbVersion(server: FakeServer): number {
  if (server.profile.serverType === 'valkey') return server.versionAtLeast('9.0.0') ? 80 : 11;
  return rdbVersionFor(server.profile.version);
}

/**
 * createDumpPayload: the value's type byte and serialization (strings compressed when
 * rdbcompression is on, as in files), then the RDB version (2 bytes) and the CRC-64 of
 * everything before it (8 bytes), both little-endian.
 */
export function createDumpPayload(server: FakeServer, value: RedisValue): Buffer {
  const w = new RdbWriter(server.config.getBoolean('rdbcompression'));
  rdbSaveValue(server, value, w);
  const version = serverRdbVersion(server);
  w.byte(version & 0xff);
  w.byte((version >> 8) & 0xff);
  const body = w.result();
  const crc = new Crc64();
  crc.update(body);
  return Buffer.concat([body, crc.bytes()]);
}

/**
 * verifyDumpPayload: true when the payload's RDB version is not newer than this server's
 * and (unless checksums are skipped) its CRC-64 holds.
 */
export function verifyDumpPayload(server: FakeServer, payload: Buffer, skipChecksum = false): boolean {
  if (payload.length < 10) return false;
  const footer = payload.length - 10;
  const version = (payload[footer] as number) | ((payload[footer + 1] as number) << 8);
  if (version > serverRdbVersion(server)) return false;
  if (skipChecksum) return true;
  const crc = new Crc64();
  crc.update(payload, 0, payload.length - 8);
  return Buffer.from(crc.bytes()).equals(payload.subarray(payload.length - 8));
}

/** The value a verified payload holds; RdbError when it cannot be read (RESTORE's "Bad data format"). */
export function loadDumpPayload(server: FakeServer, payload: Buffer): RedisValue {
  // Redis reads the object with rio over the whole payload, footer included, and
  // ignores whatever follows the object.
  const r = new RdbReader(payload);
  return rdbLoadValue(server, r.byte(), r);
}
