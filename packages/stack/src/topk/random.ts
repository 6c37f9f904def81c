import { defineModuleState, type FakeServer } from '@fakeredis/core';

/**
 * glibc's rand() (random_r's TYPE_3 additive feedback generator: 31 words, separation 3),
 * which Top-K's decay draws call. In redis-server it is one state for the whole process,
 * seeded at start with srand(time(NULL) ^ getpid()); the fake keeps one per server, seeded
 * from the server's own random generator (so FakeServer.seed makes it repeat), and
 * seedTopKRandom gives it a seed as srand does.
 */
export class GlibcRandom {
  private readonly state = new Int32Array(31);
  private front = 3;
  private rear = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** srand(seed) (__srandom_r): an unsigned int seed, 0 taken as 1, held in an int32_t word (negative past 2^31). */
  seed(seed: number): void {
    let word = (seed >>> 0 || 1) | 0;
    this.state[0] = word;
    for (let i = 1; i < 31; i++) {
      const hi = Math.trunc(word / 127773);
      const lo = word % 127773;
      word = (16807 * lo - 2836 * hi) | 0;
      if (word < 0) word = (word + 2147483647) | 0;
      this.state[i] = word;
    }
    this.front = 3;
    this.rear = 0;
    for (let i = 0; i < 310; i++) this.next();
  }

  /** rand(): 0 to RAND_MAX (2^31 - 1). */
  next(): number {
    const state = this.state;
    const value = (state[this.front]! + state[this.rear]!) | 0;
    state[this.front] = value;
    if (++this.front >= 31) {
      this.front = 0;
      ++this.rear;
    } else if (++this.rear >= 31) {
      this.rear = 0;
    }
    return value >>> 1;
  }
}

export const RAND_MAX = 2147483647;

const topkRandom = defineModuleState('stack:topk-random', (server: FakeServer) => new GlibcRandom(server.random.nextUint32()));

/** The server's rand() state (made on first use). */
export function serverRandom(server: FakeServer): GlibcRandom {
  return server.moduleState(topkRandom);
}

/** srand(seed) for the server's Top-K draws: with the seed redis-server used, the same decisions. */
export function seedTopKRandom(server: FakeServer, seed: number): void {
  serverRandom(server).seed(seed);
}
