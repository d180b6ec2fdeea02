import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  http,
  zeroAddress,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { DataSource } from 'typeorm';
import { DEV_ACCOUNTS, defineGuildhallChain, erc20VotesAbi, safeL2Abi } from '@guildhall/chain';
import { concatSafeSignatures, guildhallTypedData, safeMessageTypedData } from '@guildhall/core';
import { recount } from '@guildhall/governance/tally';
import {
  CancelProposalDocument,
  CastVoteDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  GuildhallSigner,
  ProposalDocument,
  ProposalExportDocument,
  VoteCastDocument,
  VotingPowerDocument,
  safeTxTypedData,
  type VotingRules,
} from '@guildhall/sdk';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const TOKENS = 10n ** 18n;
const MILLION = 1_000_000n * TOKENS;
const signer = (index: number) =>
  new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[index].privateKey), 31337);

const rules: VotingRules = {
  votingDelay: 0,
  votingPeriod: 8,
  proposalThreshold: 1n * TOKENS,
  quorumKind: 'ABSOLUTE',
  quorum: 2n * MILLION,
  supermajorityBps: 0,
  voteTypes: ['basic', 'single-choice', 'approval', 'weighted', 'quadratic', 'ranked-choice'],
  allowVoteChange: true,
};

describe('governance: proposals, signed votes weighted by ERC20Votes, lifecycle, recount', () => {
  let stack: TestStack;
  let api: TestApi;
  const alice = signer(5);

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    await api.client.request(
      CreateDaoDocument,
      await alice.createDao({
        dao: 'vote-guild',
        name: 'Vote Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules,
      }),
    );
  });

  afterAll(() => stack?.close());

  /** A proposal of Alice's in vote-guild, as `createProposal` answers it. */
  const propose = async (
    title: string,
    voteType: Parameters<GuildhallSigner['createProposal']>[0]['voteType'],
    choices: string[],
  ) => {
    const { createProposal } = await api.client.request(
      CreateProposalDocument,
      await alice.createProposal({ dao: 'vote-guild', title, voteType, choices }),
    );
    return createProposal;
  };

  it('runs a basic proposal with an action from creation to QUEUED, with re-votes, rejections and a frozen snapshot', async () => {
    const payout = encodeFunctionData({
      abi: erc20Abi,
      functionName: 'transfer',
      args: [DEV_ACCOUNTS[9].address, 1_000_000n],
    });
    const { createProposal: proposal } = await api.client.request(
      CreateProposalDocument,
      await alice.createProposal({
        dao: 'vote-guild',
        title: 'Pay the safety red team',
        body: 'One dUSDC for the report.',
        voteType: 'basic',
        choices: ['For', 'Against', 'Abstain'],
        actions: [{ to: stack.chain.stack.payoutToken, value: 0n, data: payout, operation: 0 }],
      }),
    );
    expect(proposal).toMatchObject({ state: 'ACTIVE', quorum: (2n * MILLION).toString(), voteType: 'BASIC' });
    expect(proposal.actions[0].description).toBe(
      `ERC20 transfer of 1000000 base units of token ${stack.chain.stack.payoutToken} to ${DEV_ACCOUNTS[9].address}`,
    );

    // After the snapshot, account 7 sends all its votes to account 8: neither vote changes.
    const chain = defineGuildhallChain({ chainId: 31337, rpcUrl: stack.chain.rpcUrl });
    const wallet = createWalletClient({
      account: privateKeyToAccount(DEV_ACCOUNTS[7].privateKey),
      chain,
      transport: http(stack.chain.rpcUrl),
    });
    const hash = await wallet.writeContract({
      address: stack.chain.stack.governanceToken,
      abi: erc20VotesAbi,
      functionName: 'transfer',
      args: [DEV_ACCOUNTS[8].address, MILLION],
    });
    await createPublicClient({ chain, transport: http(stack.chain.rpcUrl) }).waitForTransactionReceipt({
      hash,
    });
    const power = await api.client.request(VotingPowerDocument, {
      dao: 'vote-guild',
      address: DEV_ACCOUNTS[8].address,
      blockNumber: proposal.snapshotBlock,
    });
    expect(power.votingPower).toBe(MILLION.toString());

    const vote = async (index: number, choice: unknown, reason = '') =>
      api.client.request(
        CastVoteDocument,
        await signer(index).castVote({ dao: 'vote-guild', proposal: proposal.id, choice, reason }),
      );
    await vote(4, 1, 'ship it');
    await vote(5, 1);
    await vote(6, 2);
    await vote(7, 2);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a re-vote must be signed later
    const { castVote: afterRevote } = await vote(6, 1, 'changed my mind');
    expect(afterRevote.voteCount).toBe(4);
    const { castVote: tallied } = await vote(8, 3);
    expect(tallied.voteCount).toBe(5);
    expect(tallied.tally).toMatchObject({
      scores: [(3n * MILLION).toString(), MILLION.toString(), MILLION.toString()],
      quorumReached: true,
    });

    const nobody = new GuildhallSigner(privateKeyToAccount(generatePrivateKey()), 31337);
    const noPower = await rejection(
      api.client.request(
        CastVoteDocument,
        await nobody.castVote({ dao: 'vote-guild', proposal: proposal.id, choice: 1 }),
      ),
    );
    expect(noPower.code).toBe('NO_VOTING_POWER');
    const elsewhere = await signer(9).castVote({ dao: 'demo', proposal: proposal.id, choice: 1 });
    const replayed = await rejection(
      api.client.request(CastVoteDocument, {
        ...elsewhere,
        input: { ...elsewhere.input, dao: 'vote-guild' },
      }),
    );
    expect(replayed.code).toBe('INVALID_SIGNATURE');
    for (const [choice, code] of [
      [4, 'CHOICE_OUT_OF_RANGE'],
      [[1, 2], 'CHOICE_WRONG_SHAPE'],
      [0, 'CHOICE_OUT_OF_RANGE'],
    ] as const) {
      const bad = await rejection(vote(9, choice));
      expect({ choice, code: bad.code }).toEqual({ choice, code });
    }
    expect((await rejection(vote(9, 1, 'x'.repeat(5_001)))).code).toBe('REASON_TOO_LONG');

    // The worker closes it at its end: passed (SUCCEEDED); with an action, the treasury proposes its
    // Safe transaction, so QUEUED.
    const deadline = Date.now() + 30_000;
    let closed = proposal.state;
    while ((closed === 'ACTIVE' || closed === 'SUCCEEDED') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      closed = (await api.client.request(ProposalDocument, { id: proposal.id })).proposal.state;
    }
    expect(closed).toBe('QUEUED');
    expect((await rejection(vote(9, 1))).code).toBe('VOTING_CLOSED');

    const { proposalExport } = await api.client.request(ProposalExportDocument, { id: proposal.id });
    const { proposal: final } = await api.client.request(ProposalDocument, { id: proposal.id });
    expect(recount(proposalExport)).toEqual({
      scores: final.tally.scores,
      scoresTotal: final.tally.scoresTotal,
      quorumReached: final.tally.quorumReached,
    });
  });

  it.each([
    ['single-choice', ['A', 'B', 'C'], [1, 2, 2]],
    ['approval', ['A', 'B', 'C'], [[1, 2], [2], [1, 3]]],
    ['weighted', ['A', 'B', 'C'], [{ 1: 2, 2: 1 }, { 3: 5 }, { 1: 1, 2: 1, 3: 1 }]],
    ['quadratic', ['A', 'B', 'C'], [{ 1: 2, 2: 1 }, { 3: 5 }, { 1: 1, 2: 1, 3: 1 }]],
    [
      'ranked-choice',
      ['A', 'B', 'C', 'D'],
      [
        [1, 2, 3, 4],
        [2, 1, 4, 3],
        [3, 2, 1, 4],
      ],
    ],
  ] as const)(
    'keeps a %s tally that the offline recount of its export reproduces',
    async (voteType, choices, ballots) => {
      const proposal = await propose(`A ${voteType} poll`, voteType, [...choices]);
      for (const [i, choice] of ballots.entries()) {
        await api.client.request(
          CastVoteDocument,
          await signer(2 + i).castVote({ dao: 'vote-guild', proposal: proposal.id, choice }),
        );
      }
      const [{ proposalExport }, { proposal: stored }] = await Promise.all([
        api.client.request(ProposalExportDocument, { id: proposal.id }),
        api.client.request(ProposalDocument, { id: proposal.id }),
      ]);
      expect(stored.voteCount).toBe(3);
      expect(recount(proposalExport)).toEqual({
        scores: stored.tally.scores,
        scoresTotal: stored.tally.scoresTotal,
        quorumReached: stored.tally.quorumReached,
      });
    },
  );

  it('keeps every vote of a concurrent burst, written together: twins once, re-votes by time, refusals alone', async () => {
    const proposal = await propose('A busy poll', 'single-choice', ['A', 'B', 'C']);
    const ballot = { dao: 'vote-guild', proposal: proposal.id };
    const now = BigInt(Math.floor(Date.now() / 1000));
    const signedAt = (index: number, seconds: bigint) =>
      new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[index].privateKey), 31337, () => seconds);
    const twin = await signer(2).castVote({ ...ballot, choice: 1 });
    const earlier = await signedAt(3, now - 60n).castVote({ ...ballot, choice: 1 });
    const later = await signedAt(3, now).castVote({ ...ballot, choice: 2 });
    const powerless = await new GuildhallSigner(privateKeyToAccount(generatePrivateKey()), 31337).castVote({
      ...ballot,
      choice: 1,
    });
    const others = await Promise.all(
      [4, 5, 6, 8, 9].map((index) => signer(index).castVote({ ...ballot, choice: 3 })),
    );

    const request = (variables: typeof twin) => api.client.request(CastVoteDocument, variables);
    const [twins, refused, reordered] = await Promise.all([
      Promise.all([request(twin), request(twin)]),
      rejection(request(powerless)),
      Promise.allSettled([request(earlier), request(later)]),
      Promise.all(others.map(request)),
    ]);
    expect(twins[1].castVote.id).toBe(proposal.id);
    expect(refused.code).toBe('NO_VOTING_POWER');
    expect(reordered[1].status).toBe('fulfilled');
    if (reordered[0].status === 'rejected') {
      expect(reordered[0].reason).toMatchObject({ code: 'VOTE_ALREADY_CAST_LATER' });
    }

    const [{ proposalExport }, { proposal: stored }] = await Promise.all([
      api.client.request(ProposalExportDocument, { id: proposal.id }),
      api.client.request(ProposalDocument, { id: proposal.id }),
    ]);
    expect(stored.voteCount).toBe(7);
    const exported = proposalExport as { votes: Array<{ voter: string; choice: unknown }> };
    expect(exported.votes.find((vote) => vote.voter === DEV_ACCOUNTS[3].address)?.choice).toBe(2);
    expect(recount(proposalExport)).toEqual({
      scores: stored.tally.scores,
      scoresTotal: stored.tally.scoresTotal,
      quorumReached: stored.tally.quorumReached,
    });
  });

  it('writes a vote on the state its last batch wrote, and reads first when that state may not hold', async () => {
    const proposal = await propose('Written on what was written', 'single-choice', ['A', 'B', 'C']);
    const ballot = { dao: 'vote-guild', proposal: proposal.id };
    const dataSource = api.app.get(DataSource);
    const logger = dataSource.logger;
    const original = logger.logQuery.bind(logger);
    const statements: string[] = [];
    logger.logQuery = (query, ...rest) => {
      statements.push(query);
      original(query, ...rest);
    };
    /** The vote's answer, and how many reads its batch made: the replay lookup and the vote state. */
    const cast = async (variables: Awaited<ReturnType<GuildhallSigner['castVote']>>) => {
      statements.length = 0;
      const { castVote } = await api.client.request(CastVoteDocument, variables);
      const reads = statements.filter(
        (sql) =>
          sql.startsWith('SELECT typed_data_hash, signature, result FROM signed_message') ||
          sql.startsWith('SELECT p.xmin::text AS version'),
      ).length;
      return { voteCount: castVote.voteCount, reads };
    };
    const later = new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[4].privateKey), 31337, () =>
      BigInt(Math.floor(Date.now() / 1000) + 60),
    );
    try {
      await expect(cast(await signer(4).castVote({ ...ballot, choice: 1 }))).resolves.toEqual({
        voteCount: 1,
        reads: 2,
      });
      const sixth = await signer(6).castVote({ ...ballot, choice: 2 });
      await expect(cast(sixth)).resolves.toEqual({ voteCount: 2, reads: 0 });

      // Another process writes the proposal: the next vote finds the state it wrote gone, and reads.
      await dataSource.query('UPDATE proposal SET updated_at = now() WHERE id = $1', [proposal.id]);
      await expect(cast(await signer(8).castVote({ ...ballot, choice: 3 }))).resolves.toEqual({
        voteCount: 3,
        reads: 2,
      });
      // A voter who has voted, and a vote written before, are both found by reading.
      await expect(cast(await later.castVote({ ...ballot, choice: 2 }))).resolves.toEqual({
        voteCount: 3,
        reads: 2,
      });
      await expect(cast(sixth)).resolves.toEqual({ voteCount: 3, reads: 2 });
      await expect(cast(await signer(9).castVote({ ...ballot, choice: 2 }))).resolves.toEqual({
        voteCount: 4,
        reads: 0,
      });
    } finally {
      logger.logQuery = original;
    }

    const [{ proposalExport }, { proposal: stored }] = await Promise.all([
      api.client.request(ProposalExportDocument, { id: proposal.id }),
      api.client.request(ProposalDocument, { id: proposal.id }),
    ]);
    const exported = proposalExport as { votes: Array<{ voter: string; choice: unknown }> };
    expect(exported.votes.find((vote) => vote.voter === DEV_ACCOUNTS[4].address)?.choice).toBe(2);
    expect(stored.voteCount).toBe(4);
    expect(recount(proposalExport)).toEqual({
      scores: stored.tally.scores,
      scoresTotal: stored.tally.scoresTotal,
      quorumReached: stored.tally.quorumReached,
    });
  });

  it('tells voteCast subscribers on every replica of each vote as it commits, with the tally it left', async () => {
    const proposal = await propose('Watched', 'single-choice', ['A', 'B']);
    const ballot = { dao: 'vote-guild', proposal: proposal.id };
    const replica = await stack.api({}, { work: false });
    const watchers = [api, replica].map((server) =>
      server.client.subscribe(VoteCastDocument, { proposalId: proposal.id }),
    );
    const next = async (watcher: (typeof watchers)[number]) => {
      const result = await watcher.next();
      if (result.done === true) throw new Error('the subscription ended');
      const { voteCount, tally } = result.value.voteCast;
      return { voteCount, scores: tally.scores };
    };
    try {
      const first = watchers.map(next);
      // graphql-ws subscribes asynchronously: give the replicas a moment to register their listeners.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const vote = await signer(4).castVote({ ...ballot, choice: 1 });
      const { castVote } = await api.client.request(CastVoteDocument, vote);
      const firstScores = castVote.tally.scores;
      expect(await Promise.all(first)).toEqual([
        { voteCount: 1, scores: firstScores },
        { voteCount: 1, scores: firstScores },
      ]);

      // A replayed envelope changes nothing and announces nothing: the next event is the next vote.
      const second = watchers.map(next);
      await replica.client.request(CastVoteDocument, vote);
      const { castVote: after } = await replica.client.request(
        CastVoteDocument,
        await signer(6).castVote({ ...ballot, choice: 2 }),
      );
      expect(await Promise.all(second)).toEqual([
        { voteCount: 2, scores: after.tally.scores },
        { voteCount: 2, scores: after.tally.scores },
      ]);
    } finally {
      for (const watcher of watchers) await watcher.return?.();
      await replica.close();
    }
  });

  it('lets the author cancel before the end, not a stranger, and then takes no votes', async () => {
    const proposal = await propose('Withdrawn idea', 'basic', ['For', 'Against', 'Abstain']);
    const stranger = await rejection(
      api.client.request(
        CancelProposalDocument,
        await signer(3).cancelProposal({ dao: 'vote-guild', proposal: proposal.id }),
      ),
    );
    expect(stranger.code).toBe('NOT_A_DAO_ADMIN');
    const { cancelProposal } = await api.client.request(
      CancelProposalDocument,
      await alice.cancelProposal({ dao: 'vote-guild', proposal: proposal.id }),
    );
    expect(cancelProposal.state).toBe('CANCELED');
    const late = await rejection(
      api.client.request(
        CastVoteDocument,
        await signer(4).castVote({ dao: 'vote-guild', proposal: proposal.id, choice: 1 }),
      ),
    );
    expect(late.code).toBe('VOTING_CLOSED');
    const below = await rejection(
      api.client.request(
        CreateProposalDocument,
        await new GuildhallSigner(privateKeyToAccount(generatePrivateKey()), 31337).createProposal({
          dao: 'vote-guild',
          title: 'No stake',
          voteType: 'basic',
          choices: ['For', 'Against', 'Abstain'],
        }),
      ),
    );
    expect(below.code).toBe('BELOW_PROPOSAL_THRESHOLD');
  });
  it('counts the vote of a Safe (ERC-1271) with the Safe’s own voting power', async () => {
    const safe = stack.chain.stack.daoSafe;
    const token = stack.chain.stack.governanceToken;
    const chain = defineGuildhallChain({ chainId: 31337, rpcUrl: stack.chain.rpcUrl });
    const reader = createPublicClient({ chain, transport: http(stack.chain.rpcUrl) });
    const owners = [
      privateKeyToAccount(DEV_ACCOUNTS[1].privateKey),
      privateKeyToAccount(DEV_ACCOUNTS[2].privateKey),
    ];
    const send = async (hash: Promise<`0x${string}`>) =>
      reader.waitForTransactionReceipt({ hash: await hash });

    // Fund the Safe with 5 tokens, then have it delegate to itself through a 2-of-3 Safe transaction.
    const funder = createWalletClient({
      account: privateKeyToAccount(DEV_ACCOUNTS[9].privateKey),
      chain,
      transport: http(stack.chain.rpcUrl),
    });
    await send(
      funder.writeContract({
        address: token,
        abi: erc20VotesAbi,
        functionName: 'transfer',
        args: [safe, 5n * TOKENS],
      }),
    );
    const safeTx = {
      to: token,
      value: 0n,
      data: encodeFunctionData({ abi: erc20VotesAbi, functionName: 'delegate', args: [safe] }),
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: zeroAddress,
      refundReceiver: zeroAddress,
      nonce: await reader.readContract({ address: safe, abi: safeL2Abi, functionName: 'nonce' }),
    };
    const safeTxSignatures = await Promise.all(
      owners.map(async (owner) => ({
        signer: owner.address,
        signature: await owner.signTypedData(safeTxTypedData(31337, { ...safeTx, safe })),
      })),
    );
    const executor = createWalletClient({ account: owners[0], chain, transport: http(stack.chain.rpcUrl) });
    await send(
      executor.writeContract({
        address: safe,
        abi: safeL2Abi,
        functionName: 'execTransaction',
        args: [
          safeTx.to,
          safeTx.value,
          safeTx.data,
          safeTx.operation,
          safeTx.safeTxGas,
          safeTx.baseGas,
          safeTx.gasPrice,
          safeTx.gasToken,
          safeTx.refundReceiver,
          concatSafeSignatures(safeTxSignatures),
        ],
      }),
    );
    expect(
      await reader.readContract({
        address: token,
        abi: erc20VotesAbi,
        functionName: 'getVotes',
        args: [safe],
      }),
    ).toBe(5n * TOKENS);

    const proposal = await propose('Safe votes', 'basic', ['For', 'Against', 'Abstain']);
    const timestamp = BigInt(Math.floor(Date.now() / 1000));
    const vote = {
      from: safe,
      dao: 'vote-guild',
      proposal: proposal.id,
      choice: '2',
      reason: 'the Safe says no',
      timestamp,
    };
    const typedData = guildhallTypedData(31337, 'Vote', vote);
    const voteSignatures = await Promise.all(
      owners.map(async (owner) => ({
        signer: owner.address,
        signature: await owner.signTypedData(safeMessageTypedData({ chainId: 31337, safe, typedData })),
      })),
    );
    const { castVote } = await api.client.request(CastVoteDocument, {
      input: { ...vote, timestamp: timestamp.toString() },
      signature: concatSafeSignatures(voteSignatures),
    });
    expect(castVote.tally.scores).toEqual(['0', (5n * TOKENS).toString(), '0']);
  });
});
