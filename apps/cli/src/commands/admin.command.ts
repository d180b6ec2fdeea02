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

/**
 * The voting rules of `dao create` (with their defaults) and of `dao settings` (without: what is
 * not given keeps the DAO's current value). One definition, so both parse them the same way.
 */
function votingOptions(command: Command, mode: 'create' | 'settings'): Command {
  const option = <T>(
    flags: string,
    description: string,
    parse: (value: string, previous: T) => T,
    fallback: readonly [value: unknown, shown?: string],
  ) => {
    const o = new Option(flags, description).argParser(parse);
    return mode === 'create' ? o.default(fallback[0], fallback[1]) : o;
  };
  command
    .addOption(option('--voting-delay <duration>', 'from creation to the vote', arg.duration, [0]))
    .addOption(option('--voting-period <duration>', 'how long votes are open', arg.duration, [604_800, '7d']))
    .addOption(
      option('--proposal-threshold <amount>', 'voting power needed to propose, base units', arg.amount, [
        1n,
        '1',
      ]),
    )
    .addOption(
      option(
        '--quorum-kind <kind>',
        'ABSOLUTE (base units) or SUPPLY_BPS (of the total supply)',
        arg.oneOf(['ABSOLUTE', 'SUPPLY_BPS'] as const),
        ['SUPPLY_BPS'],
      ),
    )
    .addOption(option('--quorum <n>', 'the quorum, in --quorum-kind units', arg.amount, [400n, '400']))
    .addOption(
      option(
        '--supermajority-bps <bps>',
        'For share needed to pass, of For + Against (0: simple majority)',
        arg.bps,
        [0],
      ),
    )
    .addOption(
      option(
        '--vote-type <types>',
        `allowed vote types, comma-separated: ${VOTE_TYPES.join(', ')}`,
        voteTypeList,
        [['basic'], 'basic'],
      ),
    );
  return mode === 'create'
    ? command.option('--no-vote-change', 'a vote is final (default: a later vote replaces an earlier one)')
    : command
        .option('--vote-change', 'a later vote replaces an earlier one')
        .option('--no-vote-change', 'a vote is final');
}

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();
const required = <T>(flags: string, description: string, parse: (value: string, previous: T) => T) =>
  new Option(flags, description).argParser(parse).makeOptionMandatory();

/**
 * Admins' `dao create|settings|admins`, `reviewers set|policy`, `round create|finalize|cancel|show`
 * and `revenue record|share`.
 */
