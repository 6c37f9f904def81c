/**
 * The server's time source. It follows Date.now() by default (so vitest's and jest's
 * fake timers drive it) and can be driven by hand: advance(), set(), freeze().
 */
export class Clock {
  private offset = 0;
  private frozenAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  /** Milliseconds since the epoch, as the emulated server sees it. */
  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  /** Moves time forward by `ms` and runs what waits on time (active expiry, timeouts). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('advance() takes a non-negative number of milliseconds');
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offset += ms;
    this.tick();
  }

  /** Sets the current time to `ms` since the epoch (keeps a freeze in place). */
  set(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = ms;
    else this.offset = ms - Date.now();
    this.tick();
  }

  /** Stops time at its current value (or at `ms`) until unfreeze(). */
  freeze(ms: number = this.now()): void {
    this.frozenAt = ms;
  }

  /** Lets time run again from where it stands. */
  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offset = this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  /** Registers work to run whenever time is moved by hand. */
  onTick(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tick(): void {
    for (const listener of this.listeners) listener();
  }
}
