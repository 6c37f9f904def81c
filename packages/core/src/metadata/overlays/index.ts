import type { MetadataOverlay } from '../types.js';
import { redis74 } from './redis-7.4.js';
import { redis80 } from './redis-8.0.js';

/** Overlays for versions newer than the generated files, written from documentation. */
export const builtinOverlays: MetadataOverlay[] = [redis74, redis80];
