import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Keystore from 'ox/Keystore';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import { formatTokenValue } from '@guildhall/core';
import {
  AttestationsDocument,
  CastVoteDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  GuildhallSigner,
  SetReviewersDocument,
  SubmitAttestationDocument,
  type AttestationFieldsFragment,
  type DisputeFieldsFragment,
  type ProposalFieldsFragment,
  type ProposalTallyFieldsFragment,
  type RoundFieldsFragment,
  type ReviewFieldsFragment,
  type VotingRules,
} from '@guildhall/sdk';
import { CliRunner } from '../apps/cli/src/testing/cli-runner.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const rules: VotingRules = {
  votingDelay: 0,
  votingPeriod: 3600,
  proposalThreshold: 1n,
  quorumKind: 'ABSOLUTE',
  quorum: 1n,
  supermajorityBps: 0,
  voteTypes: ['basic', 'single-choice'],
  allowVoteChange: true,
};
const DAO = 'cli-works';
const key = (index: number) => DEV_ACCOUNTS[index].privateKey;
const signer = (index: number) => new GuildhallSigner(privateKeyToAccount(key(index)), 31337);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Exit code 2 and exactly one line on stderr, naming the argument and the --help hint. */
const expectUsageError = (result: { code: number; stdout: string; stderr: string }, names: string) => {
  expect(result).toMatchObject({ code: 2, stdout: '' });
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(names);
  expect(lines[0]).toMatch(/\(see guildhall [a-z ]+ --help\)$/);
};

