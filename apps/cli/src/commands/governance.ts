import { readFile } from 'node:fs/promises';
import {
  CancelProposalDocument,
  CastVoteDocument,
  CreateProposalDocument,
  DaoDocument,
  ProposalDocument,
  ProposalExportDocument,
  ProposalsDocument,
  RoundExportDocument,
  VotingPowerDocument,
  type GuildhallClient,
  type ProposalFieldsFragment,
  type ProposalState,
  type ProposalTallyFieldsFragment,
  type VotingRules,
} from '@guildhall/sdk';
import type { Address } from 'viem';
import { TokenBook } from '../amounts.js';
import { UsageError, type ProposalAction } from '../args.js';
import { ExitCode } from '../exit-codes.js';
import { loadAccount } from '../keys.js';
import {
  colors,
  printFields,
  printJson,
  printTable,
  shortAddress,
  when,
  type GlobalOptions,
} from '../output.js';
import { apiClient, exactApiClient, signingSession, type SigningOptions } from '../session.js';

type SnapshotVoteType = VotingRules['voteTypes'][number];

/** The choices of a basic proposal, fixed by the API. */
const BASIC_CHOICES = ['For', 'Against', 'Abstain'];

export async function listProposals(
  globals: GlobalOptions,
  options: { dao: string; state?: ProposalState; author?: Address; first: number; after?: string },
): Promise<ExitCode> {
  const { proposals } = await apiClient(globals).request(ProposalsDocument, options);
  if (globals.json) printJson(proposals);
  else {
    printTable(
      ['ID', 'STATE', 'TYPE', 'VOTES', 'ENDS', 'AUTHOR', 'TITLE'],
      proposals.nodes.map((p) => [
        p.id,
        p.state,
        p.voteType,
        String(p.voteCount),
        when(p.endAt),
        shortAddress(p.author),
        p.title,
      ]),
    );
    if (proposals.pageInfo.hasNextPage)
      process.stdout.write(colors.dim(`more: --after ${proposals.pageInfo.endCursor}\n`));
  }
  return ExitCode.OK;
}

export async function showProposal(
  globals: GlobalOptions,
  id: string,
  options: { votes: number },
): Promise<ExitCode> {
  const client = apiClient(globals);
  const { proposal } = await client.request(ProposalDocument, {
    id,
    first: options.votes,
    orderBy: 'VP',
  });
  if (globals.json) {
    printJson(proposal);
    return ExitCode.OK;
  }
  const units = await amountsOf(client, proposal.dao);
  await printProposal(proposal, units);
  if (proposal.votes.nodes.length > 0) {
    process.stdout.write(`\n${colors.bold('Votes')} (by voting power)\n`);
    printTable(
      ['VOTER', 'CHOICE', 'VP', 'REASON'],
      proposal.votes.nodes.map((v) => [
        v.voter,
        typeof v.choice === 'string' ? v.choice : JSON.stringify(v.choice),
        units.votes(v.vp),
        v.reason ?? '',
      ]),
    );
  }
  return ExitCode.OK;
}

export interface CreateProposalOptions extends SigningOptions {
  readonly dao: string;
  readonly title: string;
  readonly body?: string;
  readonly bodyFile?: string;
  readonly discussion?: string;
  readonly type: SnapshotVoteType;
  readonly choice?: readonly string[];
  readonly transfer?: readonly ProposalAction[];
  readonly call?: readonly ProposalAction[];
}

export async function createProposal(
  globals: GlobalOptions,
  options: CreateProposalOptions,
): Promise<ExitCode> {
  if (options.body !== undefined && options.bodyFile !== undefined)
    throw new UsageError('--body and --body-file are exclusive');
  let body = options.body;
  if (options.bodyFile !== undefined) {
    try {
      body = await readFile(options.bodyFile, 'utf8');
    } catch (error) {
      throw new UsageError(`--body-file: cannot read ${options.bodyFile}: ${(error as Error).message}`);
    }
  }
  const choices = options.choice ?? (options.type === 'basic' ? BASIC_CHOICES : []);
  if (options.type === 'basic' && choices.join('|') !== BASIC_CHOICES.join('|'))
    throw new UsageError(
      `--choice: basic proposals have exactly ${BASIC_CHOICES.join(', ')} (leave --choice out)`,
    );
  if (choices.length < 2)
    throw new UsageError(`--choice: a ${options.type} proposal needs at least 2 choices`);
  const { client, signer } = await signingSession(globals, options);
  const { createProposal } = await client.request(
    CreateProposalDocument,
    await signer.createProposal({
      dao: options.dao,
      title: options.title,
      body,
      discussion: options.discussion,
      voteType: options.type,
      choices,
      actions: [...(options.transfer ?? []), ...(options.call ?? [])],
    }),
  );
  if (globals.json) printJson(createProposal);
  else {
    process.stdout.write(`${colors.green('✔')} Proposal ${colors.bold(createProposal.id)} created\n`);
    await printProposal(createProposal, await amountsOf(client, createProposal.dao));
  }
  return ExitCode.OK;
}

