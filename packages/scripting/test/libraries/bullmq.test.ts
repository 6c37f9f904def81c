import { FakeRedis, FakeServer } from '@fakeredis/all';
import { Queue, Worker, type Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';

// BullMQ through its public API on an in-process FakeRedis (every job operation is a Lua
// script). Its own test suite runs against fakeredis-server: see the README.

const closers: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function setUp(): { server: FakeServer; connection: FakeRedis } {
  const server = new FakeServer();
  const connection = new FakeRedis({ server, maxRetriesPerRequest: null });
  closers.push(() => server.close(), () => connection.disconnect());
  return { server, connection };
}

describe('BullMQ on FakeRedis', () => {
  it('a queue adds a job and a worker processes it', async () => {
    const { connection } = setUp();
    const queue = new Queue('mail', { connection });
    closers.push(() => queue.close());
    const added = await queue.add('welcome', { to: 'ada@example.com' }, { attempts: 2 });
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    const processed = new Promise<Job>((resolve, reject) => {
      const worker = new Worker(
        'mail',
        async (job: Job<{ to: string }>) => {
          await job.updateProgress(50);
          return `sent to ${job.data.to}`;
        },
        { connection },
      );
      closers.push(() => worker.close());
      worker.on('completed', resolve);
      worker.on('failed', (_job, error) => reject(error));
      worker.on('error', reject);
    });
    const job = await processed;
    expect(job.id).toBe(added.id);
    expect(job.returnvalue).toBe('sent to ada@example.com');

    const stored = await queue.getJob(added.id as string);
    expect(stored?.returnvalue).toBe('sent to ada@example.com');
    expect(stored?.progress).toBe(50);
    expect(await stored?.getState()).toBe('completed');
    expect(await queue.getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 0, active: 0, completed: 1 });
  });

  it('a failing job is retried, then failed with its error', async () => {
    const { connection } = setUp();
    const queue = new Queue('flaky', { connection });
    closers.push(() => queue.close());
    const added = await queue.add('boom', {}, { attempts: 2 });
    let calls = 0;
    const failed = new Promise<Job | undefined>((resolve) => {
      const worker = new Worker(
        'flaky',
        async () => {
          calls++;
          throw new Error(`attempt ${calls}`);
        },
        { connection },
      );
      closers.push(() => worker.close());
      worker.on('failed', (job) => {
        if (job !== undefined && job.attemptsMade >= 2) resolve(job);
      });
    });
    const job = await failed;
    expect(job?.id).toBe(added.id);
    expect(calls).toBe(2);
    expect(job?.failedReason).toBe('attempt 2');
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 1 });
  });
});
