import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { distance } from '../../src/shape.js';
import { formatDistance } from '../../src/format.js';

it('distance vs glibc formula', () => {
  let seed = 3; const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const rows: number[][] = [];
  for (let i = 0; i < 30000; i++) {
    const lon = rnd() * 360 - 180, lat = rnd() * 170 - 85;
    const far = rnd() < 0.3;
    const lon2 = far ? rnd() * 360 - 180 : Math.max(-180, Math.min(180, lon + (rnd() - 0.5) * 2));
    const lat2 = far ? rnd() * 170 - 85 : Math.max(-85, Math.min(85, lat + (rnd() - 0.5)));
    rows.push([lon, lat, lon2, lat2]);
  }
  const py = `import sys,math
D_R=math.pi/180.0
R=6372797.560856
for l in sys.stdin:
  a,b,c,d=map(float,l.split())
  lat1r=b*D_R; lon1r=a*D_R; lat2r=d*D_R; lon2r=c*D_R
  u=math.sin((lat2r-lat1r)/2); v=math.sin((lon2r-lon1r)/2)
  print(repr(2.0*R*math.asin(math.sqrt(u*u+math.cos(lat1r)*math.cos(lat2r)*v*v))))`;
  const out = execFileSync('python3', ['-c', py], { input: rows.map((r) => r.join(' ')).join('\n') }).toString().trim().split('\n');
  let full = 0, four = 0;
  rows.forEach((r, i) => {
    const d = distance(r[0]!, r[1]!, r[2]!, r[3]!);
    const g = Number(out[i]);
    if (d !== g) full++;
    if (formatDistance(d / 1000) !== formatDistance(g / 1000)) four++;
  });
  console.log('full differ', full, '%.4f km differ', four, 'of', rows.length);
  expect(1).toBe(1);
});
