// moduleNameMapper target: the 'ioredis' module, faked.
module.exports = require('@fakeredis/all').FakeRedis;
