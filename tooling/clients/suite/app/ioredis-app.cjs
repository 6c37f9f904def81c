// Code under test (CommonJS): an application module that requires ioredis itself.
const Redis = require('ioredis');

const cache = new Redis(6379, 'localhost', { keyPrefix: 'app:' });
module.exports = { cache, setCached: (k, v) => cache.set(k, v), getCached: (k) => cache.get(k) };
