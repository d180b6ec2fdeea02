import { createInterface } from 'node:readline/promises';
import {
  ConfirmSafeTransactionDocument,
  ExecuteSafeTransactionDocument,
  GuildhallApiError,
  ProposeRoundPayoutsDocument,
  ProposeSafeRejectionDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SafeTxHashMismatchError,
  TreasuryDocument,
  type GuildhallClient,
  type GuildhallSigner,
  type SafeTransactionFieldsFragment,
  type SafeTransactionQuery,
  type SafeTransactionStatus,
} from '@guildhall/sdk';
import { formatTokenAmount, GuildhallError } from '@guildhall/core';
import type { Address, Hex } from 'viem';
import { amountText, erc20Transfer, TokenBook } from '../amounts.js';
import { UsageError } from '../args.js';
import { ExitCode } from '../exit-codes.js';
import {
  colors,
  displayValue,
  printFields,
  printJson,
  printTable,
  shortAddress,
  when,
  type GlobalOptions,
} from '../output.js';
import { Progress } from '../progress.js';
import { apiClient, signingSession, type SigningOptions } from '../session.js';

type SafeTxDetail = SafeTransactionQuery['safeTransaction'];

/** Statuses in which a transaction still takes confirmations. */
const OPEN: readonly SafeTransactionStatus[] = ['AWAITING_CONFIRMATIONS', 'READY'];
/** Statuses after which a transaction never changes. */
const SETTLED: readonly SafeTransactionStatus[] = ['EXECUTED', 'FAILED', 'REPLACED'];

const safeTx = async (client: GuildhallClient, safeTxHash: Hex): Promise<SafeTxDetail> =>
  (await client.request(SafeTransactionDocument, { safeTxHash })).safeTransaction;

// ─── safe queue ──────────────────────────────────────────────────────────────────────────────────

export interface QueueOptions {
  readonly dao: string;
  readonly status?: SafeTransactionStatus;
  readonly token?: readonly Address[];
  readonly first: number;
  readonly after?: string;
}

export async function safeQueue(globals: GlobalOptions, options: QueueOptions): Promise<ExitCode> {
  const client = apiClient(globals);
  if (options.status !== undefined) return listByStatus(globals, client, options);
  if (options.after !== undefined) throw new UsageError('--after: pages the --status list; give --status');

  const progress = new Progress(globals.json);
  progress.start(`Reading the Safe of ${options.dao}`);
  const { treasury, queued } = await (async () => {
    const { treasury } = await client.request(TreasuryDocument, {
      dao: options.dao,
      tokens: [...(options.token ?? [])],
    });
    // The queue's rows carry no confirmations: each one's detail says who signed (queues are short).
    const details = await Promise.all(treasury.queued.map((tx) => safeTx(client, tx.safeTxHash)));
    return { treasury, queued: details };
  })().finally(() => progress.stop());

  const conflicts = conflictingNonces(queued);
  if (globals.json) {
    printJson({
      ...treasury,
      queued: queued.map((tx) => ({ ...tx, conflict: conflicts.has(tx.nonce) })),
      conflicts: [...conflicts],
    });
    return ExitCode.OK;
  }
  printFields([
    ['dao', treasury.dao],
    ['safe', `${treasury.safe} (Safe ${treasury.version})`],
    ['threshold', `${treasury.threshold} of ${treasury.owners.length} owners`],
    ['owners', treasury.owners.join('\n' + ' '.repeat(11))],
    ['nonce', `${treasury.nonce} (the next one the Safe executes)`],
  ]);
  if (treasury.balances.length > 0) {
    process.stdout.write(`\n${colors.bold('Balances')}\n`);
    printTable(
      ['TOKEN', 'BALANCE', 'ADDRESS'],
      treasury.balances.map((b) => [b.symbol, formatTokenAmount(BigInt(b.balance), b.decimals), b.token]),
    );
  }
  const book = new TokenBook(client);
  const summaries = await Promise.all(queued.map((tx) => actionsSummary(tx, book)));
  process.stdout.write(`\n${colors.bold('Queue')} (lowest nonce first)\n`);
  printTable(
    ['NONCE', 'STATUS', 'SIGNED', 'ORIGIN', 'SAFE TX HASH', 'ACTIONS'],
    queued.map((tx, i) => [
      conflicts.has(tx.nonce) ? `${tx.nonce} ${colors.red('CONFLICT')}` : tx.nonce,
      statusText(tx.status),
      `${tx.confirmations.length}/${tx.threshold}`,
      originText(tx.origin),
      tx.safeTxHash,
      summaries[i],
    ]),
  );
  if (conflicts.size > 0)
    process.stdout.write(
      colors.yellow(
        `\nCONFLICT: ${conflicts.size === 1 ? 'one nonce has' : `${conflicts.size} nonces have`} more than one transaction; the first executed replaces the others.\n`,
      ),
    );
  return ExitCode.OK;
}

