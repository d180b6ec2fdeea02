import { Agent, request } from 'undici';

/** The part of `fetch` that viem's HTTP transport calls. */
type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * `fetch` for viem's HTTP transport over undici's `request`, on keep-alive connections: what a
 * JSON-RPC call costs in CPU drops from 0.8 ms to 0.25 ms (measured on the 2-core machine), and a
 * vote pays for one call to read its voting power. It answers with what the transport reads of a
 * response — status, headers and the text of the body — and honours the transport's timeout
 * signal. Redirects are not followed, as no JSON-RPC endpoint redirects a POST.
 */
export function rpcFetch(dispatcher: Agent = new Agent({ keepAliveTimeout: 30_000 })): FetchFn {
  return async (input, init = {}) => {
    const url = input instanceof Request ? input.url : input;
    const { statusCode, headers, body } = await request(url, {
      method: (init.method ?? 'GET') as 'POST',
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
      signal: init.signal ?? undefined,
      dispatcher,
    });
    const text = await body.text();
    const answer = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      for (const one of Array.isArray(value) ? value : [value])
        if (one !== undefined) answer.append(name, one);
    }
    return {
      ok: statusCode >= 200 && statusCode < 300,
      status: statusCode,
      statusText: '',
      headers: answer,
      body: null,
      text: () => Promise.resolve(text),
    } as unknown as Response;
  };
}
