import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import {
  assertName,
  checksumAddress,
  CommonError,
  CommonErrorCode,
  jsonText,
  pageRequest,
  textFault,
  toPage,
  type Address,
  type Page,
} from '@guildhall/core';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { CreditLedger } from '../datasources/credit-ledger.js';
import {
  CreditAccountKind,
  CreditHoldStatus,
  CreditTransferKind,
  type CaptureRequest,
  type CreditAccount,
  type CreditBalance,
  type CreditGrant,
  type CreditHold,
  type CreditPosting,
  type CreditsConsistency,
  type CreditTransfer,
  type CreditType,
  type GrantRequest,
  type HoldRequest,
  type NewCreditType,
  type SpendRequest,
} from './credits.js';
import { CreditsError, CreditsErrorCode } from './credits.error.js';
import { assertBalanced } from './journal.js';
import { takeFromLots } from './lots.js';

const CODE = /^[A-Z][A-Z0-9_]{0,31}$/;
const SERVICE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const CLIENT_KEY = /^[\x21-\x7e]{1,128}$/;
/** A hold lasts at most a week: a service that forgets one does not lock credits for longer. */
const MAX_HOLD_SECONDS = 7 * 24 * 3600;
/** How many expired grants or timed-out holds one worker pass handles. */
const SWEEP_BATCH = 200;

const bodyHash = (body: Record<string, unknown>): string =>
  `0x${createHash('sha256').update(jsonText(body)).digest('hex')}`;

/** The unique violation of the named constraint (a concurrent write with the same client key). */
const violates = (error: unknown, constraint: string): boolean =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string; constraint?: string }).code === '23505' &&
  (error.driverError as { constraint?: string }).constraint === constraint;

/** The latest instant a grant's dates may name (PostgreSQL's and JavaScript's dates both hold it). */
const LATEST = Date.UTC(9999, 11, 31);

/** A caller's reference: up to 256 characters that PostgreSQL can store. */
const referenceOf = (reference: string | null | undefined): string | null => {
  if (reference === undefined || reference === null) return null;
  const fault = reference.length > 256 ? 'at most 256 characters' : textFault(reference);
  if (fault !== undefined)
    throw new CommonError(CommonErrorCode.INVALID_TEXT, `reference: ${fault}`, { field: 'reference' });
  return reference;
};

const positive = (field: string, amount: bigint): void => {
  if (amount <= 0n)
    throw new CreditsError(CreditsErrorCode.NEGATIVE_AMOUNT, `${field} must be positive, got ${amount}`, {
      field,
      amount: amount.toString(),
    });
};

const clientKeyOf = (clientKey: string): string => {
  if (!CLIENT_KEY.test(clientKey))
    throw new CreditsError(
      CreditsErrorCode.INVALID_CLIENT_KEY,
      'A client key is 1 to 128 printable ASCII characters without spaces',
      {},
    );
  return clientKey;
};

/** A spend account's service name, checked. */
export const serviceOf = (service: string): string => {
  if (!SERVICE.test(service))
    throw new CreditsError(
      CreditsErrorCode.INVALID_SERVICE,
      `A service name is 1 to 64 characters: a-z, 0-9, '.', '_', '-' (got "${service}")`,
      { service },
    );
  return service;
};

/**
 * The credits ledger (docs/credits.md): credit types, grants, spends, holds, expiry and the
 * consistency check. Every write is one transaction, idempotent on its client key per DAO: the same
 * key with the same body returns the first result, with another body IDEMPOTENCY_KEY_REUSED.
 * Callers name the DAO by id (resolved and authorized through DaoService before).
 */