async function listByStatus(
  globals: GlobalOptions,
  client: GuildhallClient,
  options: QueueOptions,
): Promise<ExitCode> {
  const { safeTransactions } = await client.request(SafeTransactionsDocument, {
    dao: options.dao,
    status: options.status,
    first: options.first,
    after: options.after,
  });
  if (globals.json) {
    printJson(safeTransactions);
    return ExitCode.OK;
  }
  const book = new TokenBook(client);
  const summaries = await Promise.all(safeTransactions.nodes.map((tx) => actionsSummary(tx, book)));
  printTable(
    ['NONCE', 'STATUS', 'ORIGIN', 'SAFE TX HASH', 'EXECUTION TX', 'ACTIONS'],
    safeTransactions.nodes.map((tx, i) => [
      tx.nonce,
      statusText(tx.status),
      originText(tx.origin),
      tx.safeTxHash,
      tx.executionTxHash ?? '-',
      summaries[i],
    ]),
  );
  if (safeTransactions.pageInfo.hasNextPage)
    process.stdout.write(colors.dim(`more: --after ${safeTransactions.pageInfo.endCursor}\n`));
  return ExitCode.OK;
}

/** Nonces at which more than one queued transaction waits. */
export function conflictingNonces(queued: ReadonlyArray<{ nonce: string }>): Set<string> {
  const seen = new Set<string>();
  const conflicts = new Set<string>();
  for (const { nonce } of queued) (seen.has(nonce) ? conflicts : seen).add(nonce);
  return conflicts;
}

// ─── safe show ───────────────────────────────────────────────────────────────────────────────────

export async function safeShow(globals: GlobalOptions, hash: Hex): Promise<ExitCode> {
  const client = apiClient(globals);
  const tx = await safeTx(client, hash);
  if (globals.json) printJson(tx);
  else printSafeTx(tx, await actionLines(tx, new TokenBook(client)));
  return ExitCode.OK;
}

function printSafeTx(tx: SafeTxDetail, actions: readonly string[]): void {
  printFields([
    ['safeTxHash', tx.safeTxHash],
    // What a hardware wallet shows before it signs: keccak256(0x1901 ‖ domainHash ‖ messageHash).
    ['domainHash', tx.domainHash],
    ['messageHash', tx.messageHash],
    ['status', tx.statusReason ? `${statusText(tx.status)} (${tx.statusReason})` : statusText(tx.status)],
    ['origin', originText(tx.origin)],
    ['dao', tx.dao],
    ['safe', `${tx.safe} (chain ${tx.chainId})`],
    ['nonce', tx.nonce],
    ['to', tx.to],
    ['value', tx.value],
    ['operation', tx.operation === 1 ? '1 (delegatecall)' : '0 (call)'],
    ['data', tx.data],
    ['safeTxGas', tx.safeTxGas],
    ['baseGas', tx.baseGas],
    ['gasPrice', tx.gasPrice],
    ['gasToken', tx.gasToken],
    ['refundReceiver', tx.refundReceiver],
    ['estimatedGas', tx.estimatedGas ?? '-'],
    ['created', when(tx.createdAt)],
    ['executionTx', tx.executionTxHash ?? '-'],
    ['executionBlock', tx.executionBlock ?? '-'],
  ]);
  process.stdout.write(`\n${colors.bold('Actions')} (${tx.actions.length})\n`);
  actions.forEach((action, i) => process.stdout.write(`  ${i + 1}. ${action}\n`));
  process.stdout.write(
    `\n${colors.bold('Confirmations')} (${tx.confirmations.length} of ${tx.threshold} needed)\n`,
  );
  printTable(
    ['OWNER', 'TYPE', 'SUBMITTED'],
    tx.confirmations.map((c) => [c.owner, c.signatureType, when(c.submittedAt)]),
  );
  process.stdout.write(`\n${colors.bold('Missing signers')}\n`);
  if (tx.missingSigners.length === 0) process.stdout.write(`${colors.dim('(none)')}\n`);
  for (const owner of tx.missingSigners) process.stdout.write(`  ${owner}\n`);
  if (tx.execTransactionData !== null) {
    process.stdout.write(
      `\n${colors.bold('execTransaction')} ${colors.dim(`(send to ${tx.safe}, value 0, from any account; or guildhall safe execute)`)}\n${tx.execTransactionData}\n`,
    );
  }
}

