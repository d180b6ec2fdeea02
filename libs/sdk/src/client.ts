import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { GuildhallApiError } from './errors.js';

export interface GuildhallClientOptions {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql (the local dev stack). */
  readonly url?: string;
  /** Per-request timeout (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * Sent with every request; in Node, with the subscription socket's upgrade request too (a browser's
   * WebSocket cannot carry headers).
   */
  readonly headers?: Readonly<Record<string, string>>;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

/** The variables argument of `request`: optional when the operation has none. */
export type Variables<V> = V extends Record<string, never> ? [variables?: V] : [variables: V];

/**
 * A typed GraphQL client for Guildhall: pass a generated document and its variables, get its typed
 * result, or a {@link GuildhallApiError} carrying the server's error code. This is the browser's
 * (subscriptions over the global WebSocket); `@guildhall/sdk` in Node exports the subclass in
 * `node-client.ts`, whose socket sends the headers.
 */
export class GuildhallClient {
  readonly url: string;
  private readonly timeoutMs: number;
  protected readonly headers: Readonly<Record<string, string>>;
  private ws: WsClient | undefined;

  constructor(options: GuildhallClientOptions = {}) {
    this.url = options.url ?? DEFAULT_API_URL;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.headers = options.headers ?? {};
  }

  async request<R, V>(document: TypedDocumentNode<R, V>, ...[variables]: Variables<V>): Promise<R> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...this.headers,
        },
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw GuildhallApiError.network(this.url, error);
    }
    let body: ExecutionResult<R>;
    try {
      body = (await response.json()) as ExecutionResult<R>;
    } catch (error) {
      throw GuildhallApiError.network(
        this.url,
        error,
        `HTTP ${response.status} with a body that is not JSON`,
      );
    }
    const [first] = body.errors ?? [];
    if (first !== undefined)
      throw GuildhallApiError.fromGraphQL(first, body.errors as readonly GraphQLFormattedError[]);
    if (body.data === undefined || body.data === null) {
      throw GuildhallApiError.network(this.url, undefined, `HTTP ${response.status} without data`);
    }
    return body.data;
  }

  /** A GraphQL subscription over graphql-ws; `return()` on the iterator unsubscribes. */
  subscribe<R, V>(document: TypedDocumentNode<R, V>, ...[variables]: Variables<V>): AsyncIterableIterator<R> {
    const events = this.wsClient().iterate<R>({
      query: print(document),
      variables: variables ?? {},
    });
    const iterator: AsyncIterableIterator<R> = {
      next: async () => {
        const result = await events.next();
        if (result.done === true) return { done: true, value: undefined };
        const [first] = result.value.errors ?? [];
        if (first !== undefined) throw GuildhallApiError.fromGraphQL(first, result.value.errors ?? []);
        return { done: false, value: result.value.data as R };
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Closes the subscription socket, if one was opened. */
  async close(): Promise<void> {
    await this.ws?.dispose();
    this.ws = undefined;
  }

  /** The WebSocket class graphql-ws opens its socket with; undefined: the global WebSocket. */
  protected webSocketImpl(): unknown {
    return undefined;
  }

  private wsClient(): WsClient {
    this.ws ??= createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: this.webSocketImpl(),
      lazy: true,
      retryAttempts: 3,
    });
    return this.ws;
  }
}
