import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { pageRequest, type Page } from '@guildhall/core';
import { PgNotifier } from '@guildhall/database';
import { DaoService, type Dao } from '@guildhall/dao';
import { ChainReader, safeL2Abi, type SafeAccount } from '@guildhall/chain';
import { encodeFunctionData, type Address, type Hex } from 'viem';
import { execTransactionArgs } from '../datasources/safe-chain.js';
import { SafeKit } from '../datasources/safe-kit.js';
import { TreasuryRepository } from '../datasources/treasury.repository.js';
import { parseSafeSignature } from './safe-signature.js';
import {
  OPEN_STATUSES,
  SAFE_TX_UPDATED_TOPIC,
  type SafeConfirmation,
  type SafeTransaction,
  type SafeTxStatus,
  type SafeTxUpdatedEvent,
  type SignatureType,
} from './safe-transaction.js';
import { TreasuryError, TreasuryErrorCode } from './treasury.error.js';

/**
 * What signers read: Safe transactions and their confirmations, the DAO's Safe as on-chain now and
 * its balances, who still has to sign, what conflicts at a nonce, and the execTransaction calldata
 * once a transaction has its confirmations.
 */
@Injectable()
export class TreasuryQueries {
  constructor(
    private readonly repository: TreasuryRepository,
    private readonly kit: SafeKit,
    private readonly reader: ChainReader,
    private readonly daos: DaoService,
    private readonly notifier: PgNotifier,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async byHash(safeTxHash: string): Promise<SafeTransaction> {
    const tx = /^0x[0-9a-fA-F]{64}$/.test(safeTxHash) ? await this.repository.find(safeTxHash) : null;
    if (tx === null)
      throw new TreasuryError(TreasuryErrorCode.SAFE_TX_NOT_FOUND, `No Safe transaction ${safeTxHash}`, {
        safeTxHash,
      });
    return tx;
  }

  async list(
    daoSlug: string,
    status: SafeTxStatus | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<SafeTransaction>> {
    const request = pageRequest(page, this.config.graphql.maxPageSize);
    return this.repository.list(await this.daos.bySlug(daoSlug), status, request);
  }

  confirmations(safeTxHash: string): Promise<SafeConfirmation[]> {
    return this.repository.confirmations(safeTxHash);
  }

  /** The DAO's Safe as it is on-chain now, and what is queued on it. */
  async treasury(daoSlug: string): Promise<{ dao: Dao; account: SafeAccount; queued: SafeTransaction[] }> {
    const dao = await this.daos.bySlug(daoSlug);
    const [account, queued] = await Promise.all([
      this.reader.readSafe(dao.safeAddress),
      this.repository.open(this.config.chain.chainId, dao.safeAddress),
    ]);
    return { dao, account, queued };
  }

  async balances(safe: Address, tokens: readonly Address[]) {
    return Promise.all(
      tokens.map(async (token) => {
        const [{ symbol, decimals }, balance] = await Promise.all([
          this.reader.token(token),
          this.reader.balanceOf(token, safe),
        ]);
        return { token, symbol, decimals, balance };
      }),
    );
  }

  /** Current owners whose confirmations count, and the owners who have not confirmed yet. */
  async signing(
    tx: SafeTransaction,
  ): Promise<{ account: SafeAccount; confirmedBy: Address[]; missing: Address[] }> {
    const [account, confirmations] = await Promise.all([
      this.reader.readSafe(tx.safe),
      this.repository.confirmations(tx.safeTxHash),
    ]);
    const owners = new Set(account.owners);
    const confirmedBy = confirmations.map((c) => c.owner).filter((owner) => owners.has(owner));
    return { account, confirmedBy, missing: account.owners.filter((owner) => !confirmedBy.includes(owner)) };
  }

  /** The other open transactions at the nonce of `tx` (none once it is executed or replaced). */
  async conflicts(tx: SafeTransaction): Promise<Hex[]> {
    if (!OPEN_STATUSES.has(tx.status)) return [];
    const open = await this.repository.open(tx.chainId, tx.safe);
    return open
      .filter((other) => other.nonce === tx.nonce && other.safeTxHash !== tx.safeTxHash)
      .map((other) => other.safeTxHash);
  }

  /** execTransaction calldata with the confirmations gathered, once there are enough of them. */
  async execTransactionData(tx: SafeTransaction): Promise<Hex | null> {
    if (tx.status !== 'READY') return null;
    const signatures = await this.thresholdSignatures(tx, await this.reader.readSafe(tx.safe));
    if (signatures === null) return null;
    return encodeFunctionData({
      abi: safeL2Abi,
      functionName: 'execTransaction',
      args: execTransactionArgs(tx, signatures),
    });
  }

  /** execTransaction's signatures from current owners' confirmations, or null below the threshold. */
  async thresholdSignatures(tx: SafeTransaction, account: SafeAccount): Promise<Hex | null> {
    const confirmations = (await this.repository.confirmations(tx.safeTxHash)).filter((c) =>
      account.owners.includes(c.owner),
    );
    if (confirmations.length < account.threshold) return null;
    return this.kit.signatureBytes(
      confirmations
        .slice(0, account.threshold)
        .map(({ owner, signature, signatureType }) => toOwnerSignature(owner, signature, signatureType)),
    );
  }

  updates(): AsyncIterableIterator<SafeTxUpdatedEvent> {
    return this.notifier.subscribe<SafeTxUpdatedEvent>(SAFE_TX_UPDATED_TOPIC);
  }
}

function toOwnerSignature(owner: Address, signature: Hex, type: SignatureType) {
  if (type !== 'CONTRACT') return { owner, signature, isContractSignature: false };
  const parsed = parseSafeSignature(signature);
  return {
    owner,
    signature: parsed.type === 'CONTRACT' ? parsed.contractSignature : signature,
    isContractSignature: true,
  };
}