@Injectable()
export class CreditsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: CreditLedger,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async createCreditType(daoId: string, type: NewCreditType, manager?: EntityManager): Promise<CreditType> {
    if (!CODE.test(type.code))
      throw new CreditsError(
        CreditsErrorCode.INVALID_CREDIT_TYPE,
        `A credit type's code is 1 to 32 characters A-Z, 0-9 and '_', starting with a letter (got "${type.code}")`,
        { code: type.code },
      );
    if (!Number.isInteger(type.scale) || type.scale < 0 || type.scale > 18)
      throw new CreditsError(CreditsErrorCode.INVALID_CREDIT_TYPE, 'scale: 0 to 18 decimal places', {
        scale: type.scale,
      });
    for (const [field, value] of [
      ['name', type.name],
      ['unit', type.unit],
    ] as const) {
      if (value.trim().length === 0 || value.length > 100)
        throw new CreditsError(CreditsErrorCode.INVALID_CREDIT_TYPE, `${field}: 1 to 100 characters`, {
          field,
        });
      assertName(value, field);
    }
    const write = async (m: EntityManager): Promise<CreditType> => {
      const created = await this.ledger.createCreditType(m, daoId, type);
      if (created !== null) return created;
      const existing = (await this.ledger.creditType(m, daoId, type.code))!;
      if (existing.name === type.name && existing.unit === type.unit && existing.scale === type.scale)
        return existing;
      throw new CreditsError(
        CreditsErrorCode.CREDIT_TYPE_EXISTS,
        `The DAO has a credit type ${type.code} already, with another name, unit or scale`,
        { code: type.code },
      );
    };
    return manager === undefined ? this.dataSource.transaction(write) : write(manager);
  }

  creditTypes(daoId: string): Promise<CreditType[]> {
    return this.ledger.creditTypes(this.dataSource.manager, daoId);
  }

  creditTypesById(ids: readonly string[]): Promise<CreditType[]> {
    return this.ledger.creditTypesById(this.dataSource.manager, ids);
  }

  /** A contributor's balances per credit type (none before their first grant). */
  async balances(daoId: string, contributor: Address): Promise<CreditBalance[]> {
    const account = await this.contributorAccount(daoId, contributor);
    return account === null ? [] : this.ledger.balances(this.dataSource.manager, account.id);
  }

  /** The balances of one account (a spend account, read with its key). */
  accountBalances(accountId: string): Promise<CreditBalance[]> {
    return this.ledger.balances(this.dataSource.manager, accountId);
  }

  async grants(daoId: string, contributor: Address): Promise<CreditGrant[]> {
    const account = await this.contributorAccount(daoId, contributor);
    return account === null ? [] : this.ledger.grants(this.dataSource.manager, account.id);
  }

  async holds(daoId: string, contributor: Address): Promise<CreditHold[]> {
    const account = await this.contributorAccount(daoId, contributor);
    return account === null ? [] : this.ledger.holds(this.dataSource.manager, account.id);
  }

  async hold(daoId: string, holdId: string): Promise<CreditHold> {
    return this.holdOfDao(this.dataSource.manager, daoId, holdId);
  }

  async transfer(daoId: string, id: string): Promise<CreditTransfer> {
    const [transfer] = await this.ledger.transfersById(this.dataSource.manager, [id]);
    if (transfer === undefined || transfer.daoId !== daoId)
      throw new CreditsError(CreditsErrorCode.TRANSFER_NOT_FOUND, `No transfer ${id} in this DAO`, {
        transfer: id,
      });
    return transfer;
  }

  /** A DAO's transfers, newest first; with `contributor`, only those that move their credits. */
  async transfers(
    daoId: string,
    args: { first?: number | null; after?: string | null; contributor?: Address | null },
  ): Promise<Page<CreditTransfer>> {
    const request = pageRequest(args, this.config.graphql.maxPageSize);
    let accountId: string | undefined;
    if (args.contributor !== undefined && args.contributor !== null) {
      const account = await this.contributorAccount(daoId, args.contributor);
      if (account === null) return { nodes: [], endCursor: null, hasNextPage: false };
      accountId = account.id;
    }
    const rows = await this.ledger.transfers(this.dataSource.manager, daoId, request, accountId);
    return toPage(rows, request, (transfer) => ({ key: transfer.createdAt.toISOString(), id: transfer.id }));
  }

  consistency(daoId: string | null): Promise<CreditsConsistency> {
    return this.ledger.consistency(this.dataSource.manager, daoId);
  }

  /** Issues `amount` to a contributor: a GRANT transfer from the DAO's issuance account, and its lot. */
  async grant(daoId: string, request: GrantRequest, manager?: EntityManager): Promise<CreditTransfer> {
    positive('amount', request.amount);
    const contributor = checksumAddress(request.contributor);
    const effectiveAt = request.effectiveAt ?? new Date();
    const expiresAt = request.expiresAt ?? null;
    if ([effectiveAt, expiresAt].some((date) => date !== null && !(date.getTime() <= LATEST)))
      throw new CreditsError(
        CreditsErrorCode.INVALID_GRANT_WINDOW,
        'A grant’s dates are before the year 10000',
        {},
      );
    if (expiresAt !== null && expiresAt.getTime() <= effectiveAt.getTime())
      throw new CreditsError(
        CreditsErrorCode.INVALID_GRANT_WINDOW,
        'A grant expires after it becomes effective',
        {
          effectiveAt: effectiveAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
        },
      );
    const body = bodyHash({
      op: 'grant',
      contributor,
      creditType: request.creditType,
      amount: request.amount,
      effectiveAt: request.effectiveAt?.toISOString() ?? null,
      expiresAt: expiresAt?.toISOString() ?? null,
      reference: referenceOf(request.reference),
    });
    return this.once(daoId, clientKeyOf(request.clientKey), body, manager, async (m) => {
      const type = await this.creditTypeOf(m, daoId, request.creditType);
      const account = await this.ledger.account(m, daoId, CreditAccountKind.CONTRIBUTOR, contributor);
      const issuance = await this.ledger.account(m, daoId, CreditAccountKind.ISSUANCE, '');
      await this.ledger.lockBalance(m, account.id, type.id);
      const id = await this.post(
        m,
        {
          daoId,
          kind: CreditTransferKind.GRANT,
          clientKey: request.clientKey,
          bodyHash: body,
          reference: referenceOf(request.reference),
        },
        [
          { accountId: account.id, creditTypeId: type.id, amount: request.amount },
          { accountId: issuance.id, creditTypeId: type.id, amount: -request.amount },
        ],
      );
      await this.ledger.insertGrant(m, {
        transferId: id,
        accountId: account.id,
        creditTypeId: type.id,
        amount: request.amount,
        effectiveAt,
        expiresAt,
      });
      return id;
    });
  }

  /** Moves `amount` from a contributor to a service's spend account, from their grants in priority order. */
  async spend(daoId: string, request: SpendRequest): Promise<CreditTransfer> {
    positive('amount', request.amount);
    const contributor = checksumAddress(request.contributor);
    const service = serviceOf(request.service);
    const body = bodyHash({
      op: 'spend',
      contributor,
      service,
      creditType: request.creditType,
      amount: request.amount,
      reference: referenceOf(request.reference),
    });
    return this.once(daoId, clientKeyOf(request.clientKey), body, undefined, async (m) => {
      const type = await this.creditTypeOf(m, daoId, request.creditType);
      const account = await this.ledger.account(m, daoId, CreditAccountKind.CONTRIBUTOR, contributor);
      const spendAccount = await this.ledger.account(m, daoId, CreditAccountKind.SPEND, service);
      await this.ledger.lockBalance(m, account.id, type.id);
      const uses = await this.take(m, account, type, request.amount);
      const id = await this.post(
        m,
        {
          daoId,
          kind: CreditTransferKind.SPEND,
          clientKey: request.clientKey,
          bodyHash: body,
          reference: referenceOf(request.reference),
        },
        [
          { accountId: account.id, creditTypeId: type.id, amount: -request.amount },
          { accountId: spendAccount.id, creditTypeId: type.id, amount: request.amount },
        ],
      );
      await this.ledger.recordUses(m, id, uses);
      return id;
    });
  }

  /** Reserves `amount` of a contributor's credits for a service until captured, voided or timed out. */
  async holdCredits(daoId: string, request: HoldRequest): Promise<CreditHold> {
    positive('amount', request.amount);
    const contributor = checksumAddress(request.contributor);
    const service = serviceOf(request.service);
    if (
      !Number.isInteger(request.timeoutSeconds) ||
      request.timeoutSeconds < 1 ||
      request.timeoutSeconds > MAX_HOLD_SECONDS
    )
      throw new CreditsError(
        CreditsErrorCode.INVALID_HOLD_TIMEOUT,
        `A hold's timeout is 1 to ${MAX_HOLD_SECONDS} seconds`,
        { timeoutSeconds: request.timeoutSeconds },
      );
    const clientKey = clientKeyOf(request.clientKey);
    const body = bodyHash({
      op: 'hold',
      contributor,
      service,
      creditType: request.creditType,
      amount: request.amount,
      timeoutSeconds: request.timeoutSeconds,
      reference: referenceOf(request.reference),
    });
    const replay = async (): Promise<CreditHold | undefined> => {
      const first = await this.ledger.holdByKey(this.dataSource.manager, daoId, clientKey);
      if (first === null) return undefined;
      this.sameBody(clientKey, first.bodyHash, body);
      return first.hold;
    };
    const first = await replay();
    if (first !== undefined) return first;
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const type = await this.creditTypeOf(m, daoId, request.creditType);
        const account = await this.ledger.account(m, daoId, CreditAccountKind.CONTRIBUTOR, contributor);
        const spendAccount = await this.ledger.account(m, daoId, CreditAccountKind.SPEND, service);
        await this.ledger.lockBalance(m, account.id, type.id);
        const lots = await this.take(m, account, type, request.amount);
        const holdId = await this.ledger.insertHold(
          m,
          {
            daoId,
            clientKey,
            bodyHash: body,
            accountId: account.id,
            spendAccountId: spendAccount.id,
            creditTypeId: type.id,
            amount: request.amount,
            reference: referenceOf(request.reference),
            expiresAt: new Date(Date.now() + request.timeoutSeconds * 1000),
          },
          lots,
        );
        await this.ledger.addHeld(m, account.id, type.id, request.amount);
        return holdId;
      });
      return (await this.ledger.hold(this.dataSource.manager, id))!;
    } catch (error) {
      if (violates(error, 'credit_hold_dao_client_key_key')) {
        const twin = await replay();
        if (twin !== undefined) return twin;
      }
      throw error;
    }
  }

  /**
   * Captures `amount` of an active hold (a CAPTURE transfer to the hold's spend account, from the
   * lots it reserved in priority order); the rest goes back to the contributor's grants.
   */
  async capture(daoId: string, request: CaptureRequest): Promise<CreditHold> {
    positive('amount', request.amount);
    const body = bodyHash({ op: 'capture', hold: request.holdId, amount: request.amount });
    const transfer = await this.once(daoId, clientKeyOf(request.clientKey), body, undefined, async (m) => {
      const hold = await this.lockActiveHold(m, daoId, request.holdId);
      if (request.amount > hold.amount)
        throw new CreditsError(
          CreditsErrorCode.HOLD_EXCEEDED,
          `Cannot capture ${request.amount}: the hold reserves ${hold.amount}`,
          { hold: hold.id, amount: request.amount.toString(), held: hold.amount.toString() },
        );
      const reserved = await this.ledger.holdLots(m, hold.id);
      const used = takeFromLots(reserved, request.amount)!;
      // Released first: the balance row's CHECK (balance ≥ held) holds after every statement.
      await this.release(m, hold, reserved, used);
      const id = await this.post(
        m,
        {
          daoId,
          kind: CreditTransferKind.CAPTURE,
          clientKey: request.clientKey,
          bodyHash: body,
          reference: hold.reference,
        },
        [
          { accountId: hold.accountId, creditTypeId: hold.creditTypeId, amount: -request.amount },
          { accountId: hold.spendAccountId, creditTypeId: hold.creditTypeId, amount: request.amount },
        ],
      );
      await this.ledger.recordUses(m, id, used);
      await this.ledger.closeHold(m, hold.id, {
        status: CreditHoldStatus.CAPTURED,
        captured: request.amount,
        captureTransferId: id,
      });
      return id;
    });
    const hold = await this.ledger.holdByCapture(this.dataSource.manager, transfer.id);
    return hold!;
  }

  /** Voids an active hold: what it reserved goes back to the contributor's grants. Voiding twice is a no-op. */
  async voidHold(daoId: string, holdId: string): Promise<CreditHold> {
    await this.dataSource.transaction(async (m) => {
      const current = await this.holdOfDao(m, daoId, holdId);
      if (current.status === CreditHoldStatus.VOIDED) return;
      const hold = await this.lockActiveHold(m, daoId, holdId);
      await this.release(m, hold, await this.ledger.holdLots(m, hold.id), []);
      await this.ledger.closeHold(m, hold.id, { status: CreditHoldStatus.VOIDED });
    });
    return this.holdOfDao(this.dataSource.manager, daoId, holdId);
  }

  /** Worker: voids (EXPIRED) the active holds timed out at `at`; returns how many. */
  async expireHolds(at = new Date()): Promise<number> {
    const due = await this.ledger.timedOutHolds(this.dataSource.manager, at, SWEEP_BATCH);
    let expired = 0;
    for (const { id, accountId, creditTypeId } of due) {
      expired += await this.dataSource.transaction(async (m) => {
        await this.ledger.lockBalance(m, accountId, creditTypeId);
        const hold = (await this.ledger.hold(m, id, true))!;
        if (hold.status !== CreditHoldStatus.ACTIVE) return 0;
        await this.release(m, hold, await this.ledger.holdLots(m, hold.id), []);
        await this.ledger.closeHold(m, hold.id, { status: CreditHoldStatus.EXPIRED });
        return 1;
      });
    }
    return expired;
  }

  /**
   * Worker: moves the remainder of each grant expired at `at` to the DAO's expiry account with an
   * EXPIRY transfer (what holds reserved stays with them; released later, it expires on a later
   * pass). Returns how many grants it expired.
   */
  async expireGrants(at = new Date()): Promise<number> {
    const due = await this.ledger.expiredGrants(this.dataSource.manager, at, SWEEP_BATCH);
    let expired = 0;
    for (const { id, accountId, creditTypeId } of due) {
      expired += await this.dataSource.transaction(async (m) => {
        await this.ledger.lockBalance(m, accountId, creditTypeId);
        const grant = (await this.ledger.grant(m, id))!;
        if (grant.remaining === 0n) return 0;
        const daoId = await this.ledger.daoOfGrant(m, id);
        const sink = await this.ledger.account(m, daoId, CreditAccountKind.EXPIRY, '');
        const clientKey = `expiry:${id}:${await this.ledger.expiryCount(m, id)}`;
        const uses = [{ grantId: id, amount: grant.remaining }];
        const transferId = await this.post(
          m,
          {
            daoId,
            kind: CreditTransferKind.EXPIRY,
            clientKey,
            bodyHash: bodyHash({ op: 'expiry', grant: id, amount: grant.remaining }),
            reference: id,
          },
          [
            { accountId, creditTypeId, amount: -grant.remaining },
            { accountId: sink.id, creditTypeId, amount: grant.remaining },
          ],
        );
        await this.ledger.moveRemaining(m, uses, -1n);
        await this.ledger.recordUses(m, transferId, uses);
        return 1;
      });
    }
    return expired;
  }

  /**
   * Runs `write` (which returns the transfer it wrote) once per client key of the DAO: a replay
   * with the same body gets the first transfer, with another body IDEMPOTENCY_KEY_REUSED. Two
   * concurrent requests with one key: the second fails on the unique key and replays the first.
   */
  private async once(
    daoId: string,
    clientKey: string,
    body: string,
    manager: EntityManager | undefined,
    write: (manager: EntityManager) => Promise<string>,
  ): Promise<CreditTransfer> {
    const replay = async (m: EntityManager): Promise<CreditTransfer | undefined> => {
      const first = await this.ledger.transferByKey(m, daoId, clientKey);
      if (first === null) return undefined;
      this.sameBody(clientKey, first.bodyHash, body);
      return this.ledger.transfer(m, first.id);
    };
    if (manager !== undefined) {
      return (await replay(manager)) ?? this.ledger.transfer(manager, await write(manager));
    }
    const first = await replay(this.dataSource.manager);
    if (first !== undefined) return first;
    try {
      const id = await this.dataSource.transaction(write);
      return await this.ledger.transfer(this.dataSource.manager, id);
    } catch (error) {
      if (violates(error, 'credit_transfer_dao_client_key_key')) {
        const twin = await replay(this.dataSource.manager);
        if (twin !== undefined) return twin;
      }
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'credit_transfer_balanced'
      )
        throw new CreditsError(CreditsErrorCode.UNBALANCED, error.message, {}, { cause: error });
      throw error;
    }
  }

  /** Writes a transfer after checking it balances (the database checks again at commit). */
  private post(
    m: EntityManager,
    transfer: Parameters<CreditLedger['post']>[1],
    postings: readonly CreditPosting[],
  ): Promise<string> {
    assertBalanced(postings);
    return this.ledger.post(m, transfer, postings);
  }

  private sameBody(clientKey: string, stored: string, body: string): void {
    if (stored.trim() !== body)
      throw new CreditsError(
        CreditsErrorCode.IDEMPOTENCY_KEY_REUSED,
        `Client key "${clientKey}" was used before with another request: nothing written`,
        { clientKey },
      );
  }

  /**
   * Takes `amount` from the account's spendable lots (its balance row locked), in priority
   * order; INSUFFICIENT_CREDITS when they hold less.
   */
  private async take(
    m: EntityManager,
    account: CreditAccount,
    type: CreditType,
    amount: bigint,
  ): Promise<Array<{ grantId: string; amount: bigint }>> {
    const lots = await this.ledger.spendableLots(m, account.id, type.id, new Date());
    const taken = takeFromLots(lots, amount);
    if (taken === undefined) {
      const available = lots.reduce((sum, lot) => sum + lot.remaining, 0n);
      throw new CreditsError(
        CreditsErrorCode.INSUFFICIENT_CREDITS,
        `${account.owner} has ${available} ${type.code} available, not ${amount}`,
        {
          contributor: account.owner,
          creditType: type.code,
          available: available.toString(),
          amount: amount.toString(),
        },
      );
    }
    await this.ledger.moveRemaining(m, taken, -1n);
    return taken;
  }

  /** Gives back what a hold reserved and `used` did not take, and lowers the account's held amount. */
  private async release(
    m: EntityManager,
    hold: CreditHold,
    reserved: ReadonlyArray<{ grantId: string; remaining: bigint }>,
    used: ReadonlyArray<{ grantId: string; amount: bigint }>,
  ): Promise<void> {
    const usedOf = new Map(used.map((use) => [use.grantId, use.amount]));
    const rest = reserved
      .map((lot) => ({ grantId: lot.grantId, amount: lot.remaining - (usedOf.get(lot.grantId) ?? 0n) }))
      .filter((lot) => lot.amount > 0n);
    await this.ledger.moveRemaining(m, rest, 1n);
    await this.ledger.addHeld(m, hold.accountId, hold.creditTypeId, -hold.amount);
  }

  /** Locks the hold's balance row, then the hold; it must be active and not timed out. */
  private async lockActiveHold(m: EntityManager, daoId: string, holdId: string): Promise<CreditHold> {
    const found = await this.holdOfDao(m, daoId, holdId);
    await this.ledger.lockBalance(m, found.accountId, found.creditTypeId);
    const hold = (await this.ledger.hold(m, holdId, true))!;
    if (
      hold.status === CreditHoldStatus.EXPIRED ||
      (hold.status === CreditHoldStatus.ACTIVE && hold.expiresAt.getTime() <= Date.now())
    )
      throw new CreditsError(
        CreditsErrorCode.HOLD_EXPIRED,
        `Hold ${holdId} timed out at ${hold.expiresAt.toISOString()}`,
        {
          hold: holdId,
        },
      );
    if (hold.status !== CreditHoldStatus.ACTIVE)
      throw new CreditsError(
        CreditsErrorCode.HOLD_NOT_ACTIVE,
        `Hold ${holdId} is ${hold.status.toLowerCase()} already`,
        {
          hold: holdId,
          status: hold.status,
        },
      );
    return hold;
  }

  private async holdOfDao(m: EntityManager, daoId: string, holdId: string): Promise<CreditHold> {
    const hold = /^[0-9a-f-]{36}$/i.test(holdId) ? await this.ledger.hold(m, holdId) : null;
    if (hold === null)
      throw new CreditsError(CreditsErrorCode.HOLD_NOT_FOUND, `No hold ${holdId}`, { hold: holdId });
    if (hold.daoId !== daoId)
      throw new CreditsError(CreditsErrorCode.WRONG_DAO, `Hold ${holdId} belongs to another DAO`, {
        hold: holdId,
      });
    return hold;
  }

  private async creditTypeOf(m: EntityManager, daoId: string, code: string): Promise<CreditType> {
    const type = await this.ledger.creditType(m, daoId, code);
    if (type === null)
      throw new CreditsError(CreditsErrorCode.UNKNOWN_CREDIT_TYPE, `The DAO has no credit type "${code}"`, {
        code,
      });
    return type;
  }

  private contributorAccount(daoId: string, contributor: Address): Promise<CreditAccount | null> {
    return this.ledger.findAccount(
      this.dataSource.manager,
      daoId,
      CreditAccountKind.CONTRIBUTOR,
      checksumAddress(contributor),
    );
  }
}
