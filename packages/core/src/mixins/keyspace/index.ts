export { KeyspaceCommands } from './mixin.js';
export { parseScanCursor, parseScanOptions, type ScanOptions } from './keys-scan.js';
