import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { rpcErrorOf, type RpcErrorBody } from './json-rpc-error.js';

export type JsonRpcHandler = (method: string, params: readonly unknown[]) => Promise<unknown>;

const JsonRpcRequest = z.object({
  jsonrpc: z.literal('2.0').optional(),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.string().min(1),
  params: z.array(z.unknown()).optional(),
});

type Id = string | number | null;
type JsonRpcResponse = { jsonrpc: '2.0'; id: Id } & ({ result: unknown } | { error: RpcErrorBody });

/** Bodies larger than this are refused: a batch deploying every dev contract is ~0.5 MB. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const failure = (id: Id, error: RpcErrorBody): JsonRpcResponse => ({ jsonrpc: '2.0', id, error });

async function answer(handle: JsonRpcHandler, request: unknown): Promise<JsonRpcResponse> {
  const parsed = JsonRpcRequest.safeParse(request);
  if (!parsed.success) return failure(null, { code: -32600, message: 'Invalid Request' });
  const { id = null, method, params = [] } = parsed.data;
  try {
    return { jsonrpc: '2.0', id, result: (await handle(method, params)) ?? null };
  } catch (error) {
    return failure(id, rpcErrorOf(error));
  }
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * A JSON-RPC 2.0 server over HTTP POST: single requests and batches (answered in order, the
 * requests of a batch run one after another so a batch of transactions keeps its nonce order).
 * Errors keep the code, message and data they were thrown with.
 */
export function createJsonRpcServer(handle: JsonRpcHandler): Server {
  return createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST') {
        send(response, 405, failure(null, { code: -32600, message: 'JSON-RPC requests are POSTed' }));
        return;
      }
      const body = await readBody(request);
      if (body === undefined) {
        send(
          response,
          413,
          failure(null, { code: -32600, message: `Request body over ${MAX_BODY_BYTES} bytes` }),
        );
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        send(response, 200, failure(null, { code: -32700, message: 'Parse error' }));
        return;
      }
      if (!Array.isArray(payload)) {
        send(response, 200, await answer(handle, payload));
        return;
      }
      if (payload.length === 0) {
        send(response, 200, failure(null, { code: -32600, message: 'Invalid Request: empty batch' }));
        return;
      }
      const responses: JsonRpcResponse[] = [];
      for (const item of payload) responses.push(await answer(handle, item));
      send(response, 200, responses);
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, failure(null, rpcErrorOf(error)));
      else response.destroy();
    });
  });
}
