import { InvalidArgumentError, Option, type Command } from 'commander';
import type { SafeTransactionStatus } from '@guildhall/sdk';
import type { Hex } from 'viem';
import * as arg from '../args.js';
import { examples, pageOptions, signingOptions } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';
import type * as impl from './safe.js';

const SAFE_TX_STATUSES = [
  'AWAITING_CONFIRMATIONS',
  'READY',
  'EXECUTING',
  'EXECUTED',
  'FAILED',
  'REPLACED',
] as const satisfies readonly SafeTransactionStatus[];

/** A safeTxHash: 0x and 32 bytes of hex. */
export const safeTxHash = (value: string): Hex =>
  /^0x[0-9a-fA-F]{64}$/.test(value)
    ? (value.toLowerCase() as Hex)
    : (() => {
        throw new InvalidArgumentError('expected a safeTxHash: 0x and 64 hex digits.');
      })();

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();

/** Treasury signers' `safe queue|show|sign|execute|reject`. */
export function registerSafe(program: Command, globals: () => GlobalOptions): void {
  const safe = program
    .command('safe')
    .description("Treasury signers: the DAO Safe's queue, confirmations, execution and rejections");

  pageOptions(
    safe
      .command('queue')
      .description(
        "Show the DAO's Safe (owners, threshold, nonce) and its queued transactions, lowest nonce first; two at one nonce are a CONFLICT",
      )
      .addOption(daoOption())
      .addOption(
        new Option(
          '--status <status>',
          `list the Safe's transactions in this status instead, highest nonce first: ${SAFE_TX_STATUSES.join(', ')}`,
        ).argParser(arg.oneOf(SAFE_TX_STATUSES)),
      )
      .addOption(
        new Option('--token <address>', "also show the Safe's balance of this ERC20 (repeatable)").argParser(
          arg.collect(arg.address),
        ),
      ),
  )
    .addHelpText(
      'after',
      `
--first and --after page the --status list; the queue is shown whole.
${examples([
  '$ guildhall safe queue --dao demo',
  '$ guildhall safe queue --dao demo --token 0x5FbDB2315678afecb367f032d93F642f64180aa3',
  '$ guildhall safe queue --dao demo --status EXECUTED --first 5',
  "$ guildhall safe queue --dao demo --json | jq -r '.queued[] | select(.conflict) | .safeTxHash'",
])}`,
    )
    .action(async (options: impl.QueueOptions) => {
      const { safeQueue } = await import('./safe.js');
      process.exitCode = await safeQueue(globals(), options);
    });

  safe
    .command('show')
    .description(
      'Show a Safe transaction: its fields, decoded actions, confirmations, missing signers, status and origin, and its execTransaction calldata once READY',
    )
    .argument('<safeTxHash>', 'the Safe transaction hash', safeTxHash)
    .addHelpText(
      'after',
      examples([
        '$ guildhall safe show 0x3c1f…9a0e',
        '$ guildhall safe show 0x3c1f…9a0e --json | jq -r .missingSigners[]',
        '$ cast send "$SAFE" "$(guildhall safe show 0x3c1f…9a0e --json | jq -r .execTransactionData)"   # execute it yourself',
      ]),
    )
    .action(async (hash: Hex) => {
      const { safeShow } = await import('./safe.js');
      process.exitCode = await safeShow(globals(), hash);
    });

  signingOptions(
    safe
      .command('sign')
      .description(
        'Sign a Safe transaction as an owner (EIP-712 SafeTx) and submit the confirmation; or, with --round, every open payout transaction of a round after showing their totals',
      )
      .argument('[safeTxHash]', 'the Safe transaction hash (or --round)', safeTxHash)
      .addOption(
        new Option('--round <id>', "sign every open payout transaction of this round's payouts").argParser(
          arg.id,
        ),
      )
      .option('-y, --yes', 'with --round: sign without asking (required when stdin is not a terminal)', false)
      .addHelpText(
        'after',
        `
The transaction's fields are hashed before signing: one whose fields do not hash to its safeTxHash
is refused. A repeated confirmation is harmless.
${examples([
  '$ GUILDHALL_PRIVATE_KEY=0x… guildhall safe sign 0x3c1f…9a0e',
  '$ guildhall safe sign 0x3c1f…9a0e --keystore owner.json --json | jq .status',
  '$ guildhall safe sign --round 3                  # shows the totals, then asks',
  '$ guildhall safe sign --round 3 --yes --json     # in scripts',
])}`,
      ),
  ).action(async (hash: Hex | undefined, options: impl.SignOptions) => {
    const { safeSign } = await import('./safe.js');
    process.exitCode = await safeSign(globals(), hash, options);
  });

  safe
    .command('execute')
    .description(
      "Execute a READY Safe transaction through the API's relay account (exit 1 when it FAILED or was REPLACED)",
    )
    .argument('<safeTxHash>', 'the Safe transaction hash', safeTxHash)
    .option(
      '--wait',
      'wait until it is EXECUTED or FAILED on-chain and print the execution transaction',
      false,
    )
    .addOption(
      new Option('--timeout <duration>', 'with --wait: give up after this long (exit 1)')
        .default(120, '2m')
        .argParser(arg.duration),
    )
    .addHelpText(
      'after',
      `
Needs an API with a relay key (RELAYER_PRIVATE_KEY; guildhall start uses dev account 9 on the
devnet): otherwise [RELAYER_NOT_CONFIGURED], and any owner can send the execTransaction calldata of
guildhall safe show from their own wallet.
${examples([
  '$ guildhall safe execute 0x3c1f…9a0e --wait',
  '$ guildhall safe execute 0x3c1f…9a0e --wait --json | jq -r .executionTxHash',
])}`,
    )
    .action(async (hash: Hex, options: impl.ExecuteOptions) => {
      const { safeExecute } = await import('./safe.js');
      process.exitCode = await safeExecute(globals(), hash, options);
    });

  signingOptions(
    safe
      .command('reject')
      .description(
        'Propose the rejection of a Safe transaction: a no-op at its nonce which, once executed, replaces it',
      )
      .argument('<safeTxHash>', 'the Safe transaction to reject', safeTxHash)
      .addHelpText(
        'after',
        `
Signed (ProposeSafeRejection) by an owner of the DAO's Safe or a DAO admin ([NOT_AN_OWNER] otherwise).
Proposing it again returns the rejection already at that nonce.
${examples([
  '$ GUILDHALL_PRIVATE_KEY=0x… guildhall safe reject 0x3c1f…9a0e',
  '$ guildhall safe sign "$(guildhall safe reject 0x3c1f…9a0e --json | jq -r .safeTxHash)"',
])}`,
      ),
  ).action(async (hash: Hex, options: Parameters<typeof impl.safeReject>[2]) => {
    const { safeReject } = await import('./safe.js');
    process.exitCode = await safeReject(globals(), hash, options);
  });
}