describe('guildhall CLI: the real binary against the API (real PostgreSQL, devnet)', () => {
  let stack: TestStack;
  let api: TestApi;
  let cli: CliRunner;
  let dir: string;
  const env = (index?: number): Record<string, string> => ({
    GUILDHALL_API: api.url,
    ...(index === undefined ? {} : { GUILDHALL_PRIVATE_KEY: key(index) }),
  });
  const attestationCount = async () =>
    (await api.client.request(AttestationsDocument, { dao: DAO, first: 100 })).attestations.nodes.length;

  beforeAll(async () => {
    cli = CliRunner.build();
    dir = await mkdtemp(join(tmpdir(), 'guildhall-cli-'));
    stack = await TestStack.start();
    api = await stack.api();
    const admin = signer(5);
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'CLI Works',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules,
      }),
    );
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao: DAO, reviewers: [signer(1).address, signer(2).address] }),
    );
  });

  afterAll(async () => {
    cli?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
    await stack?.close();
  });

  describe('contributors and reviewers', () => {
    it('submits an attestation with a hashed evidence file, lists, shows, reviews and withdraws it', async () => {
      const file = join(dir, 'eval.json');
      await writeFile(file, '{"refusal_rate":0.97}');
      const submitted = await cli.json<AttestationFieldsFragment>(
        [
          'attest',
          'submit',
          '--dao',
          DAO,
          '--kind',
          'safety-evaluation',
          '--model',
          'guild-7b@1.2',
          '--title',
          'Refusal evaluation',
          '--evidence-file',
          file,
          '--evidence-uri',
          'https://evals.example/eval.json',
          '--evidence',
          `ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi#${sha256('logs')}`,
          '--metric',
          'refusal_rate=0.97',
        ],
        env(6),
      );
      expect(submitted).toMatchObject({
        dao: DAO,
        kind: 'SAFETY_EVALUATION',
        contributor: signer(6).address,
        model: { name: 'guild-7b', version: '1.2' },
        status: 'IN_REVIEW',
        evidence: [
          {
            uri: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
            sha256: `0x${sha256('logs')}`,
          },
          { uri: 'https://evals.example/eval.json', sha256: `0x${sha256('{"refusal_rate":0.97}')}` },
        ],
        metrics: [{ name: 'refusal_rate', value: 0.97 }],
      });

      const listed = await cli.json<{ nodes: AttestationFieldsFragment[] }>(
        ['attest', 'list', '--dao', DAO, '--status', 'IN_REVIEW', '--contributor', signer(6).address],
        env(),
      );
      expect(listed.nodes.map((a) => a.id)).toEqual([submitted.id]);
      const table = await cli.run(['attest', 'list', '--dao', DAO], env());
      expect(table.code).toBe(0);
      expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+KIND\s+STATUS/);
      expect(table.stdout).toContain('Refusal evaluation');

      const reviewed = await cli.json<AttestationFieldsFragment>(
        [
          'review',
          'submit',
          '--dao',
          DAO,
          '--attestation',
          submitted.id,
          '--score',
          '80',
          '--comment',
          'solid',
        ],
        env(1),
      );
      expect(reviewed).toMatchObject({ id: submitted.id, reviewCount: 1, reviewsVisible: false });
      const reviews = await cli.json<{ nodes: ReviewFieldsFragment[] }>(
        ['review', 'list', '--dao', DAO, '--reviewer', signer(1).address],
        env(),
      );
      expect(reviews.nodes).toEqual([
        expect.objectContaining({ attestationId: submitted.id, reviewer: signer(1).address, score: null }),
      ]);

      const shown = await cli.json<AttestationFieldsFragment & { reviews: ReviewFieldsFragment[] }>(
        ['attest', 'show', submitted.id],
        env(),
      );
      expect(shown).toMatchObject({ id: submitted.id, reviewCount: 1 });
      expect(shown.reviews).toHaveLength(1);

      // An API rejection: its message and code on one line, exit code 1.
      const notMine = await cli.run(['attest', 'withdraw', submitted.id, '--dao', DAO], env(7));
      expect(notMine).toMatchObject({ code: 1, stdout: '' });
      expect(notMine.stderr).toMatch(/^guildhall: .+ \[NOT_THE_CONTRIBUTOR\]\n$/);

      const withdrawn = await cli.json<AttestationFieldsFragment>(
        ['attest', 'withdraw', submitted.id, '--dao', DAO],
        env(6),
      );
      expect(withdrawn).toMatchObject({ id: submitted.id, status: 'WITHDRAWN' });
    });

    it('signs with a V3 keystore and fails cleanly on a wrong password, submitting nothing', async () => {
      const [derived, options] = Keystore.pbkdf2({ password: 'correct horse', iterations: 1_000 });
      const keystore = join(dir, 'keystore.json');
      await writeFile(keystore, JSON.stringify(Keystore.encrypt(key(8), derived, options)));
      const args = [
        'attest',
        'submit',
        '--dao',
        DAO,
        '--kind',
        'RED_TEAMING',
        '--model',
        'guild-7b@1.2',
        '--title',
        'Prompt injection sweep',
        '--evidence',
        `https://evals.example/sweep.json#${sha256('sweep')}`,
        '--keystore',
        keystore,
      ];
      const before = await attestationCount();
      const wrong = await cli.run(args, { ...env(), GUILDHALL_KEYSTORE_PASSWORD: 'battery staple' });
      expectUsageError(wrong, `--keystore: wrong password for ${keystore}`);
      // No terminal to ask on: a clean refusal, not a hang.
      expectUsageError(await cli.run(args, env()), 'GUILDHALL_KEYSTORE_PASSWORD');
      expect(await attestationCount()).toBe(before);

      const signed = await cli.json<AttestationFieldsFragment>(args, {
        ...env(),
        GUILDHALL_KEYSTORE_PASSWORD: 'correct horse',
      });
      expect(signed.contributor).toBe(signer(8).address);
    });

    it('sets and shows a profile, co-signs an attestation, and disputes it until an admin resolves the dispute', async () => {
      const profile = await cli.json<{ dao: string; address: string; handle: string; kinds: string[] }>(
        [
          'profile',
          'set',
          '--dao',
          DAO,
          '--handle',
          'cli_cosigner',
          '--kind',
          'red-teaming',
          '--kind',
          'SAFETY_EVALUATION',
          '--link',
          'https://github.com/cli-cosigner',
        ],
        env(7),
      );
      expect(profile).toMatchObject({
        dao: DAO,
        address: signer(7).address,
        handle: 'cli_cosigner',
        kinds: ['RED_TEAMING', 'SAFETY_EVALUATION'],
        links: ['https://github.com/cli-cosigner'],
      });
      // The address given, or the key's.
      const shown = await cli.json<{ address: string; profile: { handle: string } | null }>(
        ['profile', 'show', '--dao', DAO, signer(7).address.toLowerCase()],
        env(),
      );
      expect(shown).toMatchObject({ address: signer(7).address, profile: { handle: 'cli_cosigner' } });
      const mine = await cli.run(['profile', 'show', '--dao', DAO], env(7));
      expect(mine.code).toBe(0);
      expect(mine.stdout).toMatch(/handle\s+cli_cosigner\n/);
      const nobody = await cli.json<{ profile: null }>(
        ['profile', 'show', '--dao', DAO, signer(9).address],
        env(),
      );
      expect(nobody.profile).toBeNull();

      const submitted = await cli.json<AttestationFieldsFragment>(
        [
          'attest',
          'submit',
          '--dao',
          DAO,
          '--kind',
          'RED_TEAMING',
          '--model',
          'guild-7b@1.2',
          '--title',
          'Jailbreak sweep, two of us',
          '--evidence',
          `https://evals.example/jailbreaks.json#${sha256('jailbreaks')}`,
          '--split',
          `${signer(6).address}=6000`,
          '--split',
          `${signer(7).address}=4000`,
        ],
        env(6),
      );
      expect(submitted.status).toBe('PENDING_COSIGN');
      const cosigned = await cli.json<AttestationFieldsFragment>(
        ['attest', 'cosign', submitted.id, '--dao', DAO],
        env(7),
      );
      expect(cosigned).toMatchObject({ id: submitted.id, status: 'IN_REVIEW' });
      expect(cosigned.coContributors.every((c) => c.cosignedAt !== null)).toBe(true);

      const opened = await cli.json<DisputeFieldsFragment>(
        [
          'dispute',
          'open',
          '--dao',
          DAO,
          '--attestation',
          submitted.id,
          '--reason',
          "the sweep reuses last month's prompts",
          '--evidence',
          `https://evals.example/overlap.md#${sha256('overlap')}`,
        ],
        env(3),
      );
      expect(opened).toMatchObject({
        disputer: signer(3).address,
        targetKind: 'ATTESTATION',
        attestationId: submitted.id,
        status: 'OPEN',
        evidence: [`https://evals.example/overlap.md#${sha256('overlap')}`],
      });
      expect(
        (await cli.json<AttestationFieldsFragment>(['attest', 'show', submitted.id], env())).status,
      ).toBe('DISPUTED');

      // Only admins resolve: the API's code, exit code 1, nothing changed.
      const args = [
        'dispute',
        'resolve',
        opened.id,
        '--dao',
        DAO,
        '--outcome',
        'dismissed',
        '--reason',
        'new prompts',
      ];
      const refused = await cli.run(args, env(9));
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr).toMatch(/^guildhall: .+ \[NOT_A_DAO_ADMIN\]\n$/);
      const resolved = await cli.json<DisputeFieldsFragment>(args, env(5));
      expect(resolved).toMatchObject({
        id: opened.id,
        status: 'DISMISSED',
        resolution: 'new prompts',
        resolvedBy: signer(5).address,
      });
      expect((await cli.json<DisputeFieldsFragment>(['dispute', 'show', opened.id], env())).status).toBe(
        'DISMISSED',
      );
      const human = await cli.run(['dispute', 'show', opened.id], env());
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^id\s+\S+\nstatus\s+DISMISSED\ntarget\s+attestation \S+\n/);
      expect(human.stdout).toMatch(/resolution\s+new prompts\n/);
      expect(
        (await cli.json<AttestationFieldsFragment>(['attest', 'show', submitted.id], env())).status,
      ).toBe('IN_REVIEW');
    });

    it('refuses missing and malformed arguments with exit code 2 and one line, submitting nothing', async () => {
      const before = await attestationCount();
      const submit = ['attest', 'submit', '--dao', DAO, '--kind', 'RESEARCH', '--model', 'guild-7b@1.2'];
      const evidence = ['--evidence', `https://evals.example/a.json#${sha256('a')}`];
      const cases: Array<[string[], string]> = [
        [['attest', 'list'], "required option '--dao <slug>'"],
        [['attest', 'list', '--dao', 'X!'], "'--dao <slug>' argument 'X!'"],
        [[...submit, ...evidence], "'--title <text>'"],
        [[...submit, '--title', 't', ...evidence.slice(0, 1), 'https://x#12'], "'--evidence <uri#sha256>'"],
        [[...submit, '--title', 't', '--evidence-file', join(dir, 'missing.json')], '--evidence-uri'],
        [
          [
            ...submit,
            '--title',
            't',
            '--evidence-file',
            join(dir, 'missing.json'),
            '--evidence-uri',
            'https://x',
          ],
          '--evidence-file: cannot read',
        ],
        [[...submit, '--title', 't', ...evidence, '--metric', 'accuracy'], "'--metric <name=value>'"],
        [[...submit, '--title', 't', ...evidence, '--model', 'guild-7b'], "'--model <name@version>'"],
        [['review', 'submit', '--dao', DAO, '--attestation', '1', '--score', '101'], "'--score <0-100>'"],
        [['attest', 'show'], "missing required argument 'id'"],
        [['attest', 'list', '--dao', DAO, '--bogus'], "unknown option '--bogus'"],
        [['attest', 'cosign', '1'], "required option '--dao <slug>'"],
        [
          ['profile', 'set', '--dao', DAO, '--handle', 'h', '--kind', 'CODING'],
          "'--kind <kind>' argument 'CODING'",
        ],
        [
          ['profile', 'set', '--dao', DAO, '--handle', 'h', '--link', 'github'],
          "'--link <url>' argument 'github'",
        ],
        [['profile', 'show', '--dao', DAO, '0x1234'], "value '0x1234' is invalid for argument 'address'"],
        [
          ['dispute', 'open', '--dao', DAO, '--attestation', '1', '--review', '2', '--reason', 'r'],
          "'--attestation <id>' cannot be used with option '--review <id>'",
        ],
        [['dispute', 'open', '--dao', DAO, '--reason', 'r'], '--attestation or --review'],
        [['dispute', 'open', '--dao', DAO, '--review', '2'], "'--reason <text>'"],
        [
          ['dispute', 'resolve', '1', '--dao', DAO, '--outcome', 'maybe', '--reason', 'r'],
          "'--outcome <outcome>' argument 'maybe'",
        ],
      ];
      for (const [args, names] of cases) expectUsageError(await cli.run(args, env(6)), names);
      // A complete command without a key.
      expectUsageError(await cli.run([...submit, '--title', 't', ...evidence], env()), '--private-key');
      expectUsageError(await cli.run(['profile', 'show', '--dao', DAO], env()), 'address: give an address');
      expect(await attestationCount()).toBe(before);
    });
  });

  describe('bounties', () => {
    it('posts a bounty, claims it, delivers an attestation, accepts it and shows its payout; refuses what is refused', async () => {
      type Bounty = {
        id: string;
        state: string;
        amount: string;
        claims: Array<{ id: string; claimant: string; state: string }>;
        payouts: Array<{ payee: string; amount: string; status: string }>;
      };
      const posted = await cli.json<Bounty>(
        [
          'bounty',
          'create',
          '--dao',
          DAO,
          '--title',
          'Fix the tokenizer',
          '--token',
          stack.chain.stack.payoutToken,
          '--amount',
          '1500000',
          '--deadline',
          '+1d',
          '--claim-ttl',
          '1h',
        ],
        env(5),
      );
      expect(posted).toMatchObject({ state: 'OPEN', amount: '1500000', claims: [], payouts: [] });
      const list = await cli.json<{ nodes: Array<{ id: string }> }>(['bounty', 'list', '--dao', DAO], env());
      expect(list.nodes.map((b) => b.id)).toContain(posted.id);

      const claimed = await cli.json<Bounty>(['bounty', 'claim', posted.id, '--dao', DAO], env(4));
      expect(claimed.claims).toMatchObject([{ claimant: signer(4).address, state: 'ACTIVE' }]);
      const { submitAttestation } = await api.client.request(
        SubmitAttestationDocument,
        await signer(4).submitAttestation({
          dao: DAO,
          kind: 'INFRASTRUCTURE',
          model: { name: 'guild-7b', version: '1.0' },
          title: 'tokenizer fix',
          evidence: [{ uri: 'https://example.org/tokenizer-fix', sha256: `0x${sha256('tokenizer fix')}` }],
        }),
      );
      await cli.json(
        ['bounty', 'submit', posted.id, '--dao', DAO, '--attestation', submitAttestation.id],
        env(4),
      );
      const accepted = await cli.json<Bounty>(
        ['bounty', 'accept', claimed.claims[0].id, '--dao', DAO],
        env(5),
      );
      expect(accepted.state).toMatch(/^(ACCEPTED|PAYING)$/);
      expect(accepted.payouts).toMatchObject([{ payee: signer(4).address, amount: '1500000' }]);

      const shown = await cli.run(['bounty', 'show', posted.id], env());
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/^reward +1\.5 dUSDC$/m);
      expect(shown.stdout).toContain('Payouts');

      // After acceptance: refused by the API with its code, exit code 1; a missing title is a usage error.
      const cancel = await cli.run(['bounty', 'cancel', posted.id, '--dao', DAO], env(5));
      expect(cancel).toMatchObject({ code: 1, stdout: '' });
      expect(cancel.stderr).toMatch(/^guildhall: .+ \[ALREADY_ACCEPTED\]\n$/);
      expectUsageError(
        await cli.run(['bounty', 'create', '--dao', DAO, '--token', stack.chain.stack.payoutToken], env(5)),
        '--title',
      );
    });
  });

  describe('voters and anyone', () => {
    it('creates a proposal, reads voting power, votes, lists, shows, exports and recounts it', async () => {
      const created = await cli.json<ProposalFieldsFragment>(
        ['proposal', 'create', '--dao', DAO, '--title', 'Fund the eval cluster', '--body', 'Two GPUs.'],
        env(5),
      );
      expect(created).toMatchObject({
        dao: DAO,
        title: 'Fund the eval cluster',
        voteType: 'BASIC',
        choices: ['For', 'Against', 'Abstain'],
        state: 'ACTIVE',
      });

      const power = await cli.json<{ address: string; votingPower: string }>(['power', '--dao', DAO], env(3));
      expect(power.address).toBe(signer(3).address);
      expect(BigInt(power.votingPower)).toBeGreaterThan(0n);
      // Human output in the governance token's units; --json keeps base units.
      const inGuild = formatTokenValue(BigInt(power.votingPower), { symbol: 'GUILD', decimals: 18 });
      const byAddress = await cli.run(['power', '--dao', DAO, '--address', signer(3).address], env());
      expect(byAddress).toMatchObject({ code: 0, stdout: `${inGuild}\n` });

      const voted = await cli.json<ProposalTallyFieldsFragment>(
        ['vote', '--dao', DAO, '--proposal', created.id, '--choice', '1', '--reason', 'we need evals'],
        env(3),
      );
      expect(voted.voteCount).toBe(1);
      expect(voted.tally.scores[0]).toBe(power.votingPower);

      const listed = await cli.json<{ nodes: ProposalFieldsFragment[] }>(
        ['proposal', 'list', '--dao', DAO, '--state', 'active'],
        env(),
      );
      expect(listed.nodes.map((p) => p.id)).toContain(created.id);
      const shown = await cli.json<ProposalFieldsFragment & { votes: { nodes: Array<{ voter: string }> } }>(
        ['proposal', 'show', created.id],
        env(),
      );
      expect(shown.votes.nodes.map((v) => v.voter)).toEqual([signer(3).address]);
      const human = await cli.run(['proposal', 'show', created.id], env());
      expect(human.stdout).toMatch(new RegExp(`1\\. For ✔\\s+${inGuild}\n`));
      expect(human.stdout).toMatch(/^quorum +0\.000000000000000001 GUILD$/m); // the DAO's quorum: 1 base unit

      // The export, recounted offline by the same binary, gives the API's tally.
      const exported = await cli.run(['export', 'proposal', created.id], env());
      expect(exported.code).toBe(0);
      const file = join(dir, 'proposal-export.json');
      await writeFile(file, exported.stdout);
      const recount = await cli.run(['recount', '--input', file]);
      expect(recount.code).toBe(0);
      expect(JSON.parse(recount.stdout)).toMatchObject({
        scores: voted.tally.scores,
        scoresTotal: voted.tally.scoresTotal,
      });
    });

    it('shows titles and reasons others wrote with their control and bidi characters escaped; --json keeps them exact', async () => {
      const title = 'Fund evals\u001b[2K\r\u001b[1AApproved\u0007 \u001b]0;pwned\u0007\u202egnp.exe';
      const reason = 'ok\u001b[8m hidden\u0008\nsecond line \u2066x\u2069';
      const { createProposal } = await api.client.request(
        CreateProposalDocument,
        await signer(6).createProposal({ dao: DAO, title, voteType: 'single-choice', choices: ['A', 'B'] }),
      );
      await api.client.request(
        CastVoteDocument,
        await signer(7).castVote({ dao: DAO, proposal: createProposal.id, choice: 1, reason }),
      );
      const shownTitle = 'Fund evals\\x1b[2K\\r\\x1b[1AApproved\\x07 \\x1b]0;pwned\\x07\\u202egnp.exe';
      const shownReason = 'ok\\x1b[8m hidden\\x08\\nsecond line \\u2066x\\u2069';
      // eslint-disable-next-line no-control-regex
      const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

      const list = await cli.run(['proposal', 'list', '--dao', DAO], env());
      expect(list.code).toBe(0);
      expect(list.stdout).not.toMatch(raw);
      expect(list.stdout).toContain(shownTitle);
      const show = await cli.run(['proposal', 'show', createProposal.id], env());
      expect(show.code).toBe(0);
      expect(show.stdout).not.toMatch(raw);
      expect(show.stdout.split('\n').find((line) => line.startsWith('title '))).toMatch(/^title +Fund evals/);
      expect(show.stdout).toContain(`${shownTitle}\n`);
      expect(show.stdout).toContain(shownReason);

      const json = await cli.json<ProposalFieldsFragment & { votes: { nodes: Array<{ reason: string }> } }>(
        ['proposal', 'show', createProposal.id],
        env(),
      );
      expect(json.title).toBe(title);
      expect(json.votes.nodes[0].reason).toBe(reason);
    });

    it('cancels a proposal (its author), and exits 1 with the code of an API error or an unreachable API', async () => {
      const created = await cli.json<ProposalFieldsFragment>(
        ['proposal', 'create', '--dao', DAO, '--title', 'Rent a second cluster'],
        env(4),
      );
      // Not the author nor an admin: the API's code, exit code 1, still active.
      const notMine = await cli.run(['proposal', 'cancel', created.id, '--dao', DAO], env(3));
      expect(notMine).toMatchObject({ code: 1, stdout: '' });
      expect(notMine.stderr).toMatch(/^guildhall: .+ \[[A-Z_]+\]\n$/);
      const canceled = await cli.json<ProposalFieldsFragment>(
        ['proposal', 'cancel', created.id, '--dao', DAO],
        env(4),
      );
      expect(canceled).toMatchObject({ id: created.id, state: 'CANCELED' });

      const missing = await cli.run(['proposal', 'show', '999999'], env());
      expect(missing).toMatchObject({ code: 1, stdout: '' });
      expect(missing.stderr).toMatch(/^guildhall: .+ \[PROPOSAL_NOT_FOUND\]\n$/);
      // fetch refuses port 1 at once: an unreachable API, without waiting for a timeout.
      const unreachable = await cli.run(['status'], { GUILDHALL_API: 'http://127.0.0.1:1/graphql' });
      expect(unreachable).toMatchObject({ code: 1, stdout: '' });
      expect(unreachable.stderr).toMatch(
        /^guildhall: Cannot reach the Guildhall API at .+ \[NETWORK_ERROR\]\n$/,
      );
    });

    it('refuses bad votes and queries with exit code 2 and one line', async () => {
      expectUsageError(
        await cli.run(['vote', '--dao', DAO, '--proposal', '1', '--choice', '[1'], env(3)),
        "'--choice <json>' argument '[1'",
      );
      expectUsageError(await cli.run(['vote', '--dao', DAO, '--choice', '1'], env(3)), "'--proposal <id>'");
      expectUsageError(await cli.run(['power', '--dao', DAO], env()), '--address');
      expectUsageError(
        await cli.run(['power', '--dao', DAO, '--address', '0x1234'], env()),
        "'--address <address>' argument '0x1234'",
      );
      expectUsageError(
        await cli.run(['proposal', 'create', '--dao', DAO, '--title', 'x', '--type', 'plurality'], env(5)),
        "'--type <type>' argument 'plurality'",
      );
      expectUsageError(await cli.run(['export', 'ballot', '1'], env()), "unknown command 'ballot'");
      expectUsageError(
        await cli.run(['proposal', 'cancel', '--dao', DAO], env(4)),
        "missing required argument 'id'",
      );
    });
  });

  describe('admins', () => {
    const ADMIN_DAO = 'cli-admin';

    it('creates a DAO, sets reviewers, creates and shows a round, records revenue', async () => {
      const dao = await cli.json<{ slug: string; admins: string[]; voteTypes: string[] }>(
        [
          'dao',
          'create',
          '--dao',
          ADMIN_DAO,
          '--name',
          'CLI Admin',
          '--token',
          stack.chain.stack.governanceToken,
          '--safe',
          stack.chain.stack.daoSafe,
          '--voting-period',
          '1h',
          '--quorum-kind',
          'ABSOLUTE',
          '--quorum',
          '1',
          '--vote-type',
          'basic,single-choice',
        ],
        env(5),
      );
      expect(dao).toMatchObject({
        slug: ADMIN_DAO,
        admins: [signer(5).address],
        voteTypes: ['BASIC', 'SINGLE_CHOICE'],
      });

      const set = await cli.json<{ reviewers: string[] }>(
        ['reviewers', 'set', '--dao', ADMIN_DAO, signer(1).address, signer(2).address.toLowerCase()],
        env(5),
      );
      expect([...set.reviewers].sort()).toEqual([signer(1).address, signer(2).address].sort());

      const round = await cli.json<RoundFieldsFragment>(
        [
          'round',
          'create',
          '--dao',
          ADMIN_DAO,
          '--name',
          'June',
          '--token',
          stack.chain.stack.payoutToken,
          '--budget',
          '1000000',
          '--closes',
          '+1h',
          '--review-deadline',
          '+2h',
          '--pool',
          'FINE_TUNING=6000',
          '--pool',
          'safety-evaluation=4000:1000',
        ],
        env(5),
      );
      expect(round).toMatchObject({
        dao: ADMIN_DAO,
        name: 'June',
        budget: '1000000',
        engine: 'YUMA',
        pools: [
          { kind: 'FINE_TUNING', shareBps: 6000, floorBps: 0 },
          { kind: 'SAFETY_EVALUATION', shareBps: 4000, floorBps: 1000 },
        ],
      });
      const shown = await cli.json<RoundFieldsFragment>(['round', 'show', round.id], env());
      expect(shown).toMatchObject({ id: round.id, state: round.state });

      // Too early to finalize: the API's code and message, exit code 1.
      const early = await cli.run(['round', 'finalize', round.id, '--dao', ADMIN_DAO], env(5));
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(/\nguildhall: .+ \[ROUND_NOT_DUE\]\n$/); // after the progress line

      const revenue = await cli.json<{ amount: string; reference: string; recordedBy: string }>(
        [
          'revenue',
          'record',
          '--dao',
          ADMIN_DAO,
          '--token',
          stack.chain.stack.payoutToken,
          '--amount',
          '250000000',
          '--period-start',
          '-30d',
          '--period-end',
          'now',
          '--reference',
          'inference API, June',
        ],
        env(5),
      );
      expect(revenue).toMatchObject({
        amount: '250000000',
        reference: 'inference API, June',
        recordedBy: signer(5).address,
      });

      // Not an admin: refused by the API with its code, exit code 1.
      const outsider = await cli.run(['reviewers', 'set', '--dao', ADMIN_DAO, signer(9).address], env(9));
      expect(outsider).toMatchObject({ code: 1, stdout: '' });
      expect(outsider.stderr).toMatch(/^guildhall: .+ \[NOT_A_DAO_ADMIN\]\n$/);
    });

    it('changes settings, admins and the review policy, cancels a round and shares revenue', async () => {
      type Dao = {
        name: string;
        votingPeriod: number;
        quorumKind: string;
        quorum: string;
        voteTypes: string[];
        allowVoteChange: boolean;
        admins: string[];
      };
      // What is not given keeps its current value (quorum ABSOLUTE 1 from dao create).
      const changed = await cli.json<Dao>(
        [
          'dao',
          'settings',
          '--dao',
          ADMIN_DAO,
          '--voting-period',
          '2h',
          '--vote-type',
          'basic,approval',
          '--no-vote-change',
        ],
        env(5),
      );
      expect(changed).toMatchObject({
        name: 'CLI Admin',
        votingPeriod: 7_200,
        quorumKind: 'ABSOLUTE',
        quorum: '1',
        voteTypes: ['BASIC', 'APPROVAL'],
        allowVoteChange: false,
      });
      const renamed = await cli.json<Dao>(
        ['dao', 'settings', '--dao', ADMIN_DAO, '--name', 'CLI Admin Guild', '--vote-change'],
        env(5),
      );
      expect(renamed).toMatchObject({ name: 'CLI Admin Guild', votingPeriod: 7_200, allowVoteChange: true });

      const policy = await cli.json<{ minReviews: number; acceptanceScore: number; reviewPeriod: number }>(
        ['reviewers', 'policy', '--dao', ADMIN_DAO, '--min-reviews', '2', '--acceptance-score', '60'],
        env(5),
      );
      expect(policy).toMatchObject({ minReviews: 2, acceptanceScore: 60 });
      const longer = await cli.json<typeof policy>(
        ['reviewers', 'policy', '--dao', ADMIN_DAO, '--review-period', '10d'],
        env(5),
      );
      expect(longer).toEqual({ ...policy, dao: ADMIN_DAO, reviewPeriod: 864_000 });

      const admins = await cli.json<Dao>(
        ['dao', 'admins', '--dao', ADMIN_DAO, '--admin', signer(5).address, signer(4).address],
        env(5),
      );
      expect(admins.admins).toEqual(expect.arrayContaining([signer(5).address, signer(4).address]));
      expect(admins.admins).toHaveLength(2);

      // A round created by one admin, canceled by the new one.
      const round = await cli.json<RoundFieldsFragment>(
        [
          'round',
          'create',
          '--dao',
          ADMIN_DAO,
          '--name',
          'Canceled',
          '--token',
          stack.chain.stack.payoutToken,
          '--budget',
          '1000',
          '--closes',
          '+1h',
          '--review-deadline',
          '+2h',
          '--pool',
          'RESEARCH=10000',
        ],
        env(5),
      );
      const canceled = await cli.json<RoundFieldsFragment>(
        ['round', 'cancel', round.id, '--dao', ADMIN_DAO, '--reason', 'wrong token'],
        env(4),
      );
      expect(canceled).toMatchObject({ id: round.id, state: 'CANCELED' });

      const revenue = await cli.json<{ id: string }>(
        [
          'revenue',
          'record',
          '--dao',
          ADMIN_DAO,
          '--token',
          stack.chain.stack.payoutToken,
          '--amount',
          '1000001',
          '--period-start',
          '2026-05-01',
          '--period-end',
          '2026-06-01',
          '--reference',
          'inference API, May',
        ],
        env(5),
      );
      const share = await cli.json<{
        revenueId: string;
        state: string;
        excluded: string[];
        allocated: string;
        carriedOver: string;
        unallocated: string;
        allocations: Array<{ holder: string; amount: string }>;
      }>(
        [
          'revenue',
          'share',
          '--dao',
          ADMIN_DAO,
          '--record',
          revenue.id,
          '--exclude',
          signer(9).address,
          '--min-payout',
          '0',
        ],
        env(4),
      );
      expect(share).toMatchObject({ revenueId: revenue.id, state: 'COMPUTED', carriedOver: '0' });
      expect(share.excluded).toEqual(expect.arrayContaining([signer(9).address, stack.chain.stack.daoSafe]));
      expect(share.allocations.map((a) => a.holder)).not.toContain(signer(9).address);
      expect(BigInt(share.allocated) + BigInt(share.unallocated)).toBe(1_000_001n);
      expect(share.allocations.reduce((sum, a) => sum + BigInt(a.amount), 0n)).toBe(BigInt(share.allocated));

      // signer(9) is no admin: refused with the API's code, exit code 1.
      const outsider = await cli.run(
        ['round', 'cancel', round.id, '--dao', ADMIN_DAO, '--reason', 'not mine to cancel'],
        env(9),
      );
      expect(outsider).toMatchObject({ code: 1, stdout: '' });
      expect(outsider.stderr).toMatch(/^guildhall: .+ \[NOT_A_DAO_ADMIN\]\n$/);
    });

    it('finalizes a round once its review deadline has passed and exports it for guildhall score', async () => {
      const round = await cli.json<RoundFieldsFragment>(
        [
          'round',
          'create',
          '--dao',
          ADMIN_DAO,
          '--name',
          'Sprint',
          '--token',
          stack.chain.stack.payoutToken,
          '--budget',
          '5000',
          '--opens',
          '-1s',
          '--closes',
          '+2s',
          '--review-deadline',
          '+3s',
          '--pool',
          'RED_TEAMING=10000',
          '--engine',
          'mean',
        ],
        env(5),
      );
      const deadline = /^\d+$/.test(round.reviewDeadline)
        ? Number(round.reviewDeadline) * 1000
        : Date.parse(round.reviewDeadline);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now() + 1_000)));
      const finalized = await cli.json<RoundFieldsFragment>(
        ['round', 'finalize', round.id, '--dao', ADMIN_DAO],
        env(5),
      );
      expect(finalized).toMatchObject({ id: round.id, state: 'FINALIZED', engine: 'MEAN' });
      const exported = await cli.run(['export', 'round', round.id], env());
      expect(exported.code).toBe(0);
      expect(JSON.parse(exported.stdout)).toMatchObject({ round: { id: round.id, state: 'FINALIZED' } });
    });

    it('refuses bad admin arguments with exit code 2 and one line', async () => {
      const round = [
        'round',
        'create',
        '--dao',
        ADMIN_DAO,
        '--name',
        'R',
        '--token',
        stack.chain.stack.payoutToken,
      ];
      const cases: Array<[string[], string]> = [
        [['reviewers', 'set', '--dao', ADMIN_DAO], "missing required argument 'address'"],
        [
          ['reviewers', 'set', '--dao', ADMIN_DAO, 'alice'],
          "value 'alice' is invalid for argument 'address'",
        ],
        [
          [
            ...round,
            '--budget',
            '-5',
            '--closes',
            '+1h',
            '--review-deadline',
            '+2h',
            '--pool',
            'FINE_TUNING=10000',
          ],
          "'--budget <amount>'",
        ],
        [
          [
            ...round,
            '--budget',
            '5',
            '--closes',
            'tomorrow',
            '--review-deadline',
            '+2h',
            '--pool',
            'FINE_TUNING=10000',
          ],
          "'--closes <time>' argument 'tomorrow'",
        ],
        [
          [
            ...round,
            '--budget',
            '5',
            '--closes',
            '+1h',
            '--review-deadline',
            '+2h',
            '--pool',
            'CODING=10000',
          ],
          "'--pool <kind=bps[:floor]>'",
        ],
        [
          [
            ...round,
            '--budget',
            '5',
            '--closes',
            '+2h',
            '--review-deadline',
            '+1h',
            '--pool',
            'FINE_TUNING=10000',
          ],
          '--closes: the phases',
        ],
        [['dao', 'create', '--dao', 'x', '--name', 'X'], "'--dao <slug>' argument 'x'"],
        [
          [
            'dao',
            'create',
            '--dao',
            'new-dao',
            '--name',
            'X',
            '--token',
            stack.chain.stack.governanceToken,
            '--safe',
            stack.chain.stack.daoSafe,
            '--vote-type',
            'basic,plurality',
          ],
          "'--vote-type <types>'",
        ],
        [
          [
            'revenue',
            'record',
            '--dao',
            ADMIN_DAO,
            '--token',
            stack.chain.stack.payoutToken,
            '--amount',
            '1',
            '--period-start',
            'now',
            '--period-end',
            '-1d',
            '--reference',
            'r',
          ],
          '--period-end',
        ],
        [['dao', 'settings', '--dao', ADMIN_DAO], 'nothing to change'],
        [['dao', 'settings', '--dao', ADMIN_DAO, '--quorum-kind', 'supply_bps'], '--quorum: give the quorum'],
        [
          ['dao', 'settings', '--dao', ADMIN_DAO, '--voting-period', 'soon'],
          "'--voting-period <duration>' argument 'soon'",
        ],
        [['dao', 'admins', '--dao', ADMIN_DAO, '--admin', 'bob'], "'--admin <address...>' argument 'bob'"],
        [
          ['reviewers', 'policy', '--dao', ADMIN_DAO, '--min-reviews', '0'],
          "'--min-reviews <n>' argument '0'",
        ],
        [['reviewers', 'policy', '--dao', ADMIN_DAO], 'nothing to change'],
        [['round', 'cancel', '1', '--dao', ADMIN_DAO], "required option '--reason <text>'"],
        [
          ['revenue', 'share', '--dao', ADMIN_DAO, '--record', '1', '--snapshot-block', 'latest'],
          "'--snapshot-block <n>' argument 'latest'",
        ],
        [
          ['revenue', 'share', '--dao', ADMIN_DAO, '--record', '1', '--target', 'contributors-of-model'],
          'needs --model and --lookback',
        ],
        [
          ['revenue', 'share', '--dao', ADMIN_DAO, '--record', '1', '--min-payout', '0.5'],
          "'--min-payout <amount>' argument '0.5'",
        ],
      ];
      for (const [args, names] of cases) expectUsageError(await cli.run(args, env(5)), names);
    });
  });
});
