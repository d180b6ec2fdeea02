import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { SignatureVerifier } from '@guildhall/chain';
import {
  CommonError,
  CommonErrorCode,
  hashGuildhallTypedData,
  jsonText,
  MESSAGE_MAX_AGE_SECONDS,
  MESSAGE_MAX_SKEW_SECONDS,
  guildhallTypedData,
  type GuildhallPrimaryType,
  type GuildhallTypedData,
} from '@guildhall/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { Address, Hex } from 'viem';
import { SignedWriteError, SignedWriteErrorCode } from './signed-write.error.js';

export interface SignedEnvelope<P extends GuildhallPrimaryType> {
  readonly typedData: GuildhallTypedData<P>;
  readonly signature: Hex;
}

/**
 * An envelope whose typed-data hash is known and whose signature is being checked (`prepare`): the
 * checks that need no database, started as soon as the envelope arrives.
 */
export interface PreparedEnvelope<P extends GuildhallPrimaryType> {
  readonly envelope: SignedEnvelope<P>;
  readonly hash: Hex;
  /** Resolves when the signature is valid; never rejects unobserved. */
  readonly verified: Promise<void>;
}

export interface SignedWriteContext {
  readonly signer: Address;
  readonly timestamp: Date;
  readonly manager: EntityManager;
}

/** One admitted envelope of `executeBatch`. */
export interface SignedBatchContext {
  readonly signer: Address;
  readonly timestamp: Date;
  /** The envelope's position in the batch. */
  readonly index: number;
}

export type SignedWriteOutcome<R> =
  { readonly daoId: string | null; readonly result: R } | { readonly error: unknown };

/**
 * The audit-log rows of a batch's written envelopes, as a statement to run inside the batch's own
 * (`INSERT INTO signed_message … SELECT … WHERE condition`), parameters from `$first` on.
 */
export interface AuditLogInsert {
  readonly params: readonly unknown[];
  sql(first: number, condition: string): string;
  /** A condition, on the same parameters: none of these envelopes is in the audit log yet. */
  unwritten(first: number): string;
}

/**
 * A group write with optimistic concurrency (`executeBatch`): `read` takes what the writes depend
 * on, without a lock; `write` decides each envelope's outcome from it and writes them all, with
 * their audit-log rows, in one statement that applies only if what was read is still current.
 */
export interface OptimisticBatchWrite<S, R> {
  /** Runs alongside the replay lookup; `signers` are those of every envelope of the batch. */
  read(signers: readonly Address[]): Promise<S>;
  /**
   * The state as this process last read or wrote it, while it may be current: the batch's first
   * attempt then neither reads nor looks up replays, so `write` may refuse no envelope on it (an
   * envelope written before is a replay, not a refusal) and its statement must apply only if the
   * state is still current, what it assumed without reading holds, and none of its envelopes has
   * been written before (`audit(…).unwritten`). Otherwise — `applied: false` — the batch is read
   * and written again.
   */
  known?(): S | undefined;
  /**
   * The outcome of each admitted envelope, in order, and the one statement that writes them: it
   * runs `audit(written)` too, and answers `applied: false` (having written nothing) when the state
   * `read` returned has changed since.
   */
  write(
    contexts: readonly SignedBatchContext[],
    state: S,
    audit: (written: ReadonlyArray<{ index: number; daoId: string | null; result: R }>) => AuditLogInsert,
  ): Promise<{ outcomes: readonly SignedWriteOutcome<R>[]; applied: boolean }>;
}

/**
 * Told the signer of each envelope whose signature has just been verified, before anything is
 * written; throws to refuse the envelope (the API's per-signer rate limit). Optional: a process
 * without one admits every verified signer.
 */
export interface SignerAdmission {
  admit(signer: Address): Promise<void>;
}

export const SIGNER_ADMISSION = Symbol('SIGNER_ADMISSION');

/** How often a batch is read and written again when concurrent writes keep changing its state. */
const MAX_BATCH_ATTEMPTS = 8;

interface StoredResult {
  /** Lower-case, as stored. */
  readonly signature: string;
  readonly result: Record<string, unknown>;
}

/** What became of one envelope of a batch: written now, replayed (written before), or refused. */
export type SignedBatchOutcome<R> =
  { readonly result: R; readonly replayed: boolean } | { readonly error: unknown };

interface Admitted {
  readonly index: number;
  readonly primaryType: string;
  readonly typedData: unknown;
  readonly signature: Hex;
  readonly hash: Hex;
  readonly signer: Address;
  readonly timestamp: Date;
}

