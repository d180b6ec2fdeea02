import { Option, type Command } from 'commander';
import * as arg from '../args.js';
import { examples, pageOptions, signingOptions } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';
import type * as impl from './bounties.js';

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();
const required = <T>(flags: string, description: string, parse: (value: string, previous: T) => T) =>
  new Option(flags, description).argParser(parse).makeOptionMandatory();
const STATES = ['OPEN', 'ACCEPTED', 'PAYING', 'PAID', 'CANCELLED'] as const;

/** `bounty create|list|show|claim|submit|review|accept|reject|cancel`. */
export function registerBounties(program: Command, globals: () => GlobalOptions): void {
  const bounty = program
    .command('bounty')
    .description('Bounties: admins post and decide, contributors claim and deliver, reviewers score');

  signingOptions(
    bounty
      .command('create')
      .description(
        'Admins: sign and post a bounty; its reward is reserved on the Safe (refused when the Safe cannot cover it besides what the DAO owes)',
      )
      .addOption(daoOption())
      .addOption(required('--title <text>', 'what is to be done', arg.text))
      .option('--description <text>', 'details, acceptance criteria')
      .addOption(required('--token <address>', 'the ERC-20 the reward is paid in', arg.address))
      .addOption(required('--amount <amount>', 'base units of --token', arg.amount))
      .addOption(
        new Option('--kind <kind>', 'the attestation kind a submission must have (default: any)').argParser(
          arg.text,
        ),
      )
      .addOption(
        required('--deadline <time>', 'claims and submissions until then (+14d, ISO 8601)', arg.time),
      )
      .addOption(
        new Option('--max-claimants <n>', 'claims open at once').default(1).argParser(arg.integer(1, 100)),
      )
      .addOption(
        new Option('--claim-ttl <duration>', 'how long a claim lives without a submission')
          .default(7 * 86_400, '7d')
          .argParser(arg.duration),
      )
      .option('--team', 'a submission may credit co-contributors (the reward is split by their bps)', false)
      .addOption(new Option('--min-reviews <n>', 'reviews needed').default(0).argParser(arg.integer(0, 50)))
      .addOption(
        new Option('--acceptance-score <score>', 'the median score needed (0-100)')
          .default(0)
          .argParser(arg.integer(0, 100)),
      )
      .addOption(
        new Option(
          '--reviewer <address>',
          "a reviewer of this bounty (repeatable; default: the DAO's)",
        ).argParser(arg.collect(arg.address)),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall bounty create --dao model-works --title "Red-team the refusal classifier" \\',
          '    --token 0x… --amount 500000000 --kind RED_TEAMING --deadline +14d --claim-ttl 3d \\',
          '    --team --min-reviews 2 --acceptance-score 60',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.createBounty>[1]) => {
    const { createBounty } = await import('./bounties.js');
    process.exitCode = await createBounty(globals(), options);
  });

  pageOptions(
    bounty
      .command('list')
      .description("A DAO's bounties, newest first")
      .addOption(daoOption())
      .addOption(new Option('--state <state>', STATES.join(', ')).argParser(arg.oneOf(STATES)))
      .addHelpText(
        'after',
        examples([
          '$ guildhall bounty list --dao model-works --state OPEN',
          '$ guildhall bounty list --dao model-works --json | jq -r ".nodes[].id"',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.listBounties>[1]) => {
    const { listBounties } = await import('./bounties.js');
    process.exitCode = await listBounties(globals(), options);
  });

  bounty
    .command('show')
    .description('Show a bounty: its terms, claims, reviews (blind until decided) and payouts')
    .argument('<id>', 'the bounty id', arg.id)
    .addHelpText(
      'after',
      examples(['$ guildhall bounty show 3f…', '$ guildhall bounty show 3f… --json | jq .state']),
    )
    .action(async (id: string) => {
      const { showBounty } = await import('./bounties.js');
      process.exitCode = await showBounty(globals(), id);
    });

  signingOptions(
    bounty
      .command('claim')
      .description('Contributors: sign and claim a bounty (one open claim per contributor)')
      .argument('<id>', 'the bounty id', arg.id)
      .addOption(daoOption())
      .addHelpText('after', examples(['$ guildhall bounty claim 3f… --dao model-works'])),
  ).action(async (id: string, options: Parameters<typeof impl.claimBounty>[2]) => {
    const { claimBounty } = await import('./bounties.js');
    process.exitCode = await claimBounty(globals(), id, options);
  });

  signingOptions(
    bounty
      .command('submit')
      .description('Claimants: sign and deliver your attestation of the work (outside any round)')
      .argument('<id>', 'the bounty id', arg.id)
      .addOption(daoOption())
      .addOption(required('--attestation <id>', 'your attestation', arg.id))
      .addHelpText('after', examples(['$ guildhall bounty submit 3f… --dao model-works --attestation 9c…'])),
  ).action(async (id: string, options: Parameters<typeof impl.submitBountyWork>[2]) => {
    const { submitBountyWork } = await import('./bounties.js');
    process.exitCode = await submitBountyWork(globals(), id, options);
  });

  signingOptions(
    bounty
      .command('review')
      .description("Reviewers: sign and score a claim's submission (0-100), blind until decided")
      .argument('<claim>', 'the claim id', arg.id)
      .addOption(daoOption())
      .addOption(required('--score <score>', '0 to 100', arg.integer(0, 100)))
      .option('--comment <text>', 'shown once the work is decided')
      .addHelpText('after', examples(['$ guildhall bounty review 5a… --dao model-works --score 80'])),
  ).action(async (claim: string, options: Parameters<typeof impl.reviewBountyWork>[2]) => {
    const { reviewBountyWork } = await import('./bounties.js');
    process.exitCode = await reviewBountyWork(globals(), claim, options);
  });

  signingOptions(
    bounty
      .command('accept')
      .description("Admins: sign and accept a claim's submission; the payout is due to the Safe at once")
      .argument('<claim>', 'the claim id', arg.id)
      .addOption(daoOption())
      .addHelpText('after', examples(['$ guildhall bounty accept 5a… --dao model-works'])),
  ).action(async (claim: string, options: Parameters<typeof impl.acceptBountyWork>[2]) => {
    const { acceptBountyWork } = await import('./bounties.js');
    process.exitCode = await acceptBountyWork(globals(), claim, options);
  });

  signingOptions(
    bounty
      .command('reject')
      .description("Admins: sign and reject a claim's submission, with a reason; the claim is freed")
      .argument('<claim>', 'the claim id', arg.id)
      .addOption(daoOption())
      .addOption(required('--reason <text>', 'why, public', arg.text))
      .addHelpText(
        'after',
        examples(['$ guildhall bounty reject 5a… --dao model-works --reason "no labels"']),
      ),
  ).action(async (claim: string, options: Parameters<typeof impl.rejectBountyWork>[2]) => {
    const { rejectBountyWork } = await import('./bounties.js');
    process.exitCode = await rejectBountyWork(globals(), claim, options);
  });

  signingOptions(
    bounty
      .command('cancel')
      .description('Admins: sign and cancel a bounty before any acceptance; its reward is released')
      .argument('<id>', 'the bounty id', arg.id)
      .addOption(daoOption())
      .option('--reason <text>', 'why, public')
      .addHelpText(
        'after',
        examples(['$ guildhall bounty cancel 3f… --dao model-works --reason "done in-house"']),
      ),
  ).action(async (id: string, options: Parameters<typeof impl.cancelBounty>[2]) => {
    const { cancelBounty } = await import('./bounties.js');
    process.exitCode = await cancelBounty(globals(), id, options);
  });
}