// ─── safe sign ───────────────────────────────────────────────────────────────────────────────────

export interface SignOptions extends SigningOptions {
  readonly round?: string;
  readonly yes: boolean;
}

export async function safeSign(
  globals: GlobalOptions,
  hash: Hex | undefined,
  options: SignOptions,
): Promise<ExitCode> {
  if (hash !== undefined && options.round !== undefined)
    throw new UsageError('--round: give a safeTxHash or --round ID, not both');
  if (hash === undefined && options.round === undefined)
    throw new UsageError('safeTxHash: give the hash of the transaction to sign, or --round ID');
  if (options.round !== undefined) return signRound(globals, options.round, options);

  const { client, signer } = await signingSession(globals, options);
  const confirmed = await confirm(client, signer, await safeTx(client, hash!));
  if (globals.json) printJson(confirmed);
  else {
    process.stdout.write(`${colors.green('✔')} Confirmed ${confirmed.safeTxHash} as ${signer.address}\n`);
    printFields([
      ['status', statusText(confirmed.status)],
      ['nonce', confirmed.nonce],
      ['missing signers', confirmed.missingSigners.join(', ') || 'none'],
    ]);
    if (confirmed.status === 'READY')
      process.stdout.write(colors.dim(`\nready: guildhall safe execute ${confirmed.safeTxHash} --wait\n`));
  }
  return ExitCode.OK;
}

/** A transaction the signer refuses to sign: its fields do not hash to its safeTxHash. */
class RefusedToSign extends GuildhallError<'SAFE_TX_HASH_MISMATCH'> {
  readonly category = 'BAD_INPUT';
}

async function confirm(client: GuildhallClient, signer: GuildhallSigner, tx: SafeTransactionFieldsFragment) {
  let signature: Hex;
  try {
    signature = await signer.signSafeTransaction(tx);
  } catch (error) {
    // The SDK hashes the fields first; a mismatch is the API's answer or a wrong --chain-id.
    if (error instanceof SafeTxHashMismatchError)
      throw new RefusedToSign(
        error.code,
        `${error.message} (the transaction is on chain ${tx.chainId}: is --chain-id right?)`,
      );
    throw error;
  }
  return (await client.request(ConfirmSafeTransactionDocument, { safeTxHash: tx.safeTxHash, signature }))
    .confirmSafeTransaction;
}

/** One token's total over a round's payout transactions. */
export interface TokenTotal {
  readonly token: Address;
  readonly symbol: string | null;
  readonly decimals: number | null;
  /** Base units. */
  readonly amount: bigint;
}

/**
 * The ERC20 transfers of payout transactions, summed per token (the payout's MultiSend batches
 * decoded into one action per transfer). Actions that are not transfers are left out.
 */
export function payoutTotals(transactions: readonly SafeTransactionFieldsFragment[]): {
  transfers: number;
  amounts: Map<Address, bigint>;
} {
  const amounts = new Map<Address, bigint>();
  let transfers = 0;
  for (const tx of transactions)
    for (const action of tx.actions) {
      const transfer = erc20Transfer(action);
      if (transfer === undefined) continue;
      transfers += 1;
      amounts.set(transfer.token, (amounts.get(transfer.token) ?? 0n) + transfer.amount);
    }
  return { transfers, amounts };
}

