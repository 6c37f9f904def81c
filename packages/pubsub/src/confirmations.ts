import { type Bytes, type Client, type HandlerResult, NO_REPLY, PushReply } from '@fakeredis/core';

/** The kinds of confirmation, named as their first element. */
export type ConfirmationKind = 'subscribe' | 'unsubscribe' | 'psubscribe' | 'punsubscribe' | 'ssubscribe' | 'sunsubscribe';

/**
 * The confirmations of one (un)subscribe command: [kind, name, count] each, a push in
 * RESP3 and an array in RESP2; the name is null for an unsubscribe-all that found
 * nothing. Redis writes them as pushes, past CLIENT REPLY OFF and SKIP; inside EXEC they
 * join its reply, each one an element of its own.
 */
export class Confirmations {
  /** What the direct API (`server.call`, no connection) gets back instead. */
  private readonly direct: PushReply[] | undefined;

  constructor(
    private readonly client: Client,
    private readonly kind: ConfirmationKind,
  ) {
    this.direct = client.transport === undefined && client.execReplies === undefined ? [] : undefined;
  }

  send(name: Bytes | null, count: number): void {
    const push = new PushReply([this.kind as Bytes, name, count]);
    const client = this.client;
    if (this.direct !== undefined) this.direct.push(push);
    else if (client.execReplies !== undefined) client.execReplies.push(push);
    else client.push(push);
  }

  /**
   * The command's result: nothing more on a connection, where a pending CLIENT REPLY SKIP
   * is used up by the command as by any other, though it skipped nothing; the
   * confirmations as an array for the direct API.
   */
  end(): HandlerResult {
    if (this.direct !== undefined) return this.direct;
    if (this.client.execReplies === undefined && this.client.replyMode === 'skip') this.client.replyMode = 'on';
    return NO_REPLY;
  }
}

/** Channels plus patterns: the count (P)SUBSCRIBE and (P)UNSUBSCRIBE confirmations carry. */
export function subscriptionCount(client: Client): number {
  return client.channels.size + client.patterns.size;
}
