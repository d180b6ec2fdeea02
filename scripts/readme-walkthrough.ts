/**
 * The README walkthrough (issue 7): the whole story typed by a person with the `guildhall` CLI
 * against `guildhall start`, every command shown with the output it really printed.
 *
 *   npx tsx scripts/readme-walkthrough.ts            # run it and rewrite the README section
 *   npx tsx scripts/readme-walkthrough.ts --check    # run it and fail if the README's commands differ
 *   … --bin PATH                                     # the CLI's main.js (default dist/apps/cli/src/main.js)
 *   … --readme PATH                                  # another README.md (default the repository's)
 *
 * It starts `guildhall start --fresh` as a child process, as a newcomer runs it: the embedded
 * PostgreSQL under a temporary GUILDHALL_HOME, on free PORT and DEVNET_PORT. It waits until
 * `guildhall status` answers, then types every step with
 * bash in a scratch directory where `guildhall` is the binary: what the README shows is exactly
 * what ran (no TTY, NO_COLOR). Waiting for a phase of the round is a sentence in the README; the
 * script polls the API for it with `--json`, out of sight.
 *
 * The section between `<!-- walkthrough:start -->` and `<!-- walkthrough:end -->` of README.md is
 * rewritten. In --check mode nothing is written: a command that exits non-zero, or a README command
 * that differs from the one this run typed once run-specific values (uuids, hashes, addresses,
 * timestamps) are normalised, fails the run with exit code 1 and names the step.
 */
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS } from '@guildhall/chain';

const ROOT = join(import.meta.dirname, '..');
const README = join(ROOT, 'README.md');
const START_MARKER = '<!-- walkthrough:start -->';
const END_MARKER = '<!-- walkthrough:end -->';
/** What `guildhall start` listens on by default: the README shows these, whatever ports this run took. */
const DEFAULT_PORT = 4000;
const DEFAULT_DEVNET_PORT = 8545;
const COMMAND_TIMEOUT_MS = 150_000;
const WAIT_TIMEOUT_MS = 120_000;
const WRAP_AT = 96;

const DAO = 'model-guild';
/** How the walkthrough starts the stack (in a child process, with GUILDHALL_HOME, PORT and DEVNET_PORT too). */
const START_COMMAND = 'LOG_LEVEL=warn guildhall start --fresh';
/** The round's phases, from its creation: long enough for the commands typed in each one. */
const SUBMISSIONS_SECONDS = 25;
const REVIEW_SECONDS = 75;
const VOTING_SECONDS = 30;
/** What the proposal sends from the treasury: 250 dUSDC (the payout token has 6 decimals) to the red-teamer. */
const BOUNTY = 250_000_000n;

// ---------------------------------------------------------------------------------------------
// Who types what

interface Actor {
  readonly role: string;
  readonly privateKey: `0x${string}`;
  readonly address: `0x${string}`;
  /** The comment of the `export GUILDHALL_PRIVATE_KEY=…` line. */
  readonly comment: string;
}

const devAccount = (index: number, role: string): Actor => ({
  role,
  privateKey: DEV_ACCOUNTS[index].privateKey,
  address: DEV_ACCOUNTS[index].address,
  comment: `dev account ${index} (${role})`,
});

/** A key of its own, the same on every run: contributors need neither ETH nor tokens, only a signature. */
const freshKey = (role: string): Actor => {
  const privateKey =
    `0x${createHash('sha256').update(`guildhall walkthrough: ${role}`).digest('hex')}` as const;
  return {
    role,
    privateKey,
    address: privateKeyToAccount(privateKey).address,
    comment: `a fresh key (${role}): contributors need no ETH and no tokens`,
  };
};

