import { setImmediate as realSetImmediate } from 'node:timers';

/** A fake clock as @sinonjs/fake-timers (Jest's and Vitest's fake timers) installs it. */
interface FakeClock {
  runMicrotasks(): void;
  /** The queued ticks (fake-timers' own field; absent until something is queued). */
  jobs?: unknown[];
}

/** The fake clock behind a faked function (fake-timers sets `.clock` on what it replaces). */
function fakeClockOf(fn: unknown): FakeClock | undefined {
  const clock = (fn as { clock?: Partial<FakeClock> } | undefined)?.clock;
  return clock !== undefined && typeof clock.runMicrotasks === 'function' ? (clock as FakeClock) : undefined;
}

let pumpScheduled = false;

/**
 * Runs the ticks queued on a faked process.nextTick, as a real event loop runs them between
 * I/O events. Jest's default fake timers fake process.nextTick, which the client libraries
 * rely on (ioredis's status events and connect handler); a fake clock would otherwise hold
 * them until the test advances time. A tick may resolve a promise whose reaction queues
 * another tick, so the pump goes on, one macrotask at a time, until a round finds none.
 */
function pumpFakeTicks(round = 0): void {
  if (pumpScheduled) return;
  pumpScheduled = true;
  realSetImmediate(() => {
    pumpScheduled = false;
    const clock = fakeClockOf(process.nextTick);
    if (clock === undefined) return;
    const queued = clock.jobs?.length ?? 0;
    if (queued === 0 && round > 0) return;
    clock.runMicrotasks();
    if (round < 1000) pumpFakeTicks(round + 1);
  });
}

/**
 * Runs `fn` on a later tick, as data from a socket arrives: never inside the write that
 * caused it. process.nextTick normally; when a test runner has faked process.nextTick
 * (Jest's `useFakeTimers()` does by default), the `setImmediate` of `node:timers`, which
 * neither Jest nor Vitest replace, followed by the faked ticks queued meanwhile.
 */
export function later(fn: () => void): void {
  const nextTick = process.nextTick;
  if (fakeClockOf(nextTick) === undefined) {
    nextTick(fn);
    return;
  }
  realSetImmediate(() => {
    try {
      fn();
    } finally {
      pumpFakeTicks();
    }
  });
}
