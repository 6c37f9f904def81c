// ioredis 6 only: replyMapping 'resp3' gives RESP3-mapped reply types.
import { FakeRedis, type FakeIoredisResp3 } from '@fakeredis/all';

const resp3: FakeIoredisResp3 = new FakeRedis({ protocol: 3, replyMapping: 'resp3' });
export const back = resp3.duplicate({ replyMapping: 'legacy' });
