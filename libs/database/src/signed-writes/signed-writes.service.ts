import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { SignatureVerifier } from '@guildhall/chain';
import {
  MESSAGE_MAX_AGE_SECONDS,
  MESSAGE_MAX_SKEW_SECONDS,
  type GuildhallPrimaryType,
  type GuildhallTypedData,
} from '@guildhall/core';
import { DataSource, QueryFailedError, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { hashTypedData, type Address, type Hex } from 'viem';
import { SignedMessageEntity, type StoredTypedData } from '../datasources/signed-message.entity.db.js';
import { SignedWriteError, SignedWriteErrorCode } from './signed-write.error.js';

export interface SignedEnvelope<P extends GuildhallPrimaryType> {
  readonly typedData: GuildhallTypedData<P>;
  readonly signature: Hex;
}

export interface SignedWriteContext {
  readonly signer: Address;
  readonly timestamp: Date;
  readonly manager: EntityManager;
}

/** JSON with every bigint as a decimal string, as typed data is stored and hashed by others. */
const toJson = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

/**
 * Every write is a signed message (DESIGN.md). This runs one: it checks the timestamp window and
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
  ) {}

  /**
   * @param write runs inside the transaction; returns the DAO the message is about (null before it
   *   exists) and the result to store and to return to every replay of this envelope.
   */
  async execute<P extends GuildhallPrimaryType, R extends Record<string, unknown>>(
    envelope: SignedEnvelope<P>,
    write: (context: SignedWriteContext) => Promise<{ daoId: string | null; result: R }>,
  ): Promise<R> {
    const { typedData, signature } = envelope;
    const hash = hashTypedData(typedData);
    const replayed = await this.resultOf(hash);
    if (replayed !== undefined) return replayed as R;

    const message = typedData.message as { from: Address; timestamp: bigint };
    const timestamp = this.checkFreshness(message.timestamp);
    const valid = await this.verifier.verifyTypedData({
      chainId: this.config.chain.chainId,
      address: message.from,
      typedData,
      signature,
    });
    if (!valid) {
      throw new SignedWriteError(
        SignedWriteErrorCode.INVALID_SIGNATURE,
        `The signature is not ${message.from}'s signature of this ${typedData.primaryType} message (check the signer, the domain { name: "Guildhall", version: "1", chainId: ${this.config.chain.chainId} } and every field)`,
        { signer: message.from, primaryType: typedData.primaryType },
      );
    }

    try {
      return await this.dataSource.transaction(async (manager) => {
        const { daoId, result } = await write({ signer: message.from, timestamp, manager });
        const row: Omit<SignedMessageEntity, 'id' | 'receivedAt'> = {
          daoId,
          chainId: this.config.chain.chainId,
          signer: message.from,
          primaryType: typedData.primaryType,
          typedDataHash: hash,
          typedData: toJson(typedData) as StoredTypedData,
          signature: signature.toLowerCase(),
          result,
        };
        // TypeORM's deep-partial insert type cannot express an open JSON record.
        await manager.insert(SignedMessageEntity, row as QueryDeepPartialEntity<SignedMessageEntity>);
        return result;
      });
    } catch (error) {
      // The same envelope, submitted concurrently, committed first: answer with its result.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'signed_message_typed_data_hash_key'
      ) {
        const first = await this.resultOf(hash);
        if (first !== undefined) return first as R;
      }
      throw error;
    }
  }

  private async resultOf(hash: Hex): Promise<Record<string, unknown> | undefined> {
    const stored = await this.dataSource
      .getRepository(SignedMessageEntity)
      .findOne({ where: { typedDataHash: hash }, select: { id: true, result: true } });
    if (stored === null) return undefined;
    this.logger.debug(`replayed signed message ${hash}`);
    return stored.result ?? {};
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
