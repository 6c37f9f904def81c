import { ErrorReply } from '@fakeredis/core';

/** RedisBloom 2.8's error texts for BF.* (src/rebloom.c), some without an error code, as the module sends them. */
export const ERR_BF_NOT_FOUND = new ErrorReply('ERR not found');
export const ERR_BF_ITEM_EXISTS = new ErrorReply('ERR item exists');
export const ERR_BF_BAD_ERROR_RATE = new ErrorReply('ERR bad error rate');
export const ERR_BF_ERROR_RATE_RANGE = new ErrorReply('ERR (0 < error rate range < 1) ');
export const ERR_BF_BAD_CAPACITY = new ErrorReply('ERR bad capacity');
export const ERR_BF_CAPACITY_RANGE = new ErrorReply('ERR (capacity should be larger than 0)');
export const ERR_BF_NO_EXPANSION = new ErrorReply('ERR no expansion');
export const ERR_BF_NONSCALING_EXPAND = new ErrorReply('Nonscaling filters cannot expand');
export const ERR_BF_BAD_EXPANSION = new ErrorReply('ERR bad expansion');
export const ERR_BF_EXPANSION_RANGE = new ErrorReply('ERR expansion should be greater or equal to 1');
export const ERR_BF_OOM = new ErrorReply('ERR Insufficient memory to create filter');
export const ERR_BF_CREATE = new ErrorReply('ERR could not create filter');
export const ERR_BF_FULL = new ErrorReply('ERR non scaling filter is full');
export const ERR_BF_INSERT = new ErrorReply('ERR problem inserting into filter');
export const ERR_BF_INSERT_ERROR_RATE = new ErrorReply('Bad error rate');
export const ERR_BF_INSERT_EXPANSION = new ErrorReply('Bad expansion');
export const ERR_BF_INSERT_CAPACITY = new ErrorReply('Bad capacity');
export const ERR_BF_UNKNOWN_ARGUMENT = new ErrorReply('Unknown argument received');
export const ERR_BF_BAD_ARGUMENT = new ErrorReply('Bad argument received');
export const ERR_BF_INFO_VALUE = new ErrorReply('Invalid information value');
export const ERR_BF_SCANDUMP_ITER = new ErrorReply('Second argument must be numeric');
export const ERR_BF_LOADCHUNK_ITER = new ErrorReply('ERR Second argument must be numeric');
export const ERR_BF_BAD_DATA = new ErrorReply('ERR received bad data');
export const ERR_BF_COPY = new ErrorReply('ERR not supported for this module key');