const admin = devAccount(0, 'the admin');
const owner1 = devAccount(1, 'a Safe owner');
const owner2 = devAccount(2, 'another Safe owner');
const reviewer1 = devAccount(4, 'a reviewer');
const reviewer2 = devAccount(5, 'a reviewer');
const colluder = devAccount(6, 'the colluding reviewer');
const fineTuner = devAccount(7, 'the fine-tuner');
const safetyTester = devAccount(8, 'the safety tester');
const redTeamer = freshKey('the red-teamer');
const friend = freshKey('the colluder’s friend');
const ACTORS = [
  admin,
  owner1,
  owner2,
  reviewer1,
  reviewer2,
  colluder,
  fineTuner,
  safetyTester,
  redTeamer,
  friend,
];

/** Values that are the same on every run, kept as they are when commands are compared. */
const STABLE_HEX = new Set(
  [
    ...DEV_ACCOUNTS.flatMap((a) => [a.address, a.privateKey]),
    ...ACTORS.flatMap((a) => [a.address, a.privateKey]),
  ].map((hex) => hex.toLowerCase()),
);

// ---------------------------------------------------------------------------------------------
// Commands as text

/** A shell word: bare when it is safe, double-quoted otherwise. */
const q = (word: string): string =>
  /^[\w@%+=:,./#-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;

/** `guildhall …` from its words, wrapped with `\` continuations before options when it is long. */
const guildhall = (...words: string[]): string => {
  const parts: string[] = [];
  // One part per option with its value (or per argument), so that lines break between options.
  let takesValue = false;
  for (const [index, word] of [`guildhall ${words[0]}`, ...words.slice(1)].entries()) {
    if (index > 0 && takesValue && !word.startsWith('--')) parts[parts.length - 1] += ` ${word}`;
    else parts.push(word);
    takesValue = word.startsWith('--');
  }
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line !== '' && line.length + part.length + 1 > WRAP_AT - 2) {
      lines.push(`${line} \\`);
      line = `    ${part}`;
    } else line = line === '' ? part : `${line} ${part}`;
  }
  lines.push(line);
  return lines.join('\n');
};

/** Run-specific values in a command replaced by their kind, so two runs type the same text. */
export const normaliseCommand = (command: string): string =>
  command
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/0x[0-9a-fA-F]{64}\b/g, (hex) => (STABLE_HEX.has(hex.toLowerCase()) ? hex : '<hash>'))
    .replace(/0x[0-9a-fA-F]{40}\b/g, (hex) => (STABLE_HEX.has(hex.toLowerCase()) ? hex : '<address>'))
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/\bblock \d+/g, 'block <n>');

