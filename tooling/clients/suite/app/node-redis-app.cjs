// Code under test (CommonJS): an application module that requires node-redis itself.
const { createClient } = require('redis');

const client = createClient({ url: 'redis://localhost:6379/1' });
module.exports = { client, ready: client.connect(), setCached: (k, v) => client.set(`app:${k}`, v), getCached: (k) => client.get(`app:${k}`) };