/**
 * Every write is a signed message (docs/signing.md). This runs one: it checks the timestamp window and
 * the signature (EOA or ERC-1271 contract wallet), then runs the write and appends the envelope to
 * the audit log in one transaction. The typed-data hash is the idempotency key: the same envelope
 * again — in sequence or concurrently — returns the first write's result and changes nothing.
 */
@Injectable()
export class SignedWrites {
  private readonly logger = new Logger(SignedWrites.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: SignatureVerifier,
    @InjectConfig() private readonly config: ResolvedConfig,
    @Optional() @Inject(SIGNER_ADMISSION) private readonly admission?: SignerAdmission,
  ) {}

  /**
   * @param write runs inside the transaction; returns the DAO the message is about (null before it
   *   exists) and the result to store and to return to every replay of this envelope.
   */
  async execute<P extends GuildhallPrimaryType, R extends Record<string, unknown>>(
    envelope: SignedEnvelope<P>,
    write: (context: SignedWriteContext) => Promise<{ daoId: string | null; result: R }>,
  ): Promise<R> {
    const hash = hashGuildhallTypedData(envelope.typedData);
    const verify = () => this.verify(envelope, hash);
    const replayed = await this.replay(envelope, (await this.resultsOf([hash])).get(hash), verify);
    if (replayed !== undefined) return replayed as R;
    const admitted = await this.admit(envelope, 0, hash, verify);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { signer, timestamp } = admitted;
        const { daoId, result } = await write({ signer, timestamp, manager });
        await this.record(manager, [{ admitted, daoId, result }]);
        return result;
      });
    } catch (error) {
      return (await this.twinResult(admitted, error)) as R;
    }
  }

  /**
   * `execute` of the message `primaryType` with the `message` fields the request sent, in this
   * chain's domain: how a mutation runs its signed write.
   */
  run<P extends GuildhallPrimaryType, R extends Record<string, unknown>>(
    primaryType: P,
    message: GuildhallTypedData<P>['message'],
    signature: Hex,
    write: (context: SignedWriteContext) => Promise<{ daoId: string | null; result: R }>,
  ): Promise<R> {
    return this.execute(
      { typedData: guildhallTypedData(this.config.chain.chainId, primaryType, message), signature },
      write,
    );
  }

  /**
   * Starts the checks of an envelope that need no database — its hash and its signature (an
   * ERC-1271 wallet is asked now) — so that they run while earlier envelopes are being written.
   */
  prepare<P extends GuildhallPrimaryType>(envelope: SignedEnvelope<P>): PreparedEnvelope<P> {
    const hash = hashGuildhallTypedData(envelope.typedData);
    const verified = this.verify(envelope, hash);
    verified.catch(() => undefined);
    return { envelope, hash, verified };
  }

  /**
   * Several prepared envelopes written together (group commit) in two round trips: the replay
   * lookup and `batch.read` at once, then `batch.write`'s one statement (only that one when
   * `batch.known` has the state). Each envelope is checked as `execute` checks one; the same
   * envelope twice in a batch is written once (the second is a replay). When the state read has
   * changed before the write (another process wrote), the batch is read and written again; after 8
   * attempts, the envelopes it would have written are answered with a retryable CONTENDED error
   * (the replays and refusals keep their answers). When the statement fails (a database error),
   * the batch is split and written again (`writeSplit`), so one bad envelope never takes the others
   * down.
   */
  async executeBatch<P extends GuildhallPrimaryType, S, R extends Record<string, unknown>>(
    envelopes: readonly PreparedEnvelope<P>[],
    batch: OptimisticBatchWrite<S, R>,
  ): Promise<SignedBatchOutcome<R>[]> {
    return this.writeMembers(
      envelopes.map((prepared, index) => ({ prepared, index })),
      batch,
    );
  }

  /**
   * `executeBatch` of some members of a batch, each keeping its index in the whole batch (what
   * `batch.write` is told): the outcomes, in the members' order.
   */
  private async writeMembers<P extends GuildhallPrimaryType, S, R extends Record<string, unknown>>(
    members: ReadonlyArray<{ readonly prepared: PreparedEnvelope<P>; readonly index: number }>,
    batch: OptimisticBatchWrite<S, R>,
  ): Promise<SignedBatchOutcome<R>[]> {
    const signers = members.map(
      ({ prepared }) => (prepared.envelope.typedData.message as { from: Address }).from,
    );
    for (let attempt = 1; ; attempt += 1) {
      const known = attempt === 1 ? batch.known?.() : undefined;
      const [stored, state] =
        known !== undefined
          ? [new Map<string, StoredResult>(), known]
          : await Promise.all([
              this.resultsOf(members.map(({ prepared }) => prepared.hash)),
              batch.read([...new Set(signers)]),
            ]);
      const outcomes = new Map<number, SignedBatchOutcome<R>>();
      const admitted: Admitted[] = [];
      await Promise.all(
        members.map(async ({ prepared: { envelope, hash, verified }, index }) => {
          const verify = () => verified;
          try {
            const replayed = await this.replay(envelope, stored.get(hash), verify);
            if (replayed !== undefined) outcomes.set(index, { result: replayed as R, replayed: true });
            else admitted.push(await this.admit(envelope, index, hash, verify));
          } catch (error) {
            outcomes.set(index, { error });
          }
        }),
      );
      admitted.sort((a, b) => a.index - b.index);
      const firstWith = new Map<Hex, number>();
      const twins: Array<[index: number, of: number]> = [];
      const unique = admitted.filter((entry) => {
        const first = firstWith.get(entry.hash);
        if (first === undefined) firstWith.set(entry.hash, entry.index);
        else twins.push([entry.index, first]);
        return first === undefined;
      });
      if (unique.length > 0) {
        const byIndex = new Map(unique.map((entry) => [entry.index, entry]));
        let written: Awaited<ReturnType<OptimisticBatchWrite<S, R>['write']>>;
        try {
          written = await batch.write(
            unique.map(({ index, signer, timestamp }) => ({ index, signer, timestamp })),
            state,
            (rows) => this.auditLog(rows.map((row) => ({ ...row, admitted: byIndex.get(row.index)! }))),
          );
        } catch (error) {
          return this.writeSplit(members, batch, unique, error);
        }
        if (!written.applied && attempt < MAX_BATCH_ATTEMPTS) continue;
        if (written.applied) {
          unique.forEach(({ index }, k) => {
            const outcome = written.outcomes[k];
            outcomes.set(index, 'error' in outcome ? outcome : { result: outcome.result, replayed: false });
          });
        } else {
          const contended = new CommonError(
            CommonErrorCode.CONTENDED,
            `Concurrent writes changed what this message depends on ${attempt} times before it could be written: send it again`,
            {},
          );
          for (const { index } of unique) outcomes.set(index, { error: contended });
        }
      }
      for (const [index, of] of twins) {
        const first = outcomes.get(of)!;
        outcomes.set(index, 'error' in first ? first : { result: first.result, replayed: true });
      }
      return members.map(({ index }) => outcomes.get(index)!);
    }
  }

  /**
   * The batch statement failed: its two halves are written again, one after the other, each as a
   * batch of its own (and split again if it fails too), every member under its own index (so
   * `batch.write` writes its own vote, not the batch's first): a member that cannot be written
   * costs about twice the batch's log2 statements, and fails alone. A lone member that fails may
   * have been written meanwhile by a concurrent request (its result then); else it is answered
   * with the error.
   */
  private async writeSplit<P extends GuildhallPrimaryType, S, R extends Record<string, unknown>>(
    members: ReadonlyArray<{ readonly prepared: PreparedEnvelope<P>; readonly index: number }>,
    batch: OptimisticBatchWrite<S, R>,
    admitted: readonly Admitted[],
    error: unknown,
  ): Promise<SignedBatchOutcome<R>[]> {
    if (members.length > 1) {
      const half = Math.ceil(members.length / 2);
      const first = await this.writeMembers(members.slice(0, half), batch);
      return [...first, ...(await this.writeMembers(members.slice(half), batch))];
    }
    try {
      return [{ result: (await this.twinResult(admitted[0], error)) as R, replayed: true }];
    } catch (failure) {
      return [{ error: failure }];
    }
  }

  /**
   * Freshness window and signature (`verify`) of an envelope not written yet; throws when it is
   * refused.
   */
  private async admit<P extends GuildhallPrimaryType>(
    envelope: SignedEnvelope<P>,
    index: number,
    hash: Hex,
    verify: () => Promise<void>,
  ): Promise<Admitted> {
    const { typedData, signature } = envelope;
    const message = typedData.message as { from: Address; timestamp: bigint };
    const timestamp = this.checkFreshness(message.timestamp);
    await verify();
    const { primaryType } = typedData;
    return { index, primaryType, typedData, signature, hash, signer: message.from, timestamp };
  }

  /**
   * The stored result of an envelope written before. The same typed data with another signature is
   * a replay only if that signature is valid too (a contract wallet may sign twice differently):
   * a forged signature never reads a result back.
   */
  private async replay<P extends GuildhallPrimaryType>(
    envelope: SignedEnvelope<P>,
    stored: StoredResult | undefined,
    verify: () => Promise<void>,
  ): Promise<Record<string, unknown> | undefined> {
    if (stored === undefined) return undefined;
    if (stored.signature !== envelope.signature.toLowerCase()) await verify();
    return stored.result;
  }

  private async verify<P extends GuildhallPrimaryType>(
    envelope: SignedEnvelope<P>,
    hash: Hex,
  ): Promise<void> {
    const { typedData, signature } = envelope;
    const message = typedData.message as { from: Address };
    const valid = await this.verifier.verifyTypedData({
      chainId: this.config.chain.chainId,
      address: message.from,
      typedData,
      signature,
      hash,
    });
    if (!valid) {
      throw new SignedWriteError(
        SignedWriteErrorCode.INVALID_SIGNATURE,
        `The signature is not ${message.from}'s signature of this ${typedData.primaryType} message (check the signer, the domain { name: "Guildhall", version: "1", chainId: ${this.config.chain.chainId} } and every field)`,
        { signer: message.from, primaryType: typedData.primaryType },
      );
    }
    await this.admission?.admit(message.from);
  }

  /** Appends the envelopes to the audit log, in one statement. */
  private async record(
    manager: EntityManager,
    rows: ReadonlyArray<{ admitted: Admitted; daoId: string | null; result: Record<string, unknown> }>,
  ): Promise<void> {
    const insert = this.auditLog(rows);
    await manager.query(insert.sql(1, 'true'), [...insert.params]);
  }

  private auditLog(
    rows: ReadonlyArray<{ admitted: Admitted; daoId: string | null; result: Record<string, unknown> }>,
  ): AuditLogInsert {
    return {
      params: [
        rows.map((row) => row.daoId),
        rows.map(() => this.config.chain.chainId),
        rows.map((row) => row.admitted.signer),
        rows.map((row) => row.admitted.primaryType),
        rows.map((row) => row.admitted.hash),
        rows.map((row) => jsonText(row.admitted.typedData)),
        rows.map((row) => row.admitted.signature.toLowerCase()),
        rows.map((row) => jsonText(row.result)),
      ],
      sql: (first, condition) => {
        const p = (k: number) => `$${first + k}`;
        return `INSERT INTO signed_message
           (dao_id, chain_id, signer, primary_type, typed_data_hash, typed_data, signature, result)
         SELECT * FROM unnest(${p(0)}::uuid[], ${p(1)}::integer[], ${p(2)}::char(42)[], ${p(3)}::text[],
                              ${p(4)}::char(66)[], ${p(5)}::jsonb[], ${p(6)}::text[], ${p(7)}::jsonb[])
          WHERE ${condition}`;
      },
      unwritten: (first) =>
        `NOT EXISTS (SELECT 1 FROM signed_message WHERE typed_data_hash = ANY ($${first + 4}::char(66)[]))`,
    };
  }

  /**
   * The write failed: when the same envelope, submitted concurrently, committed first (our write
   * then failed on what it wrote, or on the audit log's unique hash), its result; else the error.
   */
  private async twinResult(admitted: Admitted, error: unknown): Promise<Record<string, unknown>> {
    const first = (await this.resultsOf([admitted.hash])).get(admitted.hash);
    if (first !== undefined) return first.result;
    throw error;
  }

  /** The stored results of the envelopes already written, by typed-data hash. */
  private async resultsOf(hashes: readonly Hex[]): Promise<Map<string, StoredResult>> {
    const rows: Array<{
      typed_data_hash: string;
      signature: string;
      result: Record<string, unknown> | null;
    }> = await this.dataSource.query(
      'SELECT typed_data_hash, signature, result FROM signed_message WHERE typed_data_hash = ANY ($1::char(66)[])',
      [hashes],
    );
    for (const row of rows) this.logger.debug(`replayed signed message ${row.typed_data_hash}`);
    return new Map(
      rows.map((row) => [row.typed_data_hash, { signature: row.signature, result: row.result ?? {} }]),
    );
  }

  private checkFreshness(timestamp: bigint): Date {
    const now = BigInt(Math.floor(Date.now() / 1000));
    if (timestamp < now - BigInt(MESSAGE_MAX_AGE_SECONDS)) {
      throw new SignedWriteError(
        SignedWriteErrorCode.MESSAGE_TOO_OLD,
        'The message was signed more than 6 days ago: sign it again',
        {
          timestamp: timestamp.toString(),
        },
      );
    }
    if (timestamp > now + BigInt(MESSAGE_MAX_SKEW_SECONDS)) {
      throw new SignedWriteError(
        SignedWriteErrorCode.MESSAGE_FROM_THE_FUTURE,
        'The message timestamp is more than 5 minutes ahead of the server clock: check your clock',
        { timestamp: timestamp.toString() },
      );
    }
    return new Date(Number(timestamp) * 1000);
  }
}