export async function cancelProposal(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { cancelProposal } = await client.request(
    CancelProposalDocument,
    await signer.cancelProposal({ dao: options.dao, proposal: id }),
  );
  if (globals.json) printJson(cancelProposal);
  else {
    process.stdout.write(`${colors.green('✔')} Proposal ${cancelProposal.id} is ${cancelProposal.state}\n`);
    await printProposal(cancelProposal, await amountsOf(client, cancelProposal.dao));
  }
  return ExitCode.OK;
}

export async function castVote(
  globals: GlobalOptions,
  options: SigningOptions & { dao: string; proposal: string; choice: unknown; reason?: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { castVote } = await client.request(
    CastVoteDocument,
    await signer.castVote({
      dao: options.dao,
      proposal: options.proposal,
      choice: options.choice,
      reason: options.reason,
    }),
  );
  if (globals.json) printJson(castVote);
  else {
    process.stdout.write(
      `${colors.green('✔')} Vote cast on proposal ${castVote.id} (${castVote.voteCount} vote(s))\n`,
    );
    printTally(castVote, (await amountsOf(client, options.dao)).votes);
  }
  return ExitCode.OK;
}

/** Voting power of --address, or of the key's address when a key is given. */
export async function votingPower(
  globals: GlobalOptions,
  options: SigningOptions & { dao: string; address?: Address; block?: bigint },
): Promise<ExitCode> {
  const hasKey = options.privateKey !== undefined || options.keystore !== undefined;
  if (options.address === undefined && !hasKey)
    throw new UsageError('--address: give an address (or a key, to use its address)');
  const address =
    options.address ?? (await loadAccount(options, { keystorePassword: options.keystorePassword })).address;
  const client = apiClient(globals);
  const { votingPower } = await client.request(VotingPowerDocument, {
    dao: options.dao,
    address,
    blockNumber: options.block?.toString(),
  });
  if (globals.json) printJson({ dao: options.dao, address, blockNumber: options.block ?? null, votingPower });
  else process.stdout.write(`${(await amountsOf(client, options.dao)).votes(votingPower)}\n`);
  return ExitCode.OK;
}

/** `guildhall export proposal|round ID`: the export JSON, as `recount` and `score` read it. */
export async function exportJson(
  globals: GlobalOptions,
  kind: 'proposal' | 'round',
  id: string,
): Promise<ExitCode> {
  const client = exactApiClient(globals);
  const value =
    kind === 'proposal'
      ? (await client.request(ProposalExportDocument, { id })).proposalExport
      : (await client.request(RoundExportDocument, { id })).roundExport;
  printJson(value);
  return ExitCode.OK;
}

/** How a command prints amounts: voting power in the governance token, and actions' transfers. */
interface Amounts {
  /** Voting power, scores, quorum: base units of the DAO's governance token. */
  readonly votes: (amount: bigint | string) => string;
  /** Each action's line: an ERC-20 transfer in the token's units, otherwise the API's description. */
  readonly actions: (actions: ProposalFieldsFragment['actions']) => Promise<string[]>;
}

/** The DAO's governance token and the tokens of actions, each asked of the API once. */
async function amountsOf(client: GuildhallClient, dao: string): Promise<Amounts> {
  const tokens = new TokenBook(client);
  const { dao: found } = await client.request(DaoDocument, { slug: dao });
  const votes = await tokens.formatter(found.governanceToken);
  return {
    votes,
    actions: (actions) => Promise.all(actions.map((action) => tokens.action(action, action.description))),
  };
}

async function printProposal(p: ProposalFieldsFragment, amounts: Amounts): Promise<void> {
  const actions = await amounts.actions(p.actions);
  printFields([
    ['id', p.id],
    ['dao', p.dao],
    ['title', p.title],
    ['state', p.state],
    ['type', p.voteType],
    ['author', p.author],
    ['voting', `${when(p.startAt)} → ${when(p.endAt)} (snapshot block ${p.snapshotBlock})`],
    ['quorum', amounts.votes(p.quorum)],
    ['votes', String(p.voteCount)],
    ...(p.discussion ? [['discussion', p.discussion] as const] : []),
    ...actions.map((action, i) => [i === 0 ? 'actions' : '', action] as const),
  ]);
  printTally(p, amounts.votes);
}

function printTally(p: ProposalTallyFieldsFragment, votes: (amount: string) => string): void {
  process.stdout.write('\n');
  printTable(
    ['CHOICE', 'SCORE'],
    p.choices.map((choice, i) => [
      `${i + 1}. ${choice}${p.tally.winningChoice === i + 1 ? colors.green(' ✔') : ''}`,
      votes(p.tally.scores[i] ?? '0'),
    ]),
  );
  process.stdout.write(
    colors.dim(
      `total ${votes(p.tally.scoresTotal)}, quorum ${p.tally.quorumReached ? 'reached' : 'not reached'}\n`,
    ),
  );
}
