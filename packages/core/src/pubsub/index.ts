export { PubSubHub, type SubscriptionCounts } from './hub.js';
export type { NextMessageOptions, PubSubMessage, PubSubName, WaitForSubscribersOptions } from './observers.js';
