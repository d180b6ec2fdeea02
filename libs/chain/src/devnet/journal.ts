/**
 * Devnet persistence by journal: the chain is rebuilt by replaying what changed it.
 *
 * EDR cannot dump its state, but it is deterministic: the same genesis (chain id, date, accounts),
 * the same requests in the same order and the same block timestamps give the same blocks, hashes,
 * addresses and balances. So the journal (JSON lines) holds a header with the genesis block, then
 * one entry per state-changing request that took effect (`isStateChanging`): its method, params,
 * answer, the chain head it left, and — when it mined blocks — the timestamp of the first one.
 * Replaying sets that timestamp with `evm_setNextBlockTimestamp` before re-sending the request
 * (later blocks of a `hardhat_mine` follow from its interval), then checks the answer and the head
 * hash against the entry: a difference (another Hardhat version, an edited file) stops the replay
 * with JOURNAL_DIVERGED rather than serving a different chain.
 *
 * Decisions:
 * - a request that failed but still mined a block is recorded with its error; one that failed
 *   without changing the head is not;
 * - snapshots and reverts are recorded and replayed like any request (ids come back the same);
 * - interval mining is refused while journaling: timer-mined blocks have no request to replay;
 * - after a replay the clock jumps by the time the devnet was down (`evm_increaseTime`), as if the
 *   chain had stayed up with no traffic, so chain time keeps following the wall clock;
 * - a torn last line (the process died mid-write) is dropped.
 * Journaled requests run one at a time, so each entry's head is its own. Replaying ~100
 * transactions takes well under a second (see devnet.integration.spec.ts).
 */
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { hexToNumber, type Hex } from 'viem';
import { z } from 'zod';
import { ChainError, ChainErrorCode } from '../errors/chain.error.js';
import type { Eip1193Provider } from './edr-chain.js';
import { JsonRpcError, rpcErrorOf } from './json-rpc-error.js';

const FORMAT = 'guildhall-devnet-journal';
const VERSION = 1;

const BlockRef = z.object({
  number: z.number().int().nonnegative(),
  hash: z.string(),
  timestamp: z.number().int().nonnegative(),
});
type BlockRef = z.infer<typeof BlockRef>;

const Header = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  chainId: z.number().int().positive(),
  genesis: BlockRef,
});
type Header = z.infer<typeof Header>;

const Outcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), code: z.number().int(), message: z.string() }),
]);
type Outcome = z.infer<typeof Outcome>;

const Entry = z.object({
  method: z.string(),
  params: z.array(z.unknown()),
  outcome: Outcome,
  /** Timestamp of the first block this request mined, if it mined any. */
  minedAt: z.number().int().nonnegative().optional(),
  /** The chain head right after the request. */
  head: BlockRef,
  /** Wall-clock time of the request, ms since the epoch. */
  recordedAt: z.number().int().nonnegative(),
});
type Entry = z.infer<typeof Entry>;

/** Hardhat methods that only read; every other `hardhat_*` and every `evm_*` is journaled. */
const HARDHAT_READS = new Set([
  'hardhat_metadata',
  'hardhat_getAutomine',
  'hardhat_getStackTraceFailuresCount',
]);

export const isStateChanging = (method: string): boolean =>
  method === 'eth_sendRawTransaction' ||
  method === 'eth_sendTransaction' ||
  method.startsWith('evm_') ||
  (method.startsWith('hardhat_') && !HARDHAT_READS.has(method));

const RawBlock = z.object({ number: z.string(), hash: z.string(), timestamp: z.string() });

async function readBlock(provider: Eip1193Provider, tag: Hex | 'latest'): Promise<BlockRef> {
  const block = RawBlock.parse(
    await provider.request({ method: 'eth_getBlockByNumber', params: [tag, false] }),
  );
  return {
    number: hexToNumber(block.number as Hex),
    hash: block.hash,
    timestamp: hexToNumber(block.timestamp as Hex),
  };
}

/** Sends a request; the outcome is what a journal entry records, `error` what was thrown. */
async function send(
  provider: Eip1193Provider,
  method: string,
  params: readonly unknown[],
): Promise<{ outcome: Outcome; error?: unknown }> {
  try {
    return { outcome: { ok: true, result: await provider.request({ method, params }) } };
  } catch (error) {
    const { code, message } = rpcErrorOf(error);
    return { outcome: { ok: false, code, message }, error };
  }
}

const sameOutcome = (a: Outcome, b: Outcome): boolean =>
  a.ok && b.ok ? JSON.stringify(a.result) === JSON.stringify(b.result) : !a.ok && !b.ok && a.code === b.code;

const describeOutcome = (outcome: Outcome): string =>
  outcome.ok ? `result ${JSON.stringify(outcome.result)}` : `error ${outcome.code} "${outcome.message}"`;

interface JournalContents {
  header: Header;
  entries: Entry[];
}

async function readJournal(path: string): Promise<JournalContents | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Only complete lines count: a torn last line is cut off so appends start on a fresh line.
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length !== text.length) await truncate(path, Buffer.byteLength(complete));
  const lines = complete.split('\n').filter((line) => line.length > 0);
  if (lines.length === 0) return undefined;

  const parse = <T>(schema: z.ZodType<T>, line: string, lineNumber: number): T => {
    try {
      return schema.parse(JSON.parse(line));
    } catch (error) {
      throw new ChainError(
        ChainErrorCode.JOURNAL_UNREADABLE,
        `Devnet journal ${path} line ${lineNumber} is not a valid ${lineNumber === 1 ? 'header' : 'entry'} ` +
          `of a version ${VERSION} journal; delete the file to start a fresh chain`,
        { journalPath: path, line: lineNumber },
        { cause: error },
      );
    }
  };
  const [first, ...rest] = lines;
  return {
    header: parse(Header, first, 1),
    entries: rest.map((line, i) => parse(Entry, line, i + 2)),
  };
}