async function signRound(globals: GlobalOptions, round: string, options: SignOptions): Promise<ExitCode> {
  const interactive = process.stdin.isTTY === true;
  if (!options.yes && !interactive)
    throw new UsageError('--yes: stdin is not a terminal to confirm signing a round; give --yes');
  const { client, signer } = await signingSession(globals, options);

  const progress = new Progress(globals.json);
  progress.start(`Reading the payout transactions of round ${round}`);
  const { open, totals } = await (async () => {
    const { proposeRoundPayouts } = await client.request(ProposeRoundPayoutsDocument, { round });
    const open = proposeRoundPayouts.filter((tx) => OPEN.includes(tx.status));
    const { transfers, amounts } = payoutTotals(open);
    const book = new TokenBook(client);
    const tokens: TokenTotal[] = await Promise.all(
      [...amounts].map(async ([token, amount]) => {
        const info = await book.info(token);
        return { token, symbol: info?.symbol ?? null, decimals: info?.decimals ?? null, amount };
      }),
    );
    return { open, totals: { transactions: open.length, transfers, tokens } };
  })().finally(() => progress.stop());

  if (open.length === 0) {
    if (globals.json) printJson({ round, signer: signer.address, totals, confirmed: [] });
    else process.stdout.write(`Round ${round} has no payout transaction waiting for confirmations.\n`);
    return ExitCode.OK;
  }
  if (!globals.json || interactive) printTotals(round, totals, globals.json);
  if (!options.yes && !(await ask(`Sign ${open.length} Safe transaction(s) as ${signer.address}? [y/N] `))) {
    process.stderr.write('guildhall: nothing signed\n');
    return ExitCode.FAILURE;
  }

  const confirmed: Array<Awaited<ReturnType<typeof confirm>>> = [];
  progress.start(`Signing ${open.length} payout transaction(s)`);
  try {
    for (const tx of open) {
      progress.update(`Signing ${confirmed.length + 1}/${open.length}: nonce ${tx.nonce} ${tx.safeTxHash}`);
      confirmed.push(await confirm(client, signer, tx));
    }
  } catch (error) {
    progress.fail(
      `Signed ${confirmed.length} of ${open.length}; stopped at the next (signing again is harmless)`,
    );
    throw error;
  }
  progress.succeed(`Signed ${confirmed.length} payout transaction(s) of round ${round} as ${signer.address}`);

  if (globals.json) printJson({ round, signer: signer.address, totals, confirmed });
  else {
    printTable(
      ['NONCE', 'SAFE TX HASH', 'STATUS', 'MISSING SIGNERS'],
      confirmed.map((tx) => [tx.nonce, tx.safeTxHash, statusText(tx.status), missingText(tx.missingSigners)]),
    );
    const ready = confirmed.filter((tx) => tx.status === 'READY');
    if (ready.length > 0)
      process.stdout.write(
        colors.dim(
          `\nready: ${ready.map((tx) => `guildhall safe execute ${tx.safeTxHash} --wait`).join('\n       ')}\n`,
        ),
      );
  }
  return ExitCode.OK;
}

/** The totals before signing; on stderr with --json (stdout then holds only the JSON). */
export function printTotals(
  round: string,
  totals: { transactions: number; transfers: number; tokens: readonly TokenTotal[] },
  toStderr: boolean,
): void {
  const write = (text: string) => (toStderr ? process.stderr : process.stdout).write(text);
  write(
    `${colors.bold(`Round ${round}`)}: ${totals.transactions} payout transaction(s), ${totals.transfers} transfer(s)\n`,
  );
  // Also printed (to stderr) before an interactive --json signing, whose answers are exact: a token's
  // symbol is whatever its contract says.
  for (const t of displayValue(totals.tokens))
    write(
      `  ${t.symbol === null || t.decimals === null ? amountText(t.amount, null, t.token) : `${amountText(t.amount, { symbol: t.symbol, decimals: t.decimals }, t.token)}  ${colors.dim(t.token)}`}\n`,
    );
}

