/**
 * A 40-hex-digit id as Redis makes run_id and master_replid (getRandomHexChars). `next`
 * draws uniform numbers in [0, 1): the server's seeded generator for run_id, so a seeded
 * server repeats it; Math.random (the default) where the id must not follow the seed.
 */
export function randomHexId(next: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 40; i++) id += '0123456789abcdef'[Math.floor(next() * 16)];
  return id;
}
