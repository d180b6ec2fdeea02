import { Option, type Command } from 'commander';
import * as arg from '../args.js';
import { examples, signingOptions } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';
import { ATTESTATION_KINDS } from './contributions.command.js';
import type * as impl from './admin.js';

const VOTE_TYPES = ['basic', 'single-choice', 'approval', 'weighted', 'quadratic', 'ranked-choice'] as const;
const voteTypeList = (value: string, previous: Array<(typeof VOTE_TYPES)[number]> | undefined) => {
  const types = value.split(',').map((type) => type.trim().toLowerCase());
  const unknown = types.find((type) => !(VOTE_TYPES as readonly string[]).includes(type));
  if (unknown !== undefined) arg.oneOf(VOTE_TYPES)(unknown); // throws, listing the vote types
  return [...(previous ?? []), ...(types as Array<(typeof VOTE_TYPES)[number]>)];
};

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();
const required = <T>(flags: string, description: string, parse: (value: string, previous: T) => T) =>
  new Option(flags, description).argParser(parse).makeOptionMandatory();

/** Admins' `dao create`, `reviewers set`, `round create|finalize|show` and `revenue record`. */
export function registerAdmin(program: Command, globals: () => GlobalOptions): void {
  const dao = program.command('dao').description('Admins: DAOs');
  signingOptions(
    dao
      .command('create')
      .description(
        'Sign and create a DAO bound to a governance token and a Safe; the signer becomes its admin',
      )
      .addOption(required('--dao <slug>', 'the new DAO slug (3-40 of a-z, 0-9, -)', arg.slug))
      .addOption(required('--name <text>', 'its display name', arg.text))
      .addOption(required('--token <address>', 'the ERC20Votes governance token', arg.address))
      .addOption(
        required('--safe <address>', 'the Safe that holds the treasury and executes proposals', arg.address),
      )
      .addOption(
        new Option('--voting-delay <duration>', 'from creation to the vote')
          .default(0)
          .argParser(arg.duration),
      )
      .addOption(
        new Option('--voting-period <duration>', 'how long votes are open')
          .default(604_800, '7d')
          .argParser(arg.duration),
      )
      .addOption(
        new Option('--proposal-threshold <amount>', 'voting power needed to propose, base units')
          .default(1n, '1')
          .argParser(arg.amount),
      )
      .addOption(
        new Option('--quorum-kind <kind>', 'ABSOLUTE (base units) or SUPPLY_BPS (of the total supply)')
          .default('SUPPLY_BPS')
          .argParser(arg.oneOf(['ABSOLUTE', 'SUPPLY_BPS'] as const)),
      )
      .addOption(
        new Option('--quorum <n>', 'the quorum, in --quorum-kind units')
          .default(400n, '400')
          .argParser(arg.amount),
      )
      .addOption(
        new Option(
          '--supermajority-bps <bps>',
          'For share needed to pass, of For + Against (0: simple majority)',
        )
          .default(0)
          .argParser(arg.bps),
      )
      .addOption(
        new Option('--vote-type <types>', `allowed vote types, comma-separated: ${VOTE_TYPES.join(', ')}`)
          .default(['basic'], 'basic')
          .argParser(voteTypeList),
      )
      .option('--no-vote-change', 'a vote is final (default: a later vote replaces an earlier one)')
      .addHelpText(
        'after',
        examples([
          '$ guildhall dao create --dao model-works --name "Model Works" \\',
          '    --token 0x5FbDB2315678afecb367f032d93F642f64180aa3 --safe 0x… --voting-period 3d \\',
          '    --quorum-kind ABSOLUTE --quorum 1000000000000000000000 --vote-type basic,single-choice',
        ]),
      ),
  ).action(async (options: impl.CreateDaoOptions) => {
    const { createDao } = await import('./admin.js');
    process.exitCode = await createDao(globals(), options);
  });

  const reviewers = program.command('reviewers').description("Admins: a DAO's reviewers");
  signingOptions(
    reviewers
      .command('set')
      .description("Replace a DAO's reviewers with the addresses given")
      .argument('<address...>', 'the reviewers', arg.collect(arg.address))
      .addOption(daoOption())
      .addHelpText(
        'after',
        examples([
          '$ guildhall reviewers set --dao model-works 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 \\',
          '    0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
        ]),
      ),
  ).action(
    async (
      addresses: Parameters<typeof impl.setReviewers>[1],
      options: Parameters<typeof impl.setReviewers>[2],
    ) => {
      const { setReviewers } = await import('./admin.js');
      process.exitCode = await setReviewers(globals(), addresses, options);
    },
  );

  const round = program.command('round').description('Admins: reward rounds');
  signingOptions(
    round
      .command('create')
      .description(
        'Sign and create a reward round: a budget split into pools by kind of work, scored by reviews',
      )
      .addOption(daoOption())
      .addOption(required('--name <text>', 'the round name', arg.text))
      .addOption(required('--token <address>', 'the ERC-20 paid out (held by the Safe)', arg.address))
      .addOption(required('--budget <amount>', 'the budget, base units of --token', arg.amount))
      .addOption(
        new Option(
          '--opens <time>',
          'submissions open: now, +2h, unix seconds, ISO 8601 (default: now)',
        ).argParser(arg.time),
      )
      .addOption(required('--closes <time>', 'submissions close', arg.time))
      .addOption(
        required('--review-deadline <time>', 'reviews close; the round can then be finalized', arg.time),
      )
      .addOption(
        required(
          '--pool <kind=bps[:floor]>',
          `a pool: a kind of work (${ATTESTATION_KINDS.join(', ')}) and its share of the budget, optionally a floor (repeatable; shares add up to 10000)`,
          arg.collect(arg.pool(ATTESTATION_KINDS)),
        ),
      )
      .addOption(
        new Option('--engine <engine>', 'YUMA, MEAN or MEDIAN')
          .default('YUMA')
          .argParser(arg.oneOf(['YUMA', 'MEAN', 'MEDIAN'] as const)),
      )
      .addOption(
        new Option('--kappa <fraction>', 'Yuma consensus majority (default 0.5)').argParser(arg.fraction),
      )
      .addOption(
        new Option('--bonds-penalty <fraction>', 'Yuma bonds penalty (default 1)').argParser(arg.fraction),
      )
      .addOption(
        new Option('--reviewer-share-bps <bps>', "reviewers' share (default 1000)").argParser(arg.bps),
      )
      .addOption(
        new Option(
          '--contributor-cap-bps <bps>',
          'at most this share per contributor (default: no cap)',
        ).argParser(arg.bps),
      )
      .addOption(
        new Option('--min-payout <amount>', 'smaller allocations are not paid (default 0)').argParser(
          arg.amount,
        ),
      )
      .addOption(
        new Option('--min-reviews <n>', 'reviews an attestation needs (default 1)').argParser(
          arg.integer(1, 100),
        ),
      )
      .addOption(
        new Option('--acceptance-score <0-100>', 'score to be accepted (default 50)').argParser(
          arg.integer(0, 100),
        ),
      )
      .addOption(
        new Option('--snapshot-block <n>', 'stake at this block (default: the latest)').argParser(arg.amount),
      )
      .addOption(
        new Option(
          '--vesting-duration <duration>',
          'vest payouts over this long (default: paid at once)',
        ).argParser(arg.duration),
      )
      .addOption(
        new Option('--vesting-cliff <duration>', 'nothing unlocks before this').argParser(arg.duration),
      )
      .addOption(
        new Option(
          '--vesting-interval <duration>',
          'one tranche per interval (default: the duration)',
        ).argParser(arg.duration),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall round create --dao model-works --name "June" --token 0x… --budget 1000000000 \\',
          '    --closes +14d --review-deadline +21d \\',
          '    --pool FINE_TUNING=5000 --pool SAFETY_EVALUATION=2500:2500 --pool RED_TEAMING=2500',
        ]),
      ),
  ).action(async (options: impl.CreateRoundOptions) => {
    const { createRound } = await import('./admin.js');
    process.exitCode = await createRound(globals(), options);
  });

  signingOptions(
    round
      .command('finalize')
      .description('Sign and finalize a round after its review deadline: score, allocate, publish')
      .argument('<id>', 'the round id', arg.id)
      .addOption(daoOption())
      .addHelpText('after', examples(['$ guildhall round finalize 3 --dao model-works'])),
  ).action(async (id: string, options: Parameters<typeof impl.finalizeRound>[2]) => {
    const { finalizeRound } = await import('./admin.js');
    process.exitCode = await finalizeRound(globals(), id, options);
  });

  round
    .command('show')
    .description('Show a round, its state and (once finalized) its allocations')
    .argument('<id>', 'the round id', arg.id)
    .addOption(new Option('--first <n>', 'allocations to list').default(50).argParser(arg.integer(1, 100)))
    .addHelpText(
      'after',
      examples(['$ guildhall round show 3', '$ guildhall round show 3 --json | jq .allocations']),
    )
    .action(async (id: string, options: Parameters<typeof impl.showRound>[2]) => {
      const { showRound } = await import('./admin.js');
      process.exitCode = await showRound(globals(), id, options);
    });

  const revenue = program
    .command('revenue')
    .description("Admins: revenue to share with the DAO's token holders");
  signingOptions(
    revenue
      .command('record')
      .description('Sign and record revenue received over a period, with a reference to its evidence')
      .addOption(daoOption())
      .addOption(required('--token <address>', 'the ERC-20 received', arg.address))
      .addOption(required('--amount <amount>', 'base units of --token', arg.amount))
      .addOption(
        required('--period-start <time>', 'start of the period (ISO 8601, unix seconds, -30d)', arg.time),
      )
      .addOption(required('--period-end <time>', 'end of the period', arg.time))
      .addOption(required('--reference <text>', 'an invoice, a transaction hash, a URI', arg.text))
      .addHelpText(
        'after',
        examples([
          '$ guildhall revenue record --dao model-works --token 0x… --amount 250000000 \\',
          '    --period-start 2026-06-01 --period-end 2026-07-01 --reference "inference API, June"',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.recordRevenue>[1]) => {
    const { recordRevenue } = await import('./admin.js');
    process.exitCode = await recordRevenue(globals(), options);
  });
}
