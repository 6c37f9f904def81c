/**
 * A binary min-heap of items ordered by `at` (an expiry time), kept in a plain array:
 * O(log n) push and pop. The database's key expiry and the hash module's field expiry
 * share it; their owners decide when an item is stale.
 */
export interface Timed {
  at: number;
}

export function heapPush<T extends Timed>(heap: T[], item: T): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((heap[parent] as T).at <= item.at) break;
    heap[i] = heap[parent] as T;
    i = parent;
  }
  heap[i] = item;
}

/** Removes and returns the earliest item. */
export function heapPop<T extends Timed>(heap: T[]): T | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last !== undefined) siftDown(heap, 0, last);
  return top;
}

/** Restores heap order over an array in O(n) (after filtering out stale items). */
export function heapify<T extends Timed>(heap: T[]): void {
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, heap[i] as T);
}

/** Puts `item` at slot i and moves it down until its children are no earlier. */
function siftDown<T extends Timed>(heap: T[], i: number, item: T): void {
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && (heap[right] as T).at < (heap[left] as T).at ? right : left;
    if ((heap[child] as T).at >= item.at) break;
    heap[i] = heap[child] as T;
    i = child;
  }
  heap[i] = item;
}
