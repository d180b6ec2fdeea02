import { GuildhallApiError, GuildhallClient, type Variables } from '@guildhall/sdk';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useState } from 'react';

/**
 * The GraphQL endpoint: VITE_GUILDHALL_API_URL when the app was built for a static host, else
 * /graphql on the origin that served the app (the API itself, or Vite's dev proxy).
 */
export const API_URL: string =
  (import.meta.env.VITE_GUILDHALL_API_URL as string | undefined) || new URL('/graphql', location.href).href;

export const client = new GuildhallClient({ url: API_URL });

export interface Loaded<R> {
  readonly data: R | undefined;
  readonly error: GuildhallApiError | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Runs a query when its variables change (by value); `skip` holds it back. */
export function useQuery<R, V>(document: TypedDocumentNode<R, V>, variables: V, skip = false): Loaded<R> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data?: R; error?: GuildhallApiError; loading: boolean }>({
    loading: !skip,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (skip) return;
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    client
      .request(document, ...([JSON.parse(key)] as Variables<V>))
      .then((data) => current && setState({ data, loading: false }))
      .catch((error: unknown) => current && setState({ error: asApiError(error), loading: false }));
    return () => {
      current = false;
    };
  }, [document, key, skip, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function asApiError(error: unknown): GuildhallApiError {
  return error instanceof GuildhallApiError
    ? error
    : new GuildhallApiError(
        'INTERNAL',
        error instanceof Error ? error.message : String(error),
        'INTERNAL',
        false,
      );
}
