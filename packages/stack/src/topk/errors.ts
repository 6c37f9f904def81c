import { ErrorReply } from '@fakeredis/core';

/** RedisBloom 2.8's error texts for TOPK.* (src/rm_topk.c), most without an error code, as the module sends them. */
export const ERR_TOPK_NOT_FOUND = new ErrorReply('TopK: key does not exist');
export const ERR_TOPK_EXISTS = new ErrorReply('TopK: key already exists');
export const ERR_TOPK_INVALID_K = new ErrorReply('TopK: invalid k');
export const ERR_TOPK_INVALID_WIDTH = new ErrorReply('TopK: invalid width');
export const ERR_TOPK_INVALID_DEPTH = new ErrorReply('TopK: invalid depth');
export const ERR_TOPK_INVALID_DECAY = new ErrorReply("TopK: invalid decay value. must be '<= 1' & '> 0'");
export const ERR_TOPK_OOM = new ErrorReply('ERR Insufficient memory to create topk data structure');
// The module's literal continues a line with a backslash: the next line's indentation is part of the text.
export const ERR_TOPK_INCREMENT = new ErrorReply(`TopK: increment must be an integer greater or equal to 0${' '.repeat(28)}and smaller or equal to 100,000`);
export const ERR_TOPK_WITHCOUNT = new ErrorReply('WITHCOUNT keyword expected');
export const ERR_TOPK_COPY = new ErrorReply('ERR not supported for this module key');
