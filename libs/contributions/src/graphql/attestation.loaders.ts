import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AttestationService } from '../domain/attestation.service.js';
import type { Dispute, Review } from '../domain/contribution.js';

/** The rows of each id, in the order of `ids`; an id without rows gets an empty list. */
function groupByAttestation<T extends { attestationId: string }>(ids: readonly string[], rows: readonly T[]) {
  const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(row.attestationId)?.push(row);
  return ids.map((id) => byId.get(id) ?? []);
}

interface RequestLoaders {
  readonly reviews: DataLoader<string, Review[]>;
  readonly disputes: DataLoader<string, Dispute[]>;
}

/**
 * The reviews and disputes of the attestations one GraphQL request resolves, each kind in one
 * query however many attestations ask at once (a page of 100 with `reviews` is 1 query, not 100).
 * Loaders live as long as the request's context object and batch without caching: a subscription
 * keeps its context for every event, and must not answer from an earlier one.
 */
@Injectable()
export class AttestationLoaders {
  private readonly byRequest = new WeakMap<object, RequestLoaders>();

  constructor(private readonly attestationService: AttestationService) {}

  of(context: object): RequestLoaders {
    let loaders = this.byRequest.get(context);
    if (loaders === undefined) {
      loaders = {
        reviews: new DataLoader(
          async (ids) => groupByAttestation(ids, await this.attestationService.reviewsOf(ids)),
          { cache: false },
        ),
        disputes: new DataLoader(
          async (ids) => groupByAttestation(ids, await this.attestationService.disputesOf(ids)),
          { cache: false },
        ),
      };
      this.byRequest.set(context, loaders);
    }
    return loaders;
  }
}