export function registerAdmin(program: Command, globals: () => GlobalOptions): void {
  const dao = program.command('dao').description('Admins: DAOs');
  signingOptions(
    votingOptions(
      dao
        .command('create')
        .description(
          'Sign and create a DAO bound to a governance token and a Safe; the signer becomes its admin',
        )
        .addOption(required('--dao <slug>', 'the new DAO slug (3-40 of a-z, 0-9, -)', arg.slug))
        .addOption(required('--name <text>', 'its display name', arg.text))
        .addOption(required('--token <address>', 'the ERC20Votes governance token', arg.address))
        .addOption(
          required(
            '--safe <address>',
            'the Safe that holds the treasury and executes proposals',
            arg.address,
          ),
        ),
      'create',
    ).addHelpText(
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

  signingOptions(
    votingOptions(
      dao
        .command('settings')
        .description(
          "Sign and change a DAO's name or voting rules; what is not given keeps its current value (existing proposals keep theirs)",
        )
        .addOption(daoOption())
        .addOption(new Option('--name <text>', 'a new display name').argParser(arg.text)),
      'settings',
    ).addHelpText(
      'after',
      examples([
        '$ guildhall dao settings --dao model-works --voting-period 5d --quorum-kind ABSOLUTE \\',
        '    --quorum 2000000000000000000000',
        '$ guildhall dao settings --dao model-works --vote-type basic,approval --no-vote-change --json',
      ]),
    ),
  ).action(async (options: impl.DaoSettingsOptions) => {
    const { updateDaoSettings } = await import('./admin.js');
    process.exitCode = await updateDaoSettings(globals(), options);
  });

  signingOptions(
    dao
      .command('admins')
      .description("Replace a DAO's admins with the addresses given (include yourself to stay one)")
      .addOption(daoOption())
      .addOption(
        required(
          '--admin <address...>',
          'the admins, 1 to 20 (repeatable, or several after one --admin)',
          arg.collect(arg.address),
        ),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall dao admins --dao model-works --admin 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 \\',
          '    --admin 0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.setDaoAdmins>[1]) => {
    const { setDaoAdmins } = await import('./admin.js');
    process.exitCode = await setDaoAdmins(globals(), options);
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

  signingOptions(
    reviewers
      .command('policy')
      .description(
        "Sign and set a DAO's review policy for attestations submitted outside rounds from now on; what is not given keeps its current value",
      )
      .addOption(daoOption())
      .addOption(
        new Option('--min-reviews <n>', 'reviews an attestation needs to be accepted').argParser(
          arg.integer(1, 1_000),
        ),
      )
      .addOption(
        new Option(
          '--acceptance-score <0-100>',
          'the stake-weighted median score an attestation needs to be accepted',
        ).argParser(arg.integer(0, 100)),
      )
      .addOption(
        new Option('--review-period <duration>', 'how long reviews stay open').argParser(arg.duration),
      )
      .addOption(
        new Option(
          '--cosign-window <duration>',
          'how long co-contributors have to co-sign a submission',
        ).argParser(arg.duration),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall reviewers policy --dao model-works --min-reviews 3 --acceptance-score 60',
          '$ guildhall reviewers policy --dao model-works --review-period 10d --cosign-window 2d --json',
        ]),
      ),
  ).action(async (options: impl.ReviewPolicyOptions) => {
    const { setReviewPolicy } = await import('./admin.js');
    process.exitCode = await setReviewPolicy(globals(), options);
  });

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

  signingOptions(
    round
      .command('cancel')
      .description(
        'Sign and cancel a round before it is finalized: nothing is allocated, its undecided attestations are withdrawn',
      )
      .argument('<id>', 'the round id', arg.id)
      .addOption(daoOption())
      .addOption(required('--reason <text>', 'why, public', arg.text))
      .addHelpText(
        'after',
        examples(['$ guildhall round cancel 3 --dao model-works --reason "budget token changed"']),
      ),
  ).action(async (id: string, options: Parameters<typeof impl.cancelRound>[2]) => {
    const { cancelRound } = await import('./admin.js');
    process.exitCode = await cancelRound(globals(), id, options);
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
    .description("Admins: revenue to share with the DAO's token holders or a model's contributors");
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

  signingOptions(
    revenue
      .command('share')
      .description(
        "Sign and share a revenue record (once per record) with the token holders at a snapshot block, or with a model's contributors; the treasury pays it through the Safe",
      )
      .addOption(daoOption())
      .addOption(
        required('--record <id>', 'the revenue record (its id, as revenue record prints it)', arg.id),
      )
      .addOption(
        new Option(
          '--target <target>',
          'HOLDERS (governance-token holders by balance) or CONTRIBUTORS_OF_MODEL (by what they were allocated for --model)',
        )
          .argParser(arg.oneOf(['HOLDERS', 'CONTRIBUTORS_OF_MODEL'] as const))
          .default('HOLDERS'),
      )
      .addOption(
        new Option('--model <name>', 'CONTRIBUTORS_OF_MODEL: the model name attestations give').argParser(
          arg.text,
        ),
      )
      .addOption(
        new Option(
          '--lookback <rounds>',
          "CONTRIBUTORS_OF_MODEL: how many of the DAO's last finalized rounds count",
        ).argParser(arg.integer(1, 100)),
      )
      .addOption(
        new Option(
          '--snapshot-block <n>',
          'HOLDERS: weigh holders by their balance at this block (default: the latest)',
        ).argParser(arg.amount),
      )
      .addOption(
        new Option(
          '--exclude <address>',
          'an address that gets nothing (repeatable; the Safe and the zero address always do)',
        ).argParser(arg.collect(arg.address)),
      )
      .addOption(
        new Option(
          '--min-payout <amount>',
          'base units of the revenue token: smaller allocations are carried over to the next share (default 0)',
        ).argParser(arg.amount),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall revenue share --dao model-works --record 12',
          '$ guildhall revenue share --dao model-works --record 12 --snapshot-block 1840000 \\',
          '    --exclude 0x90F79bf6EB2c4f870365E785982E1f101E93b906 --min-payout 1000000 --json | jq .allocations',
          '$ guildhall revenue share --dao model-works --record 13 --target contributors-of-model \\',
          '    --model guild-7b-instruct --lookback 3',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.shareRevenue>[1]) => {
    const { shareRevenue } = await import('./admin.js');
    process.exitCode = await shareRevenue(globals(), options);
  });
}
