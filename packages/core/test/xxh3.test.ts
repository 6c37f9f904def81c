import { describe, expect, it } from 'vitest';
import { xxh3, xxh3128 } from '../src/xxh3.js';

const input = (len: number): Buffer => {
  const bytes = Buffer.alloc(len);
  for (let i = 0; i < len; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
};

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

// XXH3_128bits of the same inputs, high half first, as xxHash 0.8 computes them (by @node-rs/xxhash,
// the xxHash C library bound for Node; Redis 8.6.3's IDMPAUTO iids built from it are checked in
// the streams package's DUMP scenarios).
const REAL_128: Array<[number, string]> = [
  [0, '99aa06d3014798d86001c324468d497f'],
  [1, '495b62073ef70ca44c5cca45d0f4811f'],
  [2, '12b2847aa0de5aaaa7e250c97710ff27'],
  [3, '46f66cb93538156515f7093b173d005c'],
  [4, '7fefeeffb4d0eab3b987ca5d9241572a'],
  [5, '2fbb16712b4bf1d5752a86982353f4f3'],
  [8, '803c675a846cc6c256bb836ceb6d4baa'],
  [9, 'd46556872d230f224376673580310154'],
  [16, '650fe308c566747df853dd94614dfa07'],
  [17, '18217300b5132d5a78c349fe81b2f26c'],
  [32, '3220ff5fe507b3c05726e079716c6a62'],
  [33, '91a4c56ad1b91d883b25275300c8b44e'],
  [64, 'f9bfa77da0891a9636c5f7e547426bc4'],
  [65, '5642c5d38e6e787dd0d1d7884590a330'],
  [96, '59861d1adb3e51a263451be079edd707'],
  [97, '0912f66857975b13fa4138b7dc44e45b'],
  [128, 'b4f87b99d2db8a511e04fad9f0cacb4d'],
  [129, '6881633650cd8924c51bc887976aef63'],
  [160, 'c000b788df6dbbc4f661814e66697391'],
  [200, '8d8629a1aef9ef9060ea018811f9a437'],
  [240, 'de57aab31e77a2ff93e173833f75ab66'],
  [241, '92b991a7192f3f080b3b630948ce4a00'],
  [500, 'd5e1aac34f44cd16e1e3ce93f69c5043'],
  [1024, '4c17271c906df79223bc880ebf0d29c6'],
  [1025, '70a4eb1b9691d77fc09fdfbc398c7d82'],
  [1088, 'fcf9dfe2b0ba271ba16bad67843c5a45'],
  [2048, 'b318976b177a38c719f6f9c987331373'],
  [2049, '11999f258baadb535045460f5d85c275'],
  [5000, '3bf60aa89c7feeaa559fff92c2b7f8ee'],
];

describe('xxh3', () => {
  it('64 bits: equals Redis 8.6.3 DIGEST at every length class', () => {
    for (const [len, digest] of REAL) expect([len, xxh3(input(len)).toString(16).padStart(16, '0')]).toEqual([len, digest]);
  });

  it('128 bits: equals xxHash at every length class', () => {
    for (const [len, hash] of REAL_128) {
      const [lo, hi] = xxh3128(input(len));
      expect([len, hi.toString(16).padStart(16, '0') + lo.toString(16).padStart(16, '0')]).toEqual([len, hash]);
    }
  });
});
