import { ErrorReply } from '@fakeredis/core';

/**
 * RedisJSON 2.8's error texts. The module replies with RedisModule_ReplyWithError, so a
 * text without an error code goes out as is (its first word is the code).
 */
export const ERR_NEW_OBJECTS_AT_ROOT = new ErrorReply('ERR new objects must be created at the root');
export const ERR_PATH_DOES_NOT_EXIST = new ErrorReply('ERR Path does not exist');
export const ERR_NONEXISTENT_KEY = new ErrorReply("ERR could not perform this operation on a key that doesn't exist");
/** redis-module-rs's verify_type, for a key of another type. */
export const ERR_WRONG_REDIS_TYPE = new ErrorReply('Existing key has wrong Redis type');
export const ERR_UTF8 = new ErrorReply("Couldn't parse as UTF-8 string");
export const ERR_PARSE_INTEGER = new ErrorReply("Couldn't parse as integer");
export const ERR_SYNTAX = new ErrorReply('ERR syntax error');
export const ERR_WRONG_FORMAT = new ErrorReply('ERR wrong format');
export const ERR_WRONG_REPLY_FORMAT = new ErrorReply('ERR wrong reply format');
export const ERR_FORMAT_RESP2 = new ErrorReply('ERR FORMAT argument is not supported on RESP2');
export const ERR_LEGACY_FORMAT = new ErrorReply('Legacy paths are supported only with FORMAT STRINGS');
export const ERR_INDEX_OUT_OF_BOUNDS = new ErrorReply('ERR index out of bounds');
export const ERR_ARRAY_INDEX_OUT_OF_RANGE = new ErrorReply('ERR array index out of range');
export const ERR_WRONG_STATIC_PATH = new ErrorReply('Err wrong static path');
export const ERR_PATH_MUST_END_WITH_KEY = new ErrorReply('Err path must end with object key to set');
export const ERR_NOT_A_NUMBER = new ErrorReply('result is not a number');
export const ERR_BAD_INPUT_NUMBER = new ErrorReply('bad input number');
export const ERR_DEBUG_SUBCOMMAND = new ErrorReply('ERR unknown subcommand - try `JSON.DEBUG HELP`');

/** err_invalid_path_or: "ERR Path does not exist or <what>". */
export const errPathOr = (what: string): ErrorReply => new ErrorReply(`ERR Path does not exist or ${what}`);

/** err_json: the path's value is not of the kind the command works on. */
export const errWrongPathType = (expected: string): ErrorReply => new ErrorReply(`WRONGTYPE wrong type of path value - expected ${expected}`);

/** redis-module-rs's reply_error_string: CR, LF and NUL become spaces. */
export const errorText = (text: string): ErrorReply => new ErrorReply(text.replace(/[\r\n\0]/g, ' '));
