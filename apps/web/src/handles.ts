import { ContributorDocument } from '@guildhall/sdk';
import { useEffect, useState } from 'react';
import type { Address } from 'viem';
import { client } from './api.js';

/** Contributor handles of the addresses that have a profile in the DAO. */
export function useHandles(slug: string, addresses: readonly Address[]): ReadonlyMap<string, string> {
  const key = [...new Set(addresses.map((address) => address.toLowerCase()))].sort().join(',');
  const [handles, setHandles] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (key === '') return;
    let current = true;
    Promise.all(
      key
        .split(',')
        .map((address) =>
          client
            .request(ContributorDocument, { dao: slug, address: address as Address, first: 1 })
            .then(({ contributor }) => [address, contributor.profile?.handle] as const),
        ),
    ).then(
      (found) =>
        current &&
        setHandles(new Map(found.filter((entry): entry is [string, string] => entry[1] !== undefined))),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [slug, key]);
  return handles;
}