/**
 * Records the state-changing requests of one devnet into its journal file. Created by
 * {@link Journal.open}, which first replays what the file holds.
 */
export class Journal {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly provider: Eip1193Provider,
    private readonly file: FileHandle,
    private head: BlockRef,
  ) {}

  /** Sends a request to the chain, journaling it when it changes state. */
  async request(method: string, params: readonly unknown[]): Promise<unknown> {
    if (!isStateChanging(method)) return this.provider.request({ method, params });
    if (method === 'evm_setIntervalMining') {
      throw new JsonRpcError(-32004, 'evm_setIntervalMining is not supported by a devnet with a journal');
    }
    const run = this.queue.then(() => this.record(method, params));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.file.close();
  }

  private async record(method: string, params: readonly unknown[]): Promise<unknown> {
    const before = this.head;
    const recordedAt = Date.now();
    const { outcome, error } = await send(this.provider, method, params);
    const head = await readBlock(this.provider, 'latest');
    if (outcome.ok || head.hash !== before.hash) {
      const minedAt =
        head.number <= before.number
          ? undefined
          : head.number === before.number + 1
            ? head.timestamp
            : (await readBlock(this.provider, `0x${(before.number + 1).toString(16)}`)).timestamp;
      const entry: Entry = { method, params: [...params], outcome, minedAt, head, recordedAt };
      await this.file.appendFile(`${JSON.stringify(entry)}\n`);
      this.head = head;
    }
    if (!outcome.ok) throw error;
    return outcome.result;
  }

  /**
   * Replays the journal at `path` (if any) on a chain started at its genesis date, checking every
   * step, then opens it for appending.
   */
  static async open(path: string, chainId: number, startChain: StartChain): Promise<OpenedJournal> {
    const contents = await readJournal(path);
    if (contents && contents.header.chainId !== chainId) {
      throw new ChainError(
        ChainErrorCode.JOURNAL_UNREADABLE,
        `Devnet journal ${path} was recorded for chain ${contents.header.chainId}, not ${chainId}; ` +
          'start with that chain id or delete the file to start a fresh chain',
        { journalPath: path, journalChainId: contents.header.chainId, chainId },
      );
    }
    const genesisTimestamp = contents?.header.genesis.timestamp ?? Math.floor(Date.now() / 1000);
    const chain = await startChain(genesisTimestamp);
    try {
      const genesis = await readBlock(chain.provider, '0x0');
      if (contents) await replay(path, chain.provider, contents, genesis);
      const file = await open(path, 'a');
      if (!contents) {
        const header: Header = { format: FORMAT, version: VERSION, chainId, genesis };
        await file.appendFile(`${JSON.stringify(header)}\n`);
      }
      const head = await readBlock(chain.provider, 'latest');
      return {
        chain,
        journal: new Journal(chain.provider, file, head),
        replayedEntries: contents?.entries.length ?? 0,
      };
    } catch (error) {
      await chain.close();
      throw error;
    }
  }
}

type StartChain = (
  genesisTimestamp: number,
) => Promise<{ provider: Eip1193Provider; close(): Promise<void> }>;

interface OpenedJournal {
  chain: { provider: Eip1193Provider; close(): Promise<void> };
  journal: Journal;
  replayedEntries: number;
}

/**
 * Methods whose answer reads the wall clock: `evm_increaseTime` answers the chain's total offset
 * from the host clock, which is one second more or less depending on when the replay runs. Their
 * effect is still checked: the blocks they lead to must come out the same.
 */
const ANSWER_FOLLOWS_WALL_CLOCK: ReadonlySet<string> = new Set(['evm_increaseTime']);

async function replay(
  path: string,
  provider: Eip1193Provider,
  { header, entries }: JournalContents,
  genesis: BlockRef,
): Promise<void> {
  const diverged = (step: string, detail: string): ChainError =>
    new ChainError(
      ChainErrorCode.JOURNAL_DIVERGED,
      `Devnet journal ${path} cannot be replayed identically: ${step} ${detail}. ` +
        'Delete the journal file to start a fresh chain (its contracts and balances are lost)',
      { journalPath: path, step },
    );
  if (genesis.hash !== header.genesis.hash) {
    throw diverged('the genesis block', `is ${genesis.hash}, recorded ${header.genesis.hash}`);
  }
  let lastMinedAt = genesis.timestamp * 1000;
  for (const [i, entry] of entries.entries()) {
    const step = `entry ${i + 1} (${entry.method})`;
    if (entry.minedAt !== undefined) {
      await provider.request({ method: 'evm_setNextBlockTimestamp', params: [entry.minedAt] });
    }
    const { outcome } = await send(provider, entry.method, entry.params);
    const comparable = !ANSWER_FOLLOWS_WALL_CLOCK.has(entry.method) || !outcome.ok || !entry.outcome.ok;
    if (comparable && !sameOutcome(outcome, entry.outcome)) {
      throw diverged(
        step,
        `answered ${describeOutcome(outcome)}, recorded ${describeOutcome(entry.outcome)}`,
      );
    }
    const head = await readBlock(provider, 'latest');
    if (head.number !== entry.head.number || head.hash !== entry.head.hash) {
      throw diverged(
        step,
        `left block ${head.number} ${head.hash}, recorded ${entry.head.number} ${entry.head.hash}`,
      );
    }
    if (entry.minedAt !== undefined) lastMinedAt = entry.recordedAt;
  }
  // The chain was down since the last block it mined: move its clock on by that long.
  const downtime = Math.floor((Date.now() - lastMinedAt) / 1000);
  if (downtime > 0) await provider.request({ method: 'evm_increaseTime', params: [downtime] });
}
