import { describe, expect, it } from 'vitest';
import { xxh3 } from '../../src/strings/xxh3.js';

// DIGEST of redis-server 8.6.3 for byte i = (31i + 7) & 0xff, at lengths crossing each of XXH3's paths.
const REAL: Array<[number, string]> = [
  [0, '2d06800538d394c2'],
  [1, '4c5cca45d0f4811f'],
  [2, 'a7e250c97710ff27'],
  [3, '15f7093b173d005c'],
  [4, 'dca012f95811b6b9'],
  [5, 'b290cafc7b254345'],
  [8, 'dec6a9a43575982e'],
  [9, 'cbe393399f17ffbd'],
  [16, '7e484c18d74895d0'],
  [17, '208bde5ee2bed407'],
  [32, '03df0ac5255d1446'],
  [33, '199a362122d71f46'],
  [64, 'dd30702ab46b3745'],
  [65, 'fab36b851b94ce20'],
  [96, 'd245cd2541582982'],
  [97, '60e3e1d0d43785b3'],
  [128, 'f92b70eaa21a6288'],
  [129, 'f8f76713f2bb60fa'],
  [200, '12fdb864685f344d'],
  [240, 'ccc7375172c41f03'],
  [241, '0b3b630948ce4a00'],
  [500, 'e1e3ce93f69c5043'],
  [1024, '23bc880ebf0d29c6'],
  [1025, 'c09fdfbc398c7d82'],
  [1088, 'a16bad67843c5a45'],
  [2048, '19f6f9c987331373'],
  [2049, '5045460f5d85c275'],
  [5000, '559fff92c2b7f8ee'],
];

describe('xxh3', () => {
  it('equals Redis 8.6.3 DIGEST at every length class', () => {
    for (const [len, digest] of REAL) {
      const input = Buffer.alloc(len);
      for (let i = 0; i < len; i++) input[i] = (i * 31 + 7) & 0xff;
      expect([len, xxh3(input).toString(16).padStart(16, '0')]).toEqual([len, digest]);
    }
  });
});