async function ask(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

// ─── safe execute ────────────────────────────────────────────────────────────────────────────────

export interface ExecuteOptions {
  readonly wait: boolean;
  /** Seconds. */
  readonly timeout: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function safeExecute(
  globals: GlobalOptions,
  hash: Hex,
  options: ExecuteOptions,
): Promise<ExitCode> {
  const client = apiClient(globals);
  const progress = new Progress(globals.json);
  progress.start(`Relaying ${hash}`);
  let tx: SafeTransactionFieldsFragment;
  try {
    tx = (await client.request(ExecuteSafeTransactionDocument, { safeTxHash: hash })).executeSafeTransaction;
    if (options.wait) {
      const deadline = Date.now() + options.timeout * 1000;
      while (!SETTLED.includes(tx.status)) {
        if (Date.now() > deadline) {
          progress.fail(`Still ${tx.status} after ${options.timeout} s`);
          process.stderr.write(
            `guildhall: timed out waiting for ${hash} to execute (status ${tx.status}); guildhall safe show ${hash} follows it\n`,
          );
          return ExitCode.FAILURE;
        }
        progress.update(
          `Waiting for ${hash} to be indexed: ${tx.status}${tx.executionTxHash ? ` (${tx.executionTxHash})` : ''}`,
        );
        await sleep(500);
        tx = await poll(client, hash, deadline);
      }
    }
  } finally {
    progress.stop();
  }

  if (globals.json) printJson(tx);
  else
    printFields([
      ['safeTxHash', tx.safeTxHash],
      ['status', tx.statusReason ? `${statusText(tx.status)} (${tx.statusReason})` : statusText(tx.status)],
      ['executionTx', tx.executionTxHash ?? '-'],
      ...(tx.executionBlock ? [['block', tx.executionBlock] as const] : []),
    ]);
  if (tx.status === 'FAILED' || tx.status === 'REPLACED') {
    process.stderr.write(
      `guildhall: ${hash} is ${tx.status}${tx.statusReason ? `: ${tx.statusReason}` : ''}\n`,
    );
    return ExitCode.FAILURE;
  }
  return ExitCode.OK;
}

/**
 * The transaction's current state while waiting: the execution is already sent, so a failed read
 * is retried (up to 5 in a row, within the deadline) rather than ending the wait.
 */
async function poll(
  client: GuildhallClient,
  hash: Hex,
  deadline: number,
): Promise<SafeTransactionFieldsFragment> {
  for (let failures = 0; ; failures += 1) {
    try {
      return await safeTx(client, hash);
    } catch (error) {
      if (!(error instanceof GuildhallApiError) || failures >= 4 || Date.now() > deadline) throw error;
      if (error.code === 'SAFE_TX_NOT_FOUND') throw error;
      await sleep(1_000);
    }
  }
}

// ─── safe reject ─────────────────────────────────────────────────────────────────────────────────

export async function safeReject(
  globals: GlobalOptions,
  hash: Hex,
  options: SigningOptions,
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { dao } = await safeTx(client, hash);
  const { proposeSafeRejection: rejection } = await client.request(
    ProposeSafeRejectionDocument,
    await signer.proposeSafeRejection({ dao, safeTxHash: hash }),
  );
  if (globals.json) printJson(rejection);
  else {
    process.stdout.write(
      `${colors.green('✔')} Rejection of ${hash} proposed at nonce ${rejection.nonce}: ${colors.bold(rejection.safeTxHash)}\n`,
    );
    process.stdout.write(
      colors.dim(
        `owners sign it with: guildhall safe sign ${rejection.safeTxHash}\nonce executed, it replaces every other transaction at nonce ${rejection.nonce}\n`,
      ),
    );
  }
  return ExitCode.OK;
}

// ─── formatting ──────────────────────────────────────────────────────────────────────────────────

function statusText(status: SafeTransactionStatus): string {
  switch (status) {
    case 'READY':
    case 'EXECUTED':
      return colors.green(status);
    case 'FAILED':
    case 'REPLACED':
      return colors.red(status);
    default:
      return colors.yellow(status);
  }
}

function originText(origin: SafeTransactionFieldsFragment['origin']): string {
  switch (origin.kind) {
    case 'PROPOSAL':
      return `proposal ${origin.proposal ?? '?'}`;
    case 'PAYOUT':
      return `payout of round ${origin.round ?? '?'}`;
    case 'REVENUE_SHARE':
      return `payout of revenue share ${origin.revenueShare ?? '?'}`;
    case 'BOUNTY':
      return 'payout of accepted bounties';
    case 'REJECTION':
      return 'rejection';
    case 'EXTERNAL':
      return 'executed outside Guildhall';
  }
}

/**
 * Each action as people read it. A payout's lines (a round's, a revenue share's or a bounty's) come from the API
 * (amount, payee, reason); another transaction's ERC-20 transfers (a proposal's actions) are spelled
 * out in the token's units.
 */
async function actionLines(tx: SafeTransactionFieldsFragment, book: TokenBook): Promise<string[]> {
  return Promise.all(
    tx.actions.map((action) =>
      tx.origin.kind === 'PAYOUT' || tx.origin.kind === 'REVENUE_SHARE' || tx.origin.kind === 'BOUNTY'
        ? Promise.resolve(action.humanReadable)
        : book.action(action, action.humanReadable),
    ),
  );
}

async function actionsSummary(tx: SafeTransactionFieldsFragment, book: TokenBook): Promise<string> {
  const [first, ...more] = await actionLines(tx, book);
  if (first === undefined) return '-';
  return more.length === 0 ? first : `${first} (+${more.length} more)`;
}

const missingText = (missing: readonly string[]): string =>
  missing.length === 0 ? 'none' : missing.map(shortAddress).join(', ');
