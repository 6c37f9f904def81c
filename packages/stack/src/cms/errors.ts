import { ErrorReply } from '@fakeredis/core';

/** RedisBloom 2.8's error texts for CMS.* (src/rm_cms.c), without an error code, as the module sends them. */
export const ERR_CMS_NO_KEY = new ErrorReply('CMS: key does not exist');
export const ERR_CMS_KEY_EXISTS = new ErrorReply('CMS: key already exists');
export const ERR_CMS_WIDTH = new ErrorReply('CMS: invalid width');
export const ERR_CMS_DEPTH = new ErrorReply('CMS: invalid depth');
export const ERR_CMS_OVER_ESTIMATION = new ErrorReply('CMS: invalid overestimation value');
export const ERR_CMS_PROB = new ErrorReply('CMS: invalid prob value');
export const ERR_CMS_INIT_ARGUMENTS = new ErrorReply('CMS: invalid init arguments');
export const ERR_CMS_OOM = new ErrorReply('CMS: Insufficient memory to create the key');
export const ERR_CMS_PARSE_NUMBER = new ErrorReply('CMS: Cannot parse number');
export const ERR_CMS_NEGATIVE = new ErrorReply('CMS: Number cannot be negative');
export const ERR_CMS_INCRBY_OVERFLOW = new ErrorReply('CMS: INCRBY overflow');
export const ERR_CMS_NUMKEYS = new ErrorReply('CMS: invalid numkeys');
export const ERR_CMS_NUMKEYS_POSITIVE = new ErrorReply('CMS: Number of keys must be positive');
export const ERR_CMS_WRONG_KEYS = new ErrorReply('CMS: wrong number of keys');
export const ERR_CMS_WRONG_KEYS_WEIGHTS = new ErrorReply('CMS: wrong number of keys/weights');
export const ERR_CMS_WEIGHT = new ErrorReply('CMS: invalid weight value');
export const ERR_CMS_DIMENSIONS = new ErrorReply('CMS: width/depth is not equal');
export const ERR_CMS_MERGE_OVERFLOW = new ErrorReply('CMS: MERGE overflow');
export const ERR_CMS_COPY = new ErrorReply('ERR not supported for this module key');