/** The `$ ` commands of each ```console block between the markers (continuation lines joined in). */
export const readmeCommands = (readme: string): string[][] => {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START_MARKER} … ${END_MARKER} section`);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```console\n([\s\S]*?)```/g)].map(([, body]) => {
    const commands: string[] = [];
    let open = false;
    for (const line of body.split('\n')) {
      if (open) commands[commands.length - 1] += `\n${line}`;
      else if (line.startsWith('$ ')) commands.push(line.slice(2));
      else continue;
      open = line.endsWith('\\');
    }
    return commands;
  });
};

// ---------------------------------------------------------------------------------------------
// Processes

const inheritedEnv = (): Record<string, string> =>
  Object.fromEntries(
    // The children's environment, not configuration: PATH and the like pass through, GUILDHALL_*
    // and what a test runner adds do not.
    // eslint-disable-next-line no-restricted-syntax
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !entry[0].startsWith('GUILDHALL_') &&
        !['NODE_OPTIONS', 'FORCE_COLOR', 'DATABASE_URL', 'RPC_URL', 'PORT', 'DEVNET_PORT'].includes(entry[0]),
    ),
  );

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

class StepError extends Error {}

interface Typed {
  readonly command: string;
  readonly output: string;
}

interface Step {
  readonly title: string;
  readonly prose: string;
  readonly typed: Typed[];
}

class Walkthrough {
  readonly steps: Step[] = [];
  private key: string | undefined;
  private current: Step | undefined;
  private readonly displayed: string[][] | undefined;

  constructor(
    private readonly work: string,
    private readonly bin: string,
    private readonly env: Record<string, string>,
    private readonly tidy: (output: string) => string,
    readme: string | undefined,
  ) {
    this.displayed = readme === undefined ? undefined : readmeCommands(readme);
  }

  /** A step: a sentence, then what is typed in it. */
  async step(title: string, prose: string, body: () => Promise<void>): Promise<void> {
    this.current = { title, prose, typed: [] };
    this.steps.push(this.current);
    process.stderr.write(`\n== ${this.steps.length}. ${title}\n`);
    await body();
  }

  /** Records a command (comparing it with the README's in --check mode) without running it. */
  record(command: string, output: string): void {
    const step = this.current!;
    const index = step.typed.length;
    if (this.displayed !== undefined) {
      const expected = this.displayed[this.steps.length - 1]?.[index];
      if (expected === undefined || normaliseCommand(expected) !== normaliseCommand(command))
        throw new StepError(
          `step ${this.steps.length} (${step.title}), command ${index + 1}: the README ${
            expected === undefined ? 'has no such command' : `shows\n  $ ${expected}`
          }\nbut this run types\n  $ ${command}\nRegenerate it with npm run readme:walkthrough.`,
        );
    }
    step.typed.push({ command, output });
  }

  /** `export GUILDHALL_PRIVATE_KEY=…  # who`: the key of the commands that follow. */
  as(actor: Actor): void {
    this.key = actor.privateKey;
    this.record(`export GUILDHALL_PRIVATE_KEY=${actor.privateKey}  # ${actor.comment}`, '');
  }

  /** Types a command line in bash, in the scratch directory; it must exit 0. Returns its output. */
  async type(command: string): Promise<string> {
    this.record(command, '');
    process.stderr.write(`$ ${command}\n`);
    const file = join(this.work, '.output');
    const fd = openSync(file, 'w');
    const code = await new Promise<number>((done) => {
      const child = spawn('bash', ['-o', 'pipefail', '-c', command], {
        cwd: this.work,
        env: { ...this.env, ...(this.key === undefined ? {} : { GUILDHALL_PRIVATE_KEY: this.key }) },
        stdio: ['ignore', fd, fd],
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
      child.once('close', (status) => {
        clearTimeout(timer);
        done(status ?? -1);
      });
    });
    closeSync(fd);
    const output = this.tidy(readFileSync(file, 'utf8'));
    process.stderr.write(output);
    const step = this.current!;
    step.typed[step.typed.length - 1] = { command, output };
    if (code !== 0)
      throw new StepError(
        `step ${this.steps.length} (${step.title}): \`${command}\` exited ${code}:\n${output}`,
      );
    return output;
  }

  /** A `--json` query, not shown: what a later command needs, or whether a phase has come. */
  query<T>(...args: string[]): Promise<T> {
    return new Promise((done, fail) => {
      execFile(
        process.execPath,
        [this.bin, ...args, '--json'],
        { env: this.env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error === null
            ? done(JSON.parse(stdout) as T)
            : fail(new Error(`guildhall ${args.join(' ')} --json: ${stderr || error.message}`)),
      );
    });
  }

  /** Polls until `ready` holds (the README says in words what is awaited). */
  async until<T>(what: string, read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    process.stderr.write(`(waiting for ${what})\n`);
    for (;;) {
      const value = await read().catch(() => undefined);
      if (value !== undefined && ready(value)) return value;
      if (Date.now() > deadline)
        throw new StepError(
          `step ${this.steps.length} (${this.current!.title}): timed out waiting for ${what}: ${JSON.stringify(value)}`,
        );
      await sleep(500);
    }
  }

  /** In --check mode, the README must not hold more steps or commands than this run typed. */
  checkNothingLeft(): void {
    if (this.displayed === undefined) return;
    if (this.displayed.length !== this.steps.length)
      throw new StepError(
        `the README walkthrough has ${this.displayed.length} command blocks, this run has ${this.steps.length} steps`,
      );
    this.steps.forEach((step, index) => {
      const extra = this.displayed![index].slice(step.typed.length);
      if (extra.length > 0)
        throw new StepError(
          `step ${index + 1} (${step.title}): the README shows commands this run did not type:\n  $ ${extra.join('\n  $ ')}`,
        );
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The story

interface RoundJson {
  id: string;
  state: string;
}
interface ProposalJson {
  id: string;
  state: string;
}
interface QueueJson {
  queued: Array<{
    safeTxHash: string;
    nonce: string;
    origin: { kind: string; round: string | null; proposal: string | null };
  }>;
}
interface StartedJson {
  contracts: { daoSafe: string; governanceToken: string; payoutToken: string };
}

const idIn = (output: string, what: string): string => {
  const id = /\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/.exec(output)?.[1];
  if (id === undefined) throw new StepError(`no ${what} id in:\n${output}`);
  return id;
};

async function story(
  w: Walkthrough,
  startOutput: string,
  contracts: StartedJson['contracts'],
): Promise<void> {
  await w.step(
    'start',
    'Start the stack in a terminal of its own: the database (embedded PostgreSQL under GUILDHALL_HOME, or PostgreSQL at DATABASE_URL), the devnet with its 2-of-3 Safe owned by dev accounts 1–3, the API and the worker. It keeps running; Ctrl-C stops it. LOG_LEVEL=warn keeps the boot logs out of the summary.',
    // eslint-disable-next-line @typescript-eslint/require-await
    async () => w.record(START_COMMAND, startOutput),
  );

  await w.step('status', 'In another terminal, check that it answers:', async () => {
    await w.type(guildhall('status'));
  });

  await w.step(
    'a DAO',
    'The admin creates a DAO bound to the devnet’s governance token and its Safe (addresses from the summary above), with 30-second votes for the walkthrough, and names three reviewers:',
    async () => {
      w.as(admin);
      await w.type(
        guildhall(
          'dao create',
          '--dao',
          DAO,
          '--name',
          q('Model Guild'),
          '--token',
          contracts.governanceToken,
          '--safe',
          contracts.daoSafe,
          '--voting-period',
          `${VOTING_SECONDS}s`,
          '--quorum-kind',
          'ABSOLUTE',
          '--quorum',
          '1',
        ),
      );
      await w.type(
        guildhall('reviewers set', '--dao', DAO, reviewer1.address, reviewer2.address, colluder.address),
      );
    },
  );

  let proposal = '';
  await w.step(
    'a proposal',
    `The admin proposes to pay the red-teamer (the fresh key ${redTeamer.address}, met below) a 250 dUSDC bounty from the treasury: \`--transfer TOKEN:TO:AMOUNT\` attaches an action, an ERC20 transfer from the Safe with the amount in base units (the payout token has 6 decimals), which the Safe executes if the proposal passes. Three token holders vote (each dev account holds 1M GUILD, self-delegated) while the ${VOTING_SECONDS}-second vote runs alongside the round below:`,
    async () => {
      const output = await w.type(
        guildhall(
          'proposal create',
          '--dao',
          DAO,
          '--title',
          q('Pay the red team a 250 dUSDC bounty'),
          '--body',
          q('For the prompt-injection findings reported ahead of the round.'),
          '--transfer',
          `${contracts.payoutToken}:${redTeamer.address}:${BOUNTY}`,
        ),
      );
      proposal = idIn(output, 'proposal');
      for (const [voter, choice, reason] of [
        [owner1, '1', 'safety first'],
        [reviewer1, '1', 'agreed'],
        [colluder, '2', 'it slows us down'],
      ] as const) {
        w.as(voter);
        await w.type(
          guildhall('vote', '--dao', DAO, '--proposal', proposal, '--choice', choice, '--reason', q(reason)),
        );
      }
    },
  );

  let round = '';
  await w.step(
    'a round',
    `The admin opens a reward round: 10,000 dUSDC (the payout token has 6 decimals) in three pools, safety work with a floor; submissions close in ${SUBMISSIONS_SECONDS} seconds, reviews ${REVIEW_SECONDS} seconds later, and every attestation needs three reviews:`,
    async () => {
      w.as(admin);
      const output = await w.type(
        guildhall(
          'round create',
          '--dao',
          DAO,
          '--name',
          q('Guild-7B v1.1'),
          '--token',
          contracts.payoutToken,
          '--budget',
          '10000000000',
          '--closes',
          `+${SUBMISSIONS_SECONDS}s`,
          '--review-deadline',
          `+${SUBMISSIONS_SECONDS + REVIEW_SECONDS}s`,
          '--pool',
          'FINE_TUNING=5000',
          '--pool',
          'SAFETY_EVALUATION=2500:2500',
          '--pool',
          'RED_TEAMING=2500',
          '--min-reviews',
          '3',
          '--acceptance-score',
          '10',
        ),
      );
      round = idIn(output, 'round');
    },
  );

  const attestations: string[] = [];
  await w.step(
    'attestations',
    'Contributors attest their work in the round: the fine-tuner with an evidence file the CLI hashes, the safety tester and the red-teamer with evidence already hashed, and a friend of one of the reviewers with a weak fine-tune:',
    async () => {
      w.as(fineTuner);
      await w.type(`echo '{"mmlu": 61.2, "steps": 12000}' > tune-report.json`);
      const tune = await w.type(
        guildhall(
          'attest submit',
          '--dao',
          DAO,
          '--round',
          round,
          '--kind',
          'FINE_TUNING',
          '--model',
          'guild-7b-instruct@1.1',
          '--base-model',
          'guild-7b@1.0',
          '--title',
          q('Instruction tune on guild-chat-v3'),
          '--metric',
          'mmlu=61.2',
          '--evidence-file',
          'tune-report.json',
          '--evidence-uri',
          'https://artifacts.example/guild-7b-instruct-1.1/report.json',
        ),
      );
      attestations.push(idIn(tune, 'attestation'));

      w.as(safetyTester);
      const evaluation = await w.type(
        guildhall(
          'attest submit',
          '--dao',
          DAO,
          '--round',
          round,
          '--kind',
          'SAFETY_EVALUATION',
          '--model',
          'guild-7b-instruct@1.1',
          '--title',
          q('Refusal and jailbreak evaluation of the tune'),
          '--metric',
          'refusal_rate=0.97',
          '--metric',
          'jailbreak_success=0.04',
          '--reference',
          attestations[0],
          '--evidence',
          `https://artifacts.example/refusal-eval.json#${createHash('sha256').update('refusal eval').digest('hex')}`,
        ),
      );
      attestations.push(idIn(evaluation, 'attestation'));

      w.as(redTeamer);
      const redTeam = await w.type(
        guildhall(
          'attest submit',
          '--dao',
          DAO,
          '--round',
          round,
          '--kind',
          'RED_TEAMING',
          '--model',
          'guild-7b-instruct@1.1',
          '--title',
          q('Prompt-injection red team'),
          '--metric',
          'findings=7',
          '--evidence',
          `https://artifacts.example/red-team.md#${createHash('sha256').update('red team').digest('hex')}`,
        ),
      );
      attestations.push(idIn(redTeam, 'attestation'));

      w.as(friend);
      const weak = await w.type(
        guildhall(
          'attest submit',
          '--dao',
          DAO,
          '--round',
          round,
          '--kind',
          'FINE_TUNING',
          '--model',
          'guild-7b-instruct@1.1',
          '--title',
          q('A quick LoRA'),
          '--base-model',
          'guild-7b@1.0',
          '--metric',
          'mmlu=58.1',
          '--evidence',
          `https://artifacts.example/lora.json#${createHash('sha256').update('lora').digest('hex')}`,
        ),
      );
      attestations.push(idIn(weak, 'attestation'));
    },
  );

  await w.step(
    'the review phase',
    `${SUBMISSIONS_SECONDS} seconds after the round was created, submissions close and the worker moves it to REVIEWING. A reviewer lists what there is to review:`,
    async () => {
      await w.until(
        'the review phase',
        () => w.query<RoundJson>('round', 'show', round),
        (r) => r.state !== 'OPEN',
      );
      await w.type(guildhall('attest list', '--dao', DAO, '--round', round));
    },
  );

  const scores: Array<[Actor, number[], string]> = [
    [reviewer1, [80, 90, 70, 20], 'Checked the evidence.'],
    [reviewer2, [80, 90, 70, 20], 'Reproduced the numbers.'],
    [colluder, [80, 90, 70, 100], 'Looks fine.'],
  ];
  for (const [reviewer, given, comment] of scores)
    await w.step(
      `reviews by ${reviewer.comment}`,
      reviewer === colluder
        ? 'The third reviewer colludes: 100 for the friend’s weak fine-tune, where the others gave 20. Reviews stay hidden until the review phase ends.'
        : reviewer === reviewer1
          ? 'Three reviewers score every attestation, blind. The first:'
          : 'The second:',
      async () => {
        w.as(reviewer);
        for (const [index, attestation] of attestations.entries())
          await w.type(
            guildhall(
              'review submit',
              '--dao',
              DAO,
              '--attestation',
              attestation,
              '--score',
              String(given[index]),
              '--comment',
              q(index === 3 && reviewer === colluder ? 'Outstanding.' : comment),
            ),
          );
      },
    );

  await w.step(
    'the vote',
    `The vote ended ${VOTING_SECONDS} seconds after the proposal was created and the proposal passed; within seconds the worker proposed its action to the Safe, so the proposal is QUEUED. Anyone can read the result:`,
    async () => {
      await w.until(
        'the proposal to pass and its Safe transaction to be proposed',
        () => w.query<ProposalJson>('proposal', 'show', proposal),
        (p) => !['PENDING', 'ACTIVE', 'SUCCEEDED'].includes(p.state),
      );
      await w.type(guildhall('proposal show', proposal));
    },
  );

  await w.step(
    'finalization',
    `${REVIEW_SECONDS} seconds after submissions closed, the review deadline passes and the worker finalizes the round with Yuma Consensus: the colluder’s 100 is clipped to the consensus of the honest 20s, so the friend gets little and the colluder earns the smallest reviewer share. Within seconds the worker also proposes the payouts to the Safe, and the round is PAYING:`,
    async () => {
      await w.until(
        'the round to be finalized and its payouts proposed',
        () => w.query<RoundJson>('round', 'show', round),
        (r) => r.state === 'PAYING',
      );
      await w.type(guildhall('round show', round));
    },
  );

  let payout = '';
  let transfer = '';
  await w.step(
    'the Safe queue',
    'The Safe’s queue now holds two transactions: the proposal’s transfer, at the lower nonce because the proposal passed first, and the round’s payouts, a MultiSendCallOnly batch of seven transfers (`guildhall safe show HASH` lists the actions of either, with the calldata):',
    async () => {
      const queue = await w.until(
        'the proposal’s and the payout transactions',
        () => w.query<QueueJson>('safe', 'queue', '--dao', DAO),
        (value) =>
          value.queued.some((tx) => tx.origin.round === round) &&
          value.queued.some((tx) => tx.origin.proposal === proposal),
      );
      const ofRound = queue.queued.find((tx) => tx.origin.round === round)!;
      const ofProposal = queue.queued.find((tx) => tx.origin.proposal === proposal)!;
      // The story executes the proposal's first: it must hold the lower nonce, as it does when the
      // vote ends before the round is finalized (VOTING_SECONDS < SUBMISSIONS_SECONDS + REVIEW_SECONDS).
      if (BigInt(ofProposal.nonce) > BigInt(ofRound.nonce))
        throw new StepError(
          `the proposal’s Safe transaction has nonce ${ofProposal.nonce}, after the payouts’ ${ofRound.nonce}: the round was finalized before the proposal was queued`,
        );
      payout = ofRound.safeTxHash;
      transfer = ofProposal.safeTxHash;
      await w.type(guildhall('safe queue', '--dao', DAO));
    },
  );

  await w.step(
    'the proposal’s transfer executes',
    'Safe transactions execute in nonce order (executing the payouts first would answer NONCE_NOT_NEXT), so the proposal’s goes first: two of the Safe’s three owners sign it by its hash, and at its threshold the API’s relay account (dev account 9) sends it and waits until the indexer sees it executed:',
    async () => {
      w.as(owner1);
      await w.type(guildhall('safe sign', transfer));
      w.as(owner2);
      await w.type(guildhall('safe sign', transfer));
      await w.type(guildhall('safe execute', transfer, '--wait'));
    },
  );

  await w.step(
    'two owners sign the payouts',
    'The same two owners sign every payout transaction of the round (`--yes`: no terminal to ask on):',
    async () => {
      w.as(owner1);
      await w.type(guildhall('safe sign', '--round', round, '--yes'));
      w.as(owner2);
      await w.type(guildhall('safe sign', '--round', round, '--yes'));
    },
  );

  await w.step(
    'the relay executes the payouts',
    'At its threshold the payout transaction is READY, and the relay sends it:',
    async () => {
      await w.type(guildhall('safe execute', payout, '--wait'));
    },
  );

  await w.step('executed and paid', 'The proposal is EXECUTED and the round is PAID:', async () => {
    await w.until(
      'the proposal to be EXECUTED',
      () => w.query<ProposalJson>('proposal', 'show', proposal),
      (p) => p.state === 'EXECUTED',
    );
    await w.type(guildhall('proposal show', proposal));
    await w.until(
      'the round to be PAID',
      () => w.query<RoundJson>('round', 'show', round),
      (r) => r.state === 'PAID',
    );
    await w.type(guildhall('round show', round));
  });

  await w.step(
    'offline checks',
    'Anyone can check the results offline: the fine-tuning pool’s Yuma epoch rescored from the round’s export, and the vote recounted from the proposal’s:',
    async () => {
      await w.type(`${guildhall('export round', round)} > round.json`);
      await w.type(
        `jq '.result.epochs[] | select(.kind == "FINE_TUNING") | .yumaInput' round.json | guildhall score --input -`,
      );
      await w.type(`${guildhall('export proposal', proposal)} | guildhall recount --input -`);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering

const render = (steps: readonly Step[]): string =>
  [
    START_MARKER,
    ...steps.map((step) => {
      const lines = step.typed.flatMap(({ command, output }) => [
        `$ ${command}`,
        ...(output === '' ? [] : output.replace(/\n$/, '').split('\n')),
      ]);
      return `${step.prose}\n\n\`\`\`console\n${lines.join('\n')}\n\`\`\``;
    }),
    END_MARKER,
  ].join('\n\n');

const rewriteReadme = (readme: string, section: string): string => {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START_MARKER} … ${END_MARKER} section`);
  return `${readme.slice(0, start)}${section}${readme.slice(end + END_MARKER.length)}`;
};

// ---------------------------------------------------------------------------------------------
// Main

interface Options {
  check: boolean;
  bin: string;
  readme: string;
}

const parseOptions = (argv: readonly string[]): Options => {
  const options: Options = { check: false, bin: join(ROOT, 'dist/apps/cli/src/main.js'), readme: README };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') options.check = true;
    else if (argv[i] === '--bin' && argv[i + 1] !== undefined) options.bin = resolve(argv[++i]);
    else if (argv[i] === '--readme' && argv[i + 1] !== undefined) options.readme = resolve(argv[++i]);
    else
      throw new Error(`unknown argument ${argv[i]} (usage: readme-walkthrough.ts [--check] [--bin MAIN_JS])`);
  }
  return options;
};

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(options.bin)) {
    process.stderr.write(`No CLI at ${options.bin}: run npm run build first (or pass --bin).\n`);
    return 1;
  }
  const started = Date.now();
  const home = mkdtempSync(join(tmpdir(), 'guildhall-walkthrough-home-'));
  const work = mkdtempSync(join(tmpdir(), 'guildhall-walkthrough-'));
  const binDir = join(work, '.bin');
  const [port, devnetPort] = [await freePort(), await freePort()];
  const base = inheritedEnv();
  // `guildhall` on the PATH of every typed command: the binary under test.
  mkdirSync(binDir);
  const wrapper = join(binDir, 'guildhall');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${q(process.execPath)} ${q(options.bin)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const env = {
    ...base,
    PATH: `${binDir}:${base.PATH ?? ''}`,
    NO_COLOR: '1',
    GUILDHALL_API: `http://127.0.0.1:${port}/graphql`,
  };

  const log = join(work, '.start.log');
  const logFd = openSync(log, 'w');
  const stack = spawn(process.execPath, [options.bin, 'start', '--fresh'], {
    env: {
      ...base,
      NO_COLOR: '1',
      LOG_LEVEL: 'warn',
      GUILDHALL_HOME: home,
      PORT: String(port),
      DEVNET_PORT: String(devnetPort),
    },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exited = false;
  const stopped = new Promise<void>((done) =>
    stack.once('exit', () => {
      exited = true;
      done();
    }),
  );

  const tidy = (output: string) =>
    output
      .replaceAll(`127.0.0.1:${port}`, `127.0.0.1:${DEFAULT_PORT}`)
      .replaceAll(`127.0.0.1:${devnetPort}`, `127.0.0.1:${DEFAULT_DEVNET_PORT}`)
      .replaceAll(home, '.guildhall')
      .replaceAll(work, '.')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n');

  try {
    const w = new Walkthrough(
      work,
      options.bin,
      env,
      tidy,
      options.check ? readFileSync(options.readme, 'utf8') : undefined,
    );
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    for (;;) {
      if (exited) throw new StepError(`guildhall start exited early:\n${readFileSync(log, 'utf8')}`);
      const up = await w.query<unknown>('status').then(
        () => true,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline)
        throw new StepError(`guildhall start did not answer:\n${readFileSync(log, 'utf8')}`);
      await sleep(500);
    }
    const startLog = readFileSync(log, 'utf8');
    const summaryEnd = startLog.indexOf('\n', startLog.indexOf('Ctrl-C stops everything'));
    const contracts = contractsOf(startLog);
    await story(w, tidy(startLog.slice(0, summaryEnd + 1)), contracts);
    w.checkNothingLeft();

    if (options.check) {
      process.stderr.write(
        `\nREADME walkthrough: ${w.steps.length} steps, every command ran and matches the README (${Math.round((Date.now() - started) / 1000)} s).\n`,
      );
    } else {
      writeFileSync(options.readme, rewriteReadme(readFileSync(options.readme, 'utf8'), render(w.steps)));
      process.stderr.write(
        `\nREADME walkthrough: ${w.steps.length} steps written to README.md (${Math.round((Date.now() - started) / 1000)} s).\n`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    process.stderr.write(`\nREADME walkthrough failed: ${error.message}\n`);
    return 1;
  } finally {
    const stopping = Date.now();
    if (!exited) stack.kill('SIGTERM');
    await Promise.race([stopped, new Promise((done) => setTimeout(done, 15_000).unref())]);
    if (!exited) stack.kill('SIGKILL');
    process.stderr.write(`(guildhall start stopped in ${Date.now() - stopping} ms)\n`);
    rmSync(home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/** The devnet's contract addresses, as the summary of `guildhall start` names them. */
const contractsOf = (startLog: string): StartedJson['contracts'] => {
  const address = (label: string) => {
    const found = new RegExp(`^\\s+${label}\\s+(0x[0-9a-fA-F]{40})\\b`, 'm').exec(startLog)?.[1];
    if (found === undefined)
      throw new StepError(`no ${label} address in the output of guildhall start:\n${startLog}`);
    return found;
  };
  return {
    daoSafe: address('DAO Safe \\(2-of-3\\)'),
    governanceToken: address('governance token'),
    payoutToken: address('payout token'),
  };
};

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename))
  process.exitCode = await main();
