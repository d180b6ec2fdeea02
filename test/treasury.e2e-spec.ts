import { privateKeyToAccount } from 'viem/accounts';
import {
  concatHex,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  hashDomain,
  hashStruct,
  numberToHex,
  pad,
  size,
  erc20Abi,
  http,
  zeroAddress,
  type Address,
  type Hex,
} from 'viem';
import {
  DEV_ACCOUNTS,
  defineGuildhallChain,
  multiSendCallOnlyDeployment,
  safeL2Abi,
  safeProxyFactoryAbi,
} from '@guildhall/chain';
import { SafeConfirmationEntity, SafeTransactionEntity } from '@guildhall/treasury/datasources';
import {
  CastVoteDocument,
  ConfirmSafeTransactionDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  ExecuteSafeTransactionDocument,
  ProposalDocument,
  ProposeProposalExecutionDocument,
  ProposeRoundPayoutsDocument,
  ProposeSafeRejectionDocument,
  RoundDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SafeTransactionUpdatedDocument,
  SetReviewersDocument,
  TreasuryDocument,
  UpsertContributorProfileDocument,
  safeTxTypedData,
  type GuildhallSigner,
  type SafeTransactionFieldsFragment,
} from '@guildhall/sdk';
import { devSigner, permissiveRules, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { finalizedRound, tokenBalance, waitFor } from './support/rounds.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'treasury-guild';
const BUDGET = 1_000_000_000n; // 1,000 of the 6-decimal payout token
const RELAYER = DEV_ACCOUNTS[9];

describe('Treasury: round payouts and proposals executed through the DAO’s Safe', () => {
  let stack: TestStack;
  let api: TestApi;
  let withoutRelay: TestApi;
  const admin = devSigner(5);
  const [owner1, owner2, owner3] = [devSigner(1), devSigner(2), devSigner(3)];
  const fineTuner = devSigner(4);
  const safetyTester = devSigner(8);
  const [reviewer1, reviewer2] = [devSigner(6), devSigner(7)];

  const chain = () => defineGuildhallChain({ chainId: 31337, rpcUrl: stack.chain.rpcUrl });
  const publicClient = () => createPublicClient({ chain: chain(), transport: http(stack.chain.rpcUrl) });
  const balanceOf = (holder: Address) =>
    tokenBalance(stack.chain.rpcUrl, stack.chain.stack.payoutToken, holder);
  const safeTx = async (safeTxHash: Hex) =>
    (await api.client.request(SafeTransactionDocument, { safeTxHash })).safeTransaction;
  const confirm = async (tx: SafeTransactionFieldsFragment, by: GuildhallSigner) =>
    (
      await api.client.request(ConfirmSafeTransactionDocument, {
        safeTxHash: tx.safeTxHash,
        signature: await by.signSafeTransaction(tx),
      })
    ).confirmSafeTransaction;
  const execute = async (safeTxHash: Hex) =>
    (await api.client.request(ExecuteSafeTransactionDocument, { safeTxHash })).executeSafeTransaction;
  const transfer = (to: Address, amount: bigint) => ({
    to: stack.chain.stack.payoutToken,
    value: 0n,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
    operation: 0 as const,
  });

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api({ RELAYER_PRIVATE_KEY: RELAYER.privateKey });
    withoutRelay = await stack.api();
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Treasury Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: { ...permissiveRules, votingPeriod: 5 },
      }),
    );
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao: DAO, reviewers: [reviewer1.address, reviewer2.address] }),
    );
  });

  afterAll(() => stack?.close());

  it('pays a finalized round: planned in a batch, confirmed by two of three owners, relayed once, indexed PAID', async () => {
    await api.client.request(
      UpsertContributorProfileDocument,
      await fineTuner.upsertContributorProfile({ dao: DAO, handle: 'ada' }),
    );
    const {
      round: createRound,
      attestations,
      allocations,
    } = await finalizedRound(api.client, {
      dao: DAO,
      admin,
      token: stack.chain.stack.payoutToken,
      budget: BUDGET,
      contributors: [
        { signer: fineTuner, kind: 'FINE_TUNING' },
        { signer: safetyTester, kind: 'SAFETY_EVALUATION' },
      ],
      reviewers: [reviewer1, reviewer2],
    });
    expect(allocations.length).toBe(4); // two contributors, two reviewers
    const before = new Map(
      await Promise.all(allocations.map(async (a) => [a.recipient, await balanceOf(a.recipient)] as const)),
    );

    const { proposeRoundPayouts: planned } = await api.client.request(ProposeRoundPayoutsDocument, {
      round: createRound.id,
    });
    expect(planned).toHaveLength(1);
    const [payout] = planned;
    expect(payout).toMatchObject({
      status: 'AWAITING_CONFIRMATIONS',
      origin: { kind: 'PAYOUT', round: createRound.id, proposal: null },
      to: multiSendCallOnlyDeployment.address,
      operation: 1, // MultiSendCallOnly is delegatecalled
      nonce: '0',
    });
    expect(payout.actions).toHaveLength(allocations.length);
    expect(BigInt(payout.estimatedGas!)).toBeGreaterThan(0n);
    const adaLine = payout.actions.find((a) => a.humanReadable.includes('(ada)'));
    expect(adaLine?.humanReadable).toMatch(
      new RegExp(
        `^transfer [\\d,]+(\\.\\d{1,6})? dUSDC to ${fineTuner.address.slice(0, 5)}…${fineTuner.address.slice(-3)} \\(ada\\) — round Spring, attestation ${attestations[0].id}$`,
      ),
    );
    expect((await api.client.request(RoundDocument, { id: createRound.id })).round.state).toBe('PAYING');
    const again = await api.client.request(ProposeRoundPayoutsDocument, { round: createRound.id });
    expect(again.proposeRoundPayouts.map((tx) => tx.safeTxHash)).toEqual([payout.safeTxHash]);

    // Subscribers hear every new confirmation and every status the payout goes through from here.
    const updates = api.client.subscribe(SafeTransactionUpdatedDocument, { dao: DAO });
    const heard: string[] = [];
    const listening = (async () => {
      for await (const { safeTransactionUpdated: update } of updates) {
        if (update.safeTxHash !== payout.safeTxHash) continue;
        heard.push(update.status);
        if (update.status === 'EXECUTED') return;
      }
    })();
    await sleep(300); // graphql-ws registers the listener asynchronously

    const first = await confirm(payout, owner1);
    expect(first.status).toBe('AWAITING_CONFIRMATIONS');
    expect(first.missingSigners).toEqual([owner2.address, owner3.address]);
    expect((await confirm(payout, owner1)).missingSigners).toHaveLength(2); // idempotent

    // Bad confirmations and executions: typed errors, nothing written.
    const signOther = (changes: Partial<Parameters<typeof safeTxTypedData>[1]>, chainId = 31337) =>
      account(2).signTypedData(safeTxTypedData(chainId, { ...payout, ...changes }));
    const confirmations = () => stack.database.dataSource.getRepository(SafeConfirmationEntity).count();
    const stored = await confirmations();
    const refusals: Array<[string, Promise<unknown>, string]> = [
      [
        'a non-owner',
        fineTuner
          .signSafeTransaction(payout)
          .then((signature) =>
            api.client.request(ConfirmSafeTransactionDocument, { safeTxHash: payout.safeTxHash, signature }),
          ),
        'NOT_AN_OWNER',
      ],
      ...(
        [
          ['another nonce', signOther({ nonce: '1' })],
          ['another chain', signOther({}, 1)],
          ['another Safe', signOther({ safe: stack.chain.stack.safeContracts.safeL2 })],
        ] as const
      ).map(
        ([name, signature]) =>
          [
            `a signature over ${name}`,
            signature.then((s) =>
              api.client.request(ConfirmSafeTransactionDocument, {
                safeTxHash: payout.safeTxHash,
                signature: s,
              }),
            ),
            'NOT_AN_OWNER',
          ] as [string, Promise<unknown>, string],
      ),
      [
        'a truncated signature',
        api.client.request(ConfirmSafeTransactionDocument, {
          safeTxHash: payout.safeTxHash,
          signature: `0x${'11'.repeat(64)}`,
        }),
        'MALFORMED_SIGNATURE',
      ],
      [
        'a malformed signature',
        api.client.request(ConfirmSafeTransactionDocument, {
          safeTxHash: payout.safeTxHash,
          signature: `0x${'11'.repeat(64)}07`,
        }),
        'MALFORMED_SIGNATURE',
      ],
      // A contract signature (v = 0) is the named owner's ERC-1271 answer: an EOA has none to give.
      ...(
        [
          ['naming an EOA owner', owner2.address, '0x'],
          ['with garbled data', stack.chain.stack.daoSafe, `0x${'ab'.repeat(7)}`],
        ] as const
      ).map(
        ([name, named, data]) =>
          [
            `a contract signature ${name}`,
            api.client.request(ConfirmSafeTransactionDocument, {
              safeTxHash: payout.safeTxHash,
              signature: concatHex([
                pad(named),
                pad(numberToHex(65)),
                '0x00',
                pad(numberToHex(size(data))),
                data,
              ]),
            }),
            'INVALID_SIGNATURE',
          ] as [string, Promise<unknown>, string],
      ),
      ['execution below threshold', execute(payout.safeTxHash), 'BELOW_THRESHOLD'],
      [
        'execution without a relay key',
        withoutRelay.client.request(ExecuteSafeTransactionDocument, { safeTxHash: payout.safeTxHash }),
        'RELAYER_NOT_CONFIGURED',
      ],
      [
        'an unknown transaction',
        api.client.request(SafeTransactionDocument, { safeTxHash: `0x${'00'.repeat(32)}` }),
        'SAFE_TX_NOT_FOUND',
      ],
    ];
    for (const [name, attempt, code] of refusals)
      expect([name, (await rejection(attempt)).code]).toEqual([name, code]);
    expect(await confirmations()).toBe(stored);
    expect((await safeTx(payout.safeTxHash)).status).toBe('AWAITING_CONFIRMATIONS');

    // The second owner signs with eth_sign (v + 4), as hardware wallets do.
    const ethSigned = await account(2).signMessage({ message: { raw: payout.safeTxHash } });
    const v = Number.parseInt(ethSigned.slice(-2), 16) + 4;
    const { confirmSafeTransaction: ready } = await api.client.request(ConfirmSafeTransactionDocument, {
      safeTxHash: payout.safeTxHash,
      signature: `${ethSigned.slice(0, -2)}${v.toString(16)}` as Hex,
    });
    expect(ready).toMatchObject({ status: 'READY', missingSigners: [owner3.address] });
    const detail = await safeTx(payout.safeTxHash);
    expect(detail.confirmations.map((c) => [c.owner, c.signatureType])).toEqual([
      [owner1.address, 'EOA'],
      [owner2.address, 'ETH_SIGN'],
    ]);
    expect(detail.execTransactionData).toMatch(/^0x6a761202/); // execTransaction's selector

    // The same execution requested twice at once is sent once.
    const [a, b] = await Promise.all([execute(payout.safeTxHash), execute(payout.safeTxHash)]);
    expect(a.executionTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(b.executionTxHash).toBe(a.executionTxHash);
    const executed = await waitFor(
      () => safeTx(payout.safeTxHash),
      (tx) => tx.status === 'EXECUTED',
      'indexing',
    );
    await listening;
    // Owner 1's confirmation once (its repetition and the refused ones are not news), then owner 2's.
    expect(heard).toEqual(['AWAITING_CONFIRMATIONS', 'READY', 'EXECUTING', 'EXECUTED']);
    expect(executed.executionTxHash).toBe(a.executionTxHash);
    const paid = await waitFor(
      async () => (await api.client.request(RoundDocument, { id: createRound.id })).round,
      (round) => round.state === 'PAID',
      'the round to be PAID',
    );
    expect(paid.tranches.every((t) => t.status === 'PAID' && t.txHash === a.executionTxHash)).toBe(true);
    for (const allocation of allocations)
      expect((await balanceOf(allocation.recipient)) - before.get(allocation.recipient)!).toBe(
        BigInt(allocation.amount),
      );
    const closed = await rejection(confirm(payout, owner3));
    expect(closed.code).toBe('SAFE_TX_CLOSED');
    expect(
      (await rejection(api.client.request(ProposeRoundPayoutsDocument, { round: createRound.id }))).code,
    ).toBe('ROUND_NOT_PAYABLE');
  });

  it('executes passed proposals: a conflict resolved by a rejection, an unfunded call FAILED, one sent outside Guildhall recognised', async () => {
    const recipient = DEV_ACCOUNTS[0].address;
    const tokens = [stack.chain.stack.payoutToken];
    const first = BigInt((await api.client.request(TreasuryDocument, { dao: DAO, tokens })).treasury.nonce);
    /** The Safe's nonce `i` transactions after this test's first. */
    const n = (i: number) => (first + BigInt(i)).toString();
    const propose = async (title: string, action: ReturnType<typeof transfer>) =>
      (
        await api.client.request(
          CreateProposalDocument,
          await admin.createProposal({
            dao: DAO,
            title,
            voteType: 'basic',
            choices: ['For', 'Against', 'Abstain'],
            actions: [action],
          }),
        )
      ).createProposal;
    const vote = (proposal: string) =>
      owner1
        .castVote({ dao: DAO, proposal, choice: 1 })
        .then((signed) => api.client.request(CastVoteDocument, signed));
    const grant = await propose('Grant five dUSDC', transfer(recipient, 5_000_000n));
    await vote(grant.id);
    await sleep(1_100); // the second vote ends a second later: its Safe transaction comes second
    const tooMuch = await propose('Grant more than the Safe holds', transfer(recipient, 10n ** 15n));
    await vote(tooMuch.id);
    const state = async (id: string) => (await api.client.request(ProposalDocument, { id })).proposal.state;
    // Passed with actions: SUCCEEDED, then QUEUED once the treasury proposes its Safe transaction.
    for (const proposal of [grant, tooMuch])
      await waitFor(
        () => state(proposal.id),
        (s) => s === 'QUEUED',
        'the vote and the Safe transaction',
      );

    const { proposeProposalExecution: p1 } = await api.client.request(ProposeProposalExecutionDocument, {
      proposal: grant.id,
    });
    expect(p1).toMatchObject({
      status: 'AWAITING_CONFIRMATIONS',
      nonce: n(0),
      operation: 0,
      origin: { kind: 'PROPOSAL', proposal: grant.id },
    });
    expect(p1.actions[0].humanReadable).toBe(
      `ERC20 transfer of 5000000 base units of token ${stack.chain.stack.payoutToken} to ${recipient}`,
    );
    expect(await state(grant.id)).toBe('QUEUED');
    const { proposeProposalExecution: p2 } = await api.client.request(ProposeProposalExecutionDocument, {
      proposal: tooMuch.id,
    });
    expect(p2.nonce).toBe(n(1));

    // Only an owner of the Safe or a DAO admin may put a rejection in the queue, by a signed message.
    const reject = async (by: GuildhallSigner, safeTxHash: Hex, dao = DAO) =>
      api.client.request(ProposeSafeRejectionDocument, await by.proposeSafeRejection({ dao, safeTxHash }));
    const rejections = () =>
      stack.database.dataSource
        .getRepository(SafeTransactionEntity)
        .countBy({ origin: 'REJECTION', safe: stack.chain.stack.daoSafe });
    // Another DAO on the same Safe, administered by someone who is not an owner.
    await api.client.request(
      CreateDaoDocument,
      await fineTuner.createDao({
        dao: 'sharing-guild',
        name: 'Sharing Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    const forged = await owner3.proposeSafeRejection({ dao: DAO, safeTxHash: p1.safeTxHash });
    const refused: Array<[string, Promise<unknown>, string]> = [
      ['a signer who is neither an owner nor an admin', reject(fineTuner, p1.safeTxHash), 'NOT_AN_OWNER'],
      [
        'an owner’s message sent as another’s',
        api.client.request(ProposeSafeRejectionDocument, {
          ...forged,
          input: { ...forged.input, from: owner1.address },
        }),
        'INVALID_SIGNATURE',
      ],
      [
        'the admin of another DAO on the same Safe',
        reject(fineTuner, p1.safeTxHash, 'sharing-guild'),
        'SAFE_TX_NOT_FOUND',
      ],
      ['an unknown transaction', reject(owner3, `0x${'00'.repeat(32)}`), 'SAFE_TX_NOT_FOUND'],
    ];
    for (const [name, attempt, code] of refused)
      expect([name, (await rejection(attempt)).code]).toEqual([name, code]);
    expect(await rejections()).toBe(0);

    // An owner rejects p1: the no-op at its nonce. Both show in the queue at nonce 1: a conflict.
    const { proposeSafeRejection: r1 } = await api.client.request(ProposeSafeRejectionDocument, forged);
    expect(r1).toMatchObject({
      nonce: n(0),
      to: stack.chain.stack.daoSafe,
      data: '0x',
      origin: { kind: 'REJECTION' },
    });
    const queue = (await api.client.request(TreasuryDocument, { dao: DAO, tokens })).treasury;
    expect(queue).toMatchObject({
      threshold: 2,
      nonce: n(0),
      owners: [owner1.address, owner2.address, owner3.address],
    });
    expect(
      queue.queued
        .filter((tx) => tx.nonce === n(0))
        .map((tx) => tx.safeTxHash)
        .sort(),
    ).toEqual([p1.safeTxHash, r1.safeTxHash].sort());
    expect(queue.balances[0]).toMatchObject({ symbol: 'dUSDC', decimals: 6 });
    expect((await safeTx(p1.safeTxHash)).conflictsWith).toEqual([r1.safeTxHash]);
    // The same envelope again, and an admin who is not an owner: the rejection already at that nonce.
    expect((await api.client.request(ProposeSafeRejectionDocument, forged)).proposeSafeRejection).toEqual(r1);
    expect((await reject(admin, p1.safeTxHash)).proposeSafeRejection.safeTxHash).toBe(r1.safeTxHash);
    expect(await rejections()).toBe(1);

    // Owners confirm the rejection in Guildhall; the third sends execTransaction from their own wallet.
    await confirm(r1, owner1);
    await confirm(r1, owner2);
    const { execTransactionData } = await safeTx(r1.safeTxHash);
    const wallet = createWalletClient({
      account: privateKeyToAccount(DEV_ACCOUNTS[3].privateKey),
      chain: chain(),
      transport: http(stack.chain.rpcUrl),
    });
    await publicClient().waitForTransactionReceipt({
      hash: await wallet.sendTransaction({ to: stack.chain.stack.daoSafe, data: execTransactionData! }),
    });
    expect(['NONCE_ALREADY_USED', 'SAFE_TX_CLOSED']).toContain((await rejection(confirm(p1, owner1))).code);
    await waitFor(
      () => safeTx(r1.safeTxHash),
      (tx) => tx.status === 'EXECUTED',
      'the rejection to be indexed',
    );
    expect(await safeTx(p1.safeTxHash)).toMatchObject({
      status: 'REPLACED',
      statusReason: `nonce ${n(0)} was used by ${r1.safeTxHash}`,
    });
    expect(await state(grant.id)).toBe('SUCCEEDED');

    // p2 cannot be funded: the relay does not send it; it is FAILED with the token's reason, nonce unused.
    await confirm(p2, owner1);
    await confirm(p2, owner3);
    const failed = await execute(p2.safeTxHash);
    expect(failed.status).toBe('FAILED');
    expect(failed.statusReason).toMatch(/ERC20InsufficientBalance/);
    expect(failed.executionTxHash).toBeNull();
    expect(await state(tooMuch.id)).toBe('QUEUED');
    const { proposeSafeRejection: r2 } = await reject(owner2, p2.safeTxHash);
    await confirm(r2, owner2);
    await confirm(r2, owner3);
    await execute(r2.safeTxHash);
    await waitFor(
      () => safeTx(p2.safeTxHash),
      (tx) => tx.status === 'REPLACED',
      'the failed one to be replaced',
    );
    expect(await state(tooMuch.id)).toBe('SUCCEEDED');

    // The grant again, at the next nonce, through the relay.
    const { proposeProposalExecution: again } = await api.client.request(ProposeProposalExecutionDocument, {
      proposal: grant.id,
    });
    expect(again.nonce).toBe(n(2));
    await confirm(again, owner1);
    await confirm(again, owner2);
    const before = await balanceOf(recipient);
    await execute(again.safeTxHash);
    await waitFor(
      () => safeTx(again.safeTxHash),
      (tx) => tx.status === 'EXECUTED',
      'the grant',
    );
    expect(await state(grant.id)).toBe('EXECUTED');
    expect((await balanceOf(recipient)) - before).toBe(5_000_000n);

    // Owners execute a transfer entirely outside Guildhall: the indexer recognises it.
    const outside = {
      safe: stack.chain.stack.daoSafe,
      ...transfer(recipient, 1_000_000n),
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: zeroAddress,
      refundReceiver: zeroAddress,
      nonce: BigInt(n(3)),
    };
    const signatures = (
      await Promise.all(
        [1, 2].map(async (index) => ({
          owner: DEV_ACCOUNTS[index].address,
          signature: await account(index).signTypedData(safeTxTypedData(31337, outside)),
        })),
      )
    )
      .sort((x, y) => x.owner.toLowerCase().localeCompare(y.owner.toLowerCase()))
      .map((s) => s.signature.slice(2))
      .join('');
    const hash = await wallet.writeContract({
      address: stack.chain.stack.daoSafe,
      abi: safeL2Abi,
      functionName: 'execTransaction',
      args: [outside.to, 0n, outside.data, 0, 0n, 0n, 0n, zeroAddress, zeroAddress, `0x${signatures}`],
    });
    const external = await waitFor(
      async () =>
        (await api.client.request(SafeTransactionsDocument, { dao: DAO, first: 1 })).safeTransactions
          .nodes[0],
      (tx) => tx.origin.kind === 'EXTERNAL',
      'the outside execution to be indexed',
    );
    expect(external).toMatchObject({ status: 'EXECUTED', nonce: n(3), executionTxHash: hash });
    expect(external.actions[0].humanReadable).toBe(
      `ERC20 transfer of 1000000 base units of token ${stack.chain.stack.payoutToken} to ${recipient}`,
    );
    const byStatus = await api.client.request(SafeTransactionsDocument, { dao: DAO, status: 'REPLACED' });
    expect(byStatus.safeTransactions.nodes.map((tx) => tx.safeTxHash).sort()).toEqual(
      [p1.safeTxHash, p2.safeTxHash].sort(),
    );
  });

  it('takes an ERC-1271 confirmation from a contract owner (a Safe owning the Safe), as execTransaction does', async () => {
    const { safeContracts } = stack.chain.stack;
    const deployer = createWalletClient({
      account: account(0),
      chain: chain(),
      transport: http(stack.chain.rpcUrl),
    });
    const deploySafe = async (owners: Address[], threshold: bigint, salt: bigint): Promise<Address> => {
      const initializer = encodeFunctionData({
        abi: safeL2Abi,
        functionName: 'setup',
        args: [
          owners,
          threshold,
          zeroAddress,
          '0x',
          safeContracts.compatibilityFallbackHandler,
          zeroAddress,
          0n,
          zeroAddress,
        ],
      });
      const call = {
        address: safeContracts.safeProxyFactory,
        abi: safeProxyFactoryAbi,
        functionName: 'createProxyWithNonce',
        args: [safeContracts.safeL2, initializer, salt],
      } as const;
      const { result } = await publicClient().simulateContract({ ...call, account: account(0) });
      await publicClient().waitForTransactionReceipt({ hash: await deployer.writeContract(call) });
      return result;
    };
    const ownerSafe = await deploySafe([DEV_ACCOUNTS[4].address], 1n, 1n);
    const nestedSafe = await deploySafe([ownerSafe, DEV_ACCOUNTS[5].address], 2n, 2n);
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: 'nested-guild',
        name: 'Nested Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: nestedSafe,
        rules: { ...permissiveRules, votingPeriod: 5 },
      }),
    );
    const { createProposal } = await api.client.request(
      CreateProposalDocument,
      await admin.createProposal({
        dao: 'nested-guild',
        title: 'A zero transfer, to exercise the signatures',
        voteType: 'basic',
        choices: ['For', 'Against', 'Abstain'],
        actions: [transfer(DEV_ACCOUNTS[0].address, 0n)],
      }),
    );
    await api.client.request(
      CastVoteDocument,
      await owner1.castVote({ dao: 'nested-guild', proposal: createProposal.id, choice: 1 }),
    );
    const { proposeProposalExecution: tx } = await waitFor(
      () =>
        api.client
          .request(ProposeProposalExecutionDocument, { proposal: createProposal.id })
          .catch(() => ({ proposeProposalExecution: null })),
      (result) => result.proposeProposalExecution !== null,
      'the proposal to pass',
    );

    // The owner Safe's own owner signs SafeMessage(preimage of the SafeTx) for it: Safe's ERC-1271.
    const typedData = safeTxTypedData(31337, tx!);
    const preimage = concatHex([
      '0x1901',
      hashDomain({
        domain: { chainId: 31337n, verifyingContract: typedData.domain.verifyingContract },
        types: {
          EIP712Domain: [
            { name: 'chainId', type: 'uint256' },
            { name: 'verifyingContract', type: 'address' },
          ],
        },
      }),
      hashStruct({ data: typedData.message, primaryType: 'SafeTx', types: typedData.types }),
    ]);
    const inner = await account(4).signTypedData({
      domain: { chainId: 31337, verifyingContract: ownerSafe },
      types: { SafeMessage: [{ name: 'message', type: 'bytes' }] },
      primaryType: 'SafeMessage',
      message: { message: preimage },
    });
    const contractSignature = concatHex([
      pad(ownerSafe.toLowerCase() as Hex),
      pad(numberToHex(65)),
      '0x00',
      pad(numberToHex(size(inner))),
      inner,
    ]);
    const forged = concatHex([
      pad(ownerSafe.toLowerCase() as Hex),
      pad(numberToHex(65)),
      '0x00',
      pad(numberToHex(65)),
      await account(6).signTypedData({
        domain: { chainId: 31337, verifyingContract: ownerSafe },
        types: { SafeMessage: [{ name: 'message', type: 'bytes' }] },
        primaryType: 'SafeMessage',
        message: { message: preimage },
      }),
    ]);
    const confirmWith = (signature: Hex) =>
      api.client.request(ConfirmSafeTransactionDocument, { safeTxHash: tx!.safeTxHash, signature });
    expect((await rejection(confirmWith(forged))).code).toBe('INVALID_SIGNATURE');
    expect((await confirmWith(contractSignature)).confirmSafeTransaction.missingSigners).toEqual([
      DEV_ACCOUNTS[5].address,
    ]);
    await confirm(tx!, devSigner(5));
    expect((await safeTx(tx!.safeTxHash)).confirmations.map((c) => [c.owner, c.signatureType])).toEqual([
      [ownerSafe, 'CONTRACT'],
      [DEV_ACCOUNTS[5].address, 'EOA'],
    ]);
    await execute(tx!.safeTxHash);
    await waitFor(
      () => safeTx(tx!.safeTxHash),
      (t) => t.status === 'EXECUTED',
      'the nested execution',
    );
  });

  function account(index: number) {
    return privateKeyToAccount(DEV_ACCOUNTS[index].privateKey);
  }
});
