import { ErrorReply } from '@fakeredis/core';

/** RedisBloom 2.8's error texts for CF.* (src/rebloom.c), many without an error code, as the module sends them. */
export const ERR_CF_NOT_FOUND = new ErrorReply('ERR not found');
export const ERR_CF_ITEM_EXISTS = new ErrorReply('ERR item exists');
export const ERR_CF_BAD_CAPACITY = new ErrorReply('Bad capacity');
export const ERR_CF_PARSE_MAXITERATIONS = new ErrorReply("Couldn't parse MAXITERATIONS");
export const ERR_CF_MAXITERATIONS_RANGE = new ErrorReply('MAXITERATIONS: value must be an integer between 1 and 65535, inclusive.');
export const ERR_CF_PARSE_BUCKETSIZE = new ErrorReply("Couldn't parse BUCKETSIZE");
export const ERR_CF_BUCKETSIZE_RANGE = new ErrorReply('BUCKETSIZE: value must be an integer between 1 and 255, inclusive.');
export const ERR_CF_PARSE_EXPANSION = new ErrorReply("Couldn't parse EXPANSION");
export const ERR_CF_EXPANSION_RANGE = new ErrorReply('EXPANSION: value must be an integer between 0 and 32768, inclusive.');
export const ERR_CF_CAPACITY_TOO_SMALL = new ErrorReply('Capacity must be at least (BucketSize * 2)');
export const ERR_CF_OOM_CREATE = new ErrorReply('ERR Insufficient memory to create filter');
export const ERR_CF_CREATE = new ErrorReply('ERR Could not create filter');
export const ERR_CF_MAX_EXPANSIONS = new ErrorReply('Maximum expansions reached');
export const ERR_CF_FULL = new ErrorReply('Filter is full');
export const ERR_CF_OOM = new ErrorReply('ERR Insufficient memory');
export const ERR_CF_UNKNOWN_ARGUMENT = new ErrorReply('Unknown argument received');
export const ERR_CF_DEL_NOT_FOUND = new ErrorReply('Not found');
export const ERR_CF_COMPACT_NOT_FOUND = new ErrorReply('Cuckoo filter was not found');
export const ERR_CF_INVALID_POSITION = new ErrorReply('Invalid position');
export const ERR_CF_INVALID_HEADER = new ErrorReply('Invalid header');
export const ERR_CF_LOAD_HEADER = new ErrorReply("Couldn't create filter!");
export const ERR_CF_LOAD_CHUNK = new ErrorReply("Couldn't load chunk!");
export const ERR_CF_COPY = new ErrorReply('ERR not supported for this module key');
