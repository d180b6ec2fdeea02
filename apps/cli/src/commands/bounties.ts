import {
  AcceptBountyWorkDocument,
  BountiesDocument,
  BountyDocument,
  CancelBountyDocument,
  ClaimBountyDocument,
  CreateBountyDocument,
  RejectBountyWorkDocument,
  ReviewBountyWorkDocument,
  SubmitBountyWorkDocument,
  type BountyFieldsFragment,
  type BountyState,
} from '@guildhall/sdk';
import type { Address } from 'viem';
import { amountText } from '../amounts.js';
import { ExitCode } from '../exit-codes.js';
import {
  colors,
  printFields,
  printJson,
  printTable,
  shortAddress,
  when,
  type GlobalOptions,
} from '../output.js';
import { apiClient, signingSession, type SigningOptions } from '../session.js';

export async function createBounty(
  globals: GlobalOptions,
  options: SigningOptions & {
    dao: string;
    title: string;
    description?: string;
    token: Address;
    amount: bigint;
    kind?: string;
    deadline: Date;
    maxClaimants: number;
    claimTtl: number;
    team: boolean;
    minReviews: number;
    acceptanceScore: number;
    reviewer?: readonly Address[];
  },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { createBounty } = await client.request(
    CreateBountyDocument,
    await signer.createBounty({
      dao: options.dao,
      title: options.title,
      description: options.description,
      token: options.token,
      amount: options.amount,
      kind: options.kind,
      deadline: options.deadline,
      maxClaimants: options.maxClaimants,
      claimTtl: options.claimTtl,
      teamAllowed: options.team,
      minReviews: options.minReviews,
      acceptanceScore: options.acceptanceScore,
      reviewers: options.reviewer,
    }),
  );
  return done(globals, createBounty, 'posted, its reward reserved');
}

export async function listBounties(
  globals: GlobalOptions,
  options: { dao: string; state?: BountyState; first: number; after?: string },
): Promise<ExitCode> {
  const { bounties } = await apiClient(globals).request(BountiesDocument, options);
  if (globals.json) printJson(bounties);
  else {
    printTable(
      ['ID', 'STATE', 'REWARD', 'DEADLINE', 'TITLE'],
      bounties.nodes.map((b) => [
        b.id,
        b.state,
        amountText(b.amount, b.tokenInfo, b.token),
        when(b.deadline),
        b.title,
      ]),
    );
    if (bounties.pageInfo.hasNextPage)
      process.stdout.write(colors.dim(`more: --after ${bounties.pageInfo.endCursor}\n`));
  }
  return ExitCode.OK;
}

export async function showBounty(globals: GlobalOptions, id: string): Promise<ExitCode> {
  const { bounty } = await apiClient(globals).request(BountyDocument, { id });
  if (globals.json) printJson(bounty);
  else printBounty(bounty);
  return ExitCode.OK;
}

export async function claimBounty(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { claimBounty } = await client.request(
    ClaimBountyDocument,
    await signer.claimBounty({ dao: options.dao, bounty: id }),
  );
  return done(globals, claimBounty, 'claimed');
}

export async function submitBountyWork(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string; attestation: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { submitBountyWork } = await client.request(
    SubmitBountyWorkDocument,
    await signer.submitBountyWork({ dao: options.dao, bounty: id, attestation: options.attestation }),
  );
  return done(globals, submitBountyWork, 'work submitted');
}

export async function reviewBountyWork(
  globals: GlobalOptions,
  claim: string,
  options: SigningOptions & { dao: string; score: number; comment?: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { reviewBountyWork } = await client.request(
    ReviewBountyWorkDocument,
    await signer.reviewBountyWork({
      dao: options.dao,
      claim,
      score: options.score,
      comment: options.comment,
    }),
  );
  return done(globals, reviewBountyWork, 'reviewed (the score stays blind until the work is decided)');
}

export async function acceptBountyWork(
  globals: GlobalOptions,
  claim: string,
  options: SigningOptions & { dao: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { acceptBountyWork } = await client.request(
    AcceptBountyWorkDocument,
    await signer.acceptBountyWork({ dao: options.dao, claim }),
  );
  return done(globals, acceptBountyWork, 'accepted: its payout is due to the Safe');
}

export async function rejectBountyWork(
  globals: GlobalOptions,
  claim: string,
  options: SigningOptions & { dao: string; reason: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { rejectBountyWork } = await client.request(
    RejectBountyWorkDocument,
    await signer.rejectBountyWork({ dao: options.dao, claim, reason: options.reason }),
  );
  return done(globals, rejectBountyWork, 'work rejected: the claim is freed');
}

export async function cancelBounty(
  globals: GlobalOptions,
  id: string,
  options: SigningOptions & { dao: string; reason?: string },
): Promise<ExitCode> {
  const { client, signer } = await signingSession(globals, options);
  const { cancelBounty } = await client.request(
    CancelBountyDocument,
    await signer.cancelBounty({ dao: options.dao, bounty: id, reason: options.reason }),
  );
  return done(globals, cancelBounty, 'cancelled: its reward is released');
}

function done(globals: GlobalOptions, bounty: BountyFieldsFragment, what: string): ExitCode {
  if (globals.json) printJson(bounty);
  else {
    process.stdout.write(`${colors.green('✔')} Bounty ${colors.bold(bounty.id)} ${what}\n`);
    printBounty(bounty);
  }
  return ExitCode.OK;
}

function printBounty(b: BountyFieldsFragment): void {
  printFields([
    ['id', b.id],
    ['title', b.title],
    ['state', b.state],
    ['reward', amountText(b.amount, b.tokenInfo, b.token)],
    ['kind', b.kind ?? 'any'],
    ['deadline', when(b.deadline)],
    ['claimants', `at most ${b.maxClaimants} at once, each for ${b.claimTtl} s without a submission`],
    ['team', b.teamAllowed ? 'allowed' : 'no'],
    ['acceptance', `${b.minReviews} reviews, median at least ${b.acceptanceScore}`],
    ['reviewers', b.reviewers.length === 0 ? "the DAO's" : b.reviewers.join(', ')],
    ...(b.cancelReason === null ? [] : [['cancelled', b.cancelReason] as const]),
  ]);
  if (b.claims.length > 0) {
    process.stdout.write(`\n${colors.bold('Claims')}\n`);
    printTable(
      ['CLAIM', 'CLAIMANT', 'STATE', 'ATTESTATION', 'REVIEWS', 'SCORES'],
      b.claims.map((c) => [
        c.id,
        shortAddress(c.claimant),
        c.state,
        c.attestationId ?? '-',
        String(c.reviewCount),
        c.reviews.every((r) => r.score === null) ? 'blind' : c.reviews.map((r) => String(r.score)).join(', '),
      ]),
    );
  }
  if (b.payouts.length > 0) {
    process.stdout.write(`\n${colors.bold('Payouts')}\n`);
    printTable(
      ['PAYEE', 'AMOUNT', 'STATUS', 'TX'],
      b.payouts.map((p) => [p.payee, amountText(p.amount, b.tokenInfo, b.token), p.status, p.txHash ?? '-']),
    );
  }
}
