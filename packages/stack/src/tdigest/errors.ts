import { ErrorReply } from '@fakeredis/core';

/** RedisBloom 2.8's error texts for TDIGEST.* (src/rm_tdigest.c). */
export const ERR_TDIGEST_NOT_FOUND = new ErrorReply('ERR T-Digest: key does not exist');
export const ERR_TDIGEST_EXISTS = new ErrorReply('ERR T-Digest: key already exists');
export const ERR_TDIGEST_COMPRESSION_PARSE = new ErrorReply('ERR T-Digest: error parsing compression parameter');
export const ERR_TDIGEST_COMPRESSION_RANGE = new ErrorReply('ERR T-Digest: compression parameter needs to be a positive integer');
export const ERR_TDIGEST_WRONG_KEYWORD = new ErrorReply('ERR T-Digest: wrong keyword');
export const ERR_TDIGEST_ALLOCATION = new ErrorReply('ERR T-Digest: allocation failed');
export const ERR_TDIGEST_DEST_ALLOCATION = new ErrorReply('ERR T-Digest: allocation of destination digest failed');
export const ERR_TDIGEST_VAL_PARSE = new ErrorReply('ERR T-Digest: error parsing val parameter');
export const ERR_TDIGEST_VAL_FINITE = new ErrorReply('ERR T-Digest: val parameter needs to be a finite number');
export const ERR_TDIGEST_OVERFLOW = new ErrorReply('ERR T-Digest: overflow detected');
export const ERR_TDIGEST_NUMKEYS_PARSE = new ErrorReply('ERR T-Digest: error parsing numkeys');
export const ERR_TDIGEST_NUMKEYS_RANGE = new ErrorReply('ERR T-Digest: numkeys needs to be a positive integer');
export const ERR_TDIGEST_VALUE_PARSE = new ErrorReply('ERR T-Digest: error parsing value');
export const ERR_TDIGEST_RANK_PARSE = new ErrorReply('ERR T-Digest: error parsing rank');
export const ERR_TDIGEST_RANK_RANGE = new ErrorReply('ERR T-Digest: rank needs to be non negative');
export const ERR_TDIGEST_QUANTILE_PARSE = new ErrorReply('ERR T-Digest: error parsing quantile');
export const ERR_TDIGEST_QUANTILE_RANGE = new ErrorReply('ERR T-Digest: quantile should be in [0,1]');
export const ERR_TDIGEST_CDF_PARSE = new ErrorReply('ERR T-Digest: error parsing cdf');
export const ERR_TDIGEST_LOW_PARSE = new ErrorReply('ERR T-Digest: error parsing low_cut_percentile');
export const ERR_TDIGEST_HIGH_PARSE = new ErrorReply('ERR T-Digest: error parsing high_cut_percentile');
export const ERR_TDIGEST_CUT_RANGE = new ErrorReply('ERR T-Digest: low_cut_percentile and high_cut_percentile should be in [0,1]');
export const ERR_TDIGEST_CUT_ORDER = new ErrorReply('ERR T-Digest: low_cut_percentile should be lower than high_cut_percentile');
export const ERR_TDIGEST_COPY = new ErrorReply('ERR not supported for this module key');
