// Code under test: an application module that imports ioredis itself.
import Redis from 'ioredis';

export const cache = new Redis(6379, 'localhost', { keyPrefix: 'app:' });
export const setCached = (key, value) => cache.set(key, value);
export const getCached = (key) => cache.get(key);
