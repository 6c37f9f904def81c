/**
 * The two sorts Redis uses on search results, reproduced so equal distances come out in
 * Redis's order: glibc's qsort (a stable top-down merge sort, glibc 2.36's msort) when
 * every result is returned, and Redis's pqsort (NetBSD's quicksort sorting only the
 * partitions that overlap the returned range) when COUNT cuts the list.
 */

export type Comparator<T> = (a: T, b: T) => number;

/** glibc's msort_with_tmp: halves n/2 and n - n/2, merged taking the left on ties. */
export function mergeSort<T>(items: T[], cmp: Comparator<T>): void {
  if (items.length <= 1) return;
  const tmp = new Array<T>(items.length);
  msort(items, 0, items.length, cmp, tmp);
}

function msort<T>(a: T[], start: number, n: number, cmp: Comparator<T>, tmp: T[]): void {
  if (n <= 1) return;
  const n1 = Math.floor(n / 2);
  const n2 = n - n1;
  msort(a, start, n1, cmp, tmp);
  msort(a, start + n1, n2, cmp, tmp);
  let i = start;
  let j = start + n1;
  const iEnd = start + n1;
  const jEnd = start + n;
  let k = 0;
  while (i < iEnd && j < jEnd) {
    if (cmp(a[i] as T, a[j] as T) <= 0) tmp[k++] = a[i++] as T;
    else tmp[k++] = a[j++] as T;
  }
  // What is left of the first half goes after; the second half's rest is already in place.
  while (i < iEnd) tmp[k++] = a[i++] as T;
  for (let m = 0; m < k; m++) a[start + m] = tmp[m] as T;
}

/**
 * Redis's pqsort(a, n, cmp, lrange, rrange): a Bentley-McIlroy quicksort that recurses
 * only into partitions overlapping [lrange, rrange], so those positions end up sorted.
 * As in Redis since the fix of its quadratic case, there is no switch to insertion sort
 * after a partition that moved nothing (NetBSD's original had one).
 */
export function partialSort<T>(items: T[], cmp: Comparator<T>, lrange: number, rrange: number): void {
  pqsort(items, 0, items.length, cmp, lrange, rrange);
}

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i] as T;
  a[i] = a[j] as T;
  a[j] = t;
}

function vecswap<T>(a: T[], i: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) swap(a, i + k, j + k);
}

function med3<T>(a: T[], i: number, j: number, k: number, cmp: Comparator<T>): number {
  const x = a[i] as T;
  const y = a[j] as T;
  const z = a[k] as T;
  return cmp(x, y) < 0 ? (cmp(y, z) < 0 ? j : cmp(x, z) < 0 ? k : i) : cmp(y, z) > 0 ? j : cmp(x, z) < 0 ? i : k;
}

function insertionSort<T>(a: T[], start: number, n: number, cmp: Comparator<T>): void {
  for (let m = start + 1; m < start + n; m++) {
    for (let l = m; l > start && cmp(a[l - 1] as T, a[l] as T) > 0; l--) swap(a, l, l - 1);
  }
}

/** Is the partition [start, start + n) outside the wanted range on one side? */
function outside(start: number, n: number, lrange: number, rrange: number): boolean {
  const end = start + n - 1;
  return (lrange < start && rrange < start) || (lrange > end && rrange > end);
}

function pqsort<T>(a: T[], start: number, n: number, cmp: Comparator<T>, lrange: number, rrange: number): void {
  for (;;) {
    if (n < 7) {
      insertionSort(a, start, n, cmp);
      return;
    }
    let pm = start + Math.floor(n / 2);
    if (n > 7) {
      let pl = start;
      let pn = start + n - 1;
      if (n > 40) {
        const d = Math.floor(n / 8);
        pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
        pm = med3(a, pm - d, pm, pm + d, cmp);
        pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = med3(a, pl, pm, pn, cmp);
    }
    swap(a, start, pm);
    let pa = start + 1;
    let pb = pa;
    let pc = start + n - 1;
    let pd = pc;
    for (;;) {
      let r: number;
      while (pb <= pc && (r = cmp(a[pb] as T, a[start] as T)) <= 0) {
        if (r === 0) {
          swap(a, pa, pb);
          pa++;
        }
        pb++;
      }
      while (pb <= pc && (r = cmp(a[pc] as T, a[start] as T)) >= 0) {
        if (r === 0) {
          swap(a, pc, pd);
          pd--;
        }
        pc--;
      }
      if (pb > pc) break;
      swap(a, pb, pc);
      pb++;
      pc--;
    }
    const pn = start + n;
    let r = Math.min(pa - start, pb - pa);
    vecswap(a, start, pb - r, r);
    r = Math.min(pd - pc, pn - pd - 1);
    vecswap(a, pb, pn - r, r);
    r = pb - pa;
    if (r > 1 && !outside(start, r, lrange, rrange)) pqsort(a, start, r, cmp, lrange, rrange);
    r = pd - pc;
    if (r <= 1) return;
    // Iterate rather than recurse, as the C code does.
    start = pn - r;
    n = r;
    if (outside(start, n, lrange, rrange)) return;
  }
}
