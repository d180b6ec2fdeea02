import { Injectable } from '@nestjs/common';
import { ChainReader, type SafeAccount } from '@guildhall/chain';
import { DataSource } from 'typeorm';
import { hashMessage, recoverAddress, type Address } from 'viem';
import { SafeChain } from '../datasources/safe-chain.js';
import { SafeKit } from '../datasources/safe-kit.js';
import { TreasuryRepository } from '../datasources/treasury.repository.js';
import { parseSafeSignature, type ParsedSignature } from './safe-signature.js';
import { OPEN_STATUSES, type SafeTransaction } from './safe-transaction.js';
import { TreasuryQueries } from './treasury-queries.js';
import {
  TreasuryTransactions,
  assertNonceUnused,
  closedError,
  noAnnouncements,
} from './treasury-transactions.js';
import { TreasuryError, TreasuryErrorCode } from './treasury.error.js';

/** Owners' confirmations of Safe transactions, each signature checked as the Safe will check it. */
@Injectable()
export class SafeConfirmations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TreasuryRepository,
    private readonly chain: SafeChain,
    private readonly reader: ChainReader,
    private readonly kit: SafeKit,
    private readonly queries: TreasuryQueries,
    private readonly transactions: TreasuryTransactions,
  ) {}

  /**
   * An owner's confirmation: the safeTxHash is recomputed from the stored fields, the signer
   * recovered (ECDSA, eth_sign, ERC-1271, approved hash) and checked against the Safe's owners as
   * they are on-chain now. A repeated confirmation changes nothing. READY at the threshold. Each new
   * confirmation is announced to `safeTransactionUpdated` subscribers.
   */
  async confirm(safeTxHash: string, signature: string): Promise<SafeTransaction> {
    const parsed = parseSafeSignature(signature);
    const tx = await this.queries.byHash(safeTxHash);
    if (!OPEN_STATUSES.has(tx.status) || tx.status === 'EXECUTING') throw closedError(tx);
    const account = await this.reader.readSafe(tx.safe);
    assertNonceUnused(tx, account);
    const hash = this.kit.hash(tx.safe, tx, account.version);
    if (hash !== tx.safeTxHash)
      throw new TreasuryError(
        TreasuryErrorCode.HASH_MISMATCH,
        `The stored fields of ${tx.safeTxHash} hash to ${hash}: refusing to collect signatures for it`,
        { safeTxHash: tx.safeTxHash, recomputed: hash },
      );
    const owner = await this.signerOf(parsed, tx, account);
    if (!account.owners.includes(owner))
      throw new TreasuryError(
        TreasuryErrorCode.NOT_AN_OWNER,
        `The signature is from ${owner}, not an owner of Safe ${tx.safe}: a non-owner signed, or the signature is over another transaction (another nonce, chain or Safe)`,
        { signer: owner, safe: tx.safe, owners: account.owners },
      );
    const announcements = noAnnouncements();
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.find(tx.safeTxHash, manager, true);
      if (locked === null || !OPEN_STATUSES.has(locked.status) || locked.status === 'EXECUTING')
        throw closedError(locked ?? tx);
      const stored = await this.repository.confirm(manager, tx.safeTxHash, {
        owner,
        signature: parsed.signature,
        signatureType: parsed.type,
      });
      const confirmed = (await this.repository.confirmations(tx.safeTxHash, manager)).filter((c) =>
        account.owners.includes(c.owner),
      );
      if (locked.status === 'AWAITING_CONFIRMATIONS' && confirmed.length >= account.threshold) {
        await this.repository.update(manager, tx.safeTxHash, { status: 'READY' });
        announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status: 'READY' });
      } else if (stored) {
        // A new confirmation below the threshold (or past it): owners watching see it arrive.
        announcements.safeTxs.push({ safeTxHash: tx.safeTxHash, daoSlug: tx.daoSlug, status: locked.status });
      }
    });
    await this.transactions.announce(announcements);
    return this.queries.byHash(tx.safeTxHash);
  }

  private async signerOf(
    parsed: ParsedSignature,
    tx: SafeTransaction,
    account: SafeAccount,
  ): Promise<Address> {
    const invalid = (why: string) =>
      new TreasuryError(TreasuryErrorCode.INVALID_SIGNATURE, `Invalid Safe signature: ${why}`, {
        type: parsed.type,
      });
    switch (parsed.type) {
      case 'EOA':
        return recoverAddress({ hash: tx.safeTxHash, signature: parsed.signature }).catch(() => {
          throw invalid('no signer can be recovered from it');
        });
      case 'ETH_SIGN':
        return recoverAddress({
          hash: hashMessage({ raw: tx.safeTxHash }),
          signature: parsed.recoverable,
        }).catch(() => {
          throw invalid('no signer can be recovered from it');
        });
      case 'APPROVED_HASH':
        if (!(await this.chain.isApprovedHash(tx.safe, parsed.owner, tx.safeTxHash)))
          throw invalid(`${parsed.owner} has not approved this hash on the Safe (approveHash)`);
        return parsed.owner;
      case 'CONTRACT': {
        const preimage = this.kit.preimage(tx.safe, tx, account.version);
        if (!(await this.chain.isValidContractSignature(parsed.owner, preimage, parsed.contractSignature)))
          throw invalid(
            `${parsed.owner} does not accept it as its contract signature (ERC-1271 isValidSignature refused or reverted, or the address has no code: an EOA cannot sign with v = 0)`,
          );
        return parsed.owner;
      }
    }
  }
}
