/** Redis Cluster's hash slots and keyHashSlot live in core (SORT's cluster-mode check needs them too). */
export { SLOT_COUNT, keyHashSlot } from '@fakeredis/core';
