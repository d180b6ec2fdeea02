import { Option, type Command } from 'commander';
import type { ProposalState } from '@guildhall/sdk';
import * as arg from '../args.js';
import { examples, pageOptions, signingOptions } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';
import type * as impl from './governance.js';

const PROPOSAL_STATES = [
  'PENDING',
  'ACTIVE',
  'SUCCEEDED',
  'DEFEATED',
  'QUEUED',
  'EXECUTED',
  'FAILED',
  'EXPIRED',
  'CANCELED',
] as const satisfies readonly ProposalState[];

const VOTE_TYPES = ['basic', 'single-choice', 'approval', 'weighted', 'quadratic', 'ranked-choice'] as const;

const voteType = (value: string): (typeof VOTE_TYPES)[number] =>
  arg
    .oneOf(VOTE_TYPES.map((t) => t.toUpperCase().replace('-', '_')))(value)
    .toLowerCase()
    .replace('_', '-') as (typeof VOTE_TYPES)[number];

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();

/** Voters' `proposal`, `vote` and `power`, and everyone's `export`. */
export function registerGovernance(program: Command, globals: () => GlobalOptions): void {
  const proposal = program.command('proposal').description('Voters: proposals and their results');

  pageOptions(
    proposal
      .command('list')
      .description("List a DAO's proposals, newest first")
      .addOption(daoOption())
      .addOption(
        new Option('--state <state>', PROPOSAL_STATES.join(', ')).argParser(arg.oneOf(PROPOSAL_STATES)),
      )
      .addOption(new Option('--author <address>', 'only this author').argParser(arg.address)),
  )
    .addHelpText(
      'after',
      examples([
        '$ guildhall proposal list --dao demo --state ACTIVE',
        '$ guildhall proposal list --dao demo --json | jq -r ".nodes[] | [.id, .title] | @tsv"',
      ]),
    )
    .action(async (options: Parameters<typeof impl.listProposals>[1]) => {
      const { listProposals } = await import('./governance.js');
      process.exitCode = await listProposals(globals(), options);
    });

  proposal
    .command('show')
    .description('Show a proposal, its tally and its largest votes')
    .argument('<id>', 'the proposal id', arg.id)
    .addOption(
      new Option('--votes <n>', 'how many votes to list, largest first')
        .default(20)
        .argParser(arg.integer(0, 100)),
    )
    .addHelpText(
      'after',
      examples(['$ guildhall proposal show 7', '$ guildhall proposal show 7 --json | jq .tally']),
    )
    .action(async (id: string, options: Parameters<typeof impl.showProposal>[2]) => {
      const { showProposal } = await import('./governance.js');
      process.exitCode = await showProposal(globals(), id, options);
    });

  signingOptions(
    proposal
      .command('create')
      .description('Sign and submit a proposal; voting opens after the DAO voting delay')
      .addOption(daoOption())
      .addOption(new Option('--title <text>', 'the title').argParser(arg.text).makeOptionMandatory())
      .option('--body <markdown>', 'the body')
      .option('--body-file <path>', 'read the body from a file')
      .addOption(new Option('--discussion <uri>', 'a link to the discussion').argParser(arg.uri))
      .addOption(
        new Option('--type <type>', `the vote type: ${VOTE_TYPES.join(', ')}`)
          .default('basic')
          .argParser(voteType),
      )
      .addOption(
        new Option(
          '--choice <text>',
          'a choice, in order (repeatable; basic: For, Against, Abstain)',
        ).argParser(arg.collect(arg.text)),
      )
      .addOption(
        new Option(
          '--transfer <token:to:amount>',
          'an action: an ERC20 transfer from the Safe, the amount in base units (repeatable)',
        ).argParser(arg.collect(arg.transfer)),
      )
      .addOption(
        new Option(
          '--call <to:wei[:calldata]>',
          'an action: any call from the Safe, ETH in wei, optional calldata (repeatable)',
        ).argParser(arg.collect(arg.call)),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall proposal create --dao demo --title "Fund the eval cluster" --body-file proposal.md',
          '$ guildhall proposal create --dao demo --title "Pay the red team 250 dUSDC" \\',
          '    --transfer 0x9609…E2aD:0x15d3…6A65:250000000   # executed by the Safe if it passes',
          '$ guildhall proposal create --dao demo --title "Next base model" --type single-choice \\',
          '    --choice "guild-13b" --choice "guild-7b-moe" --json | jq -r .id',
        ]),
      ),
  ).action(async (options: impl.CreateProposalOptions) => {
    const { createProposal } = await import('./governance.js');
    process.exitCode = await createProposal(globals(), options);
  });

  signingOptions(
    proposal
      .command('cancel')
      .description('Sign and cancel a proposal before its vote ends (its author or a DAO admin)')
      .argument('<id>', 'the proposal id', arg.id)
      .addOption(daoOption())
      .addHelpText(
        'after',
        examples([
          '$ guildhall proposal cancel 7 --dao demo',
          '$ guildhall proposal cancel 7 --dao demo --json | jq .state',
        ]),
      ),
  ).action(async (id: string, options: Parameters<typeof impl.cancelProposal>[2]) => {
    const { cancelProposal } = await import('./governance.js');
    process.exitCode = await cancelProposal(globals(), id, options);
  });

  signingOptions(
    program
      .command('vote')
      .description('Voters: sign and cast a vote (a later vote replaces yours when the DAO allows it)')
      .addOption(daoOption())
      .addOption(new Option('--proposal <id>', 'the proposal').argParser(arg.id).makeOptionMandatory())
      .addOption(
        new Option(
          '--choice <json>',
          'the choice in Snapshot\'s format for the proposal\'s type, as JSON: 1 (basic: 1 For, 2 Against, 3 Abstain; single-choice), [1,3] (approval, ranked-choice), {"1":2,"3":1} (weighted, quadratic)',
        )
          .argParser(arg.json)
          .makeOptionMandatory(),
      )
      .option('--reason <text>', 'why, public')
      .addHelpText(
        'after',
        examples([
          '$ guildhall vote --dao demo --proposal 7 --choice 1 --reason "we need the evals"',
          "$ guildhall vote --dao demo --proposal 8 --choice '[1,3]'",
          `$ guildhall vote --dao demo --proposal 9 --choice '{"1":2,"2":1}' --json | jq .tally`,
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.castVote>[1]) => {
    const { castVote } = await import('./governance.js');
    process.exitCode = await castVote(globals(), options);
  });

  signingOptions(
    program
      .command('power')
      .description('Voters: the voting power of an address (delegated governance tokens), in base units')
      .addOption(daoOption())
      .addOption(
        new Option('--address <address>', 'whose power (default: the address of the key given)').argParser(
          arg.address,
        ),
      )
      .addOption(new Option('--block <n>', 'at this block (default: the latest)').argParser(arg.amount))
      .addHelpText(
        'after',
        examples([
          '$ guildhall power --dao demo --address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
          '$ GUILDHALL_PRIVATE_KEY=0x… guildhall power --dao demo --json | jq -r .votingPower',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.votingPower>[1]) => {
    const { votingPower } = await import('./governance.js');
    process.exitCode = await votingPower(globals(), options);
  });

  const exporter = program
    .command('export')
    .description('Anyone: the export of a proposal or a round, as JSON, for an offline recount or rescore');
  exporter
    .command('proposal')
    .description('Print the export of a proposal (every vote with its power) for `guildhall recount`')
    .argument('<id>', 'the proposal id', arg.id)
    .addHelpText(
      'after',
      examples([
        '$ guildhall export proposal 7 > proposal-7.json && guildhall recount --input proposal-7.json',
        '$ guildhall export proposal 7 | guildhall recount --input -',
      ]),
    )
    .action(async (id: string) => {
      const { exportJson } = await import('./governance.js');
      process.exitCode = await exportJson(globals(), 'proposal', id);
    });
  exporter
    .command('round')
    .description('Print the export of a finalized round (reviews, stake, Yuma inputs) for `guildhall score`')
    .argument('<id>', 'the round id', arg.id)
    .addHelpText(
      'after',
      examples([
        '$ guildhall export round 3 > round-3.json',
        `$ guildhall export round 3 | jq '.result.epochs[] | select(.kind == "FINE_TUNING") | .yumaInput' \\`,
        '    | guildhall score --input -',
      ]),
    )
    .action(async (id: string) => {
      const { exportJson } = await import('./governance.js');
      process.exitCode = await exportJson(globals(), 'round', id);
    });
}
