// Code under test: an application module that imports node-redis itself.
import { createClient } from 'redis';

export const client = createClient({ url: 'redis://localhost:6379/1' });
export const ready = client.connect();
export const setCached = (key, value) => client.set(`app:${key}`, value);
export const getCached = (key) => client.get(`app:${key}`);
