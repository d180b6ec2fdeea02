import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { BoundedMap, type Address } from '@guildhall/core';
import { GovernanceChainReader } from '../datasources/governance-chain.reader.js';
import { TokenLogIndexer } from '../datasources/token-log.indexer.js';

/**
 * Delegates read ahead for one snapshot, at most: the chain reader's cache holds 100,000 powers, and
 * an electorate larger than half of it would push out the powers of other proposals.
 */
const MAX_DELEGATES = 50_000;
/** Snapshots remembered as read ahead in this process (the oldest is forgotten first). */
const STARTED_LIMIT = 1_000;

/**
 * Reads a proposal's electorate ahead of its votes: every delegate of the DAO's token at the
 * snapshot block (from the token log index), their voting power read in bulk into the chain
 * reader's cache. A vote then finds its voter's power known instead of asking the chain, one RPC
 * round trip per vote that was the longest wait of a vote under load. Started when a proposal is
 * created and when a process first sees a vote on it (each API process has its own cache), once per
 * token and snapshot in a process, in the background: a vote never waits for it, and a voter it
 * has not read yet (or could not) is read alone, as before.
 */
@Injectable()
export class VotingPowerReadAhead implements OnModuleDestroy {
  private readonly logger = new Logger(VotingPowerReadAhead.name);
  /** Each snapshot read ahead or being read, by `token:block`: its read, which never fails. */
  private readonly started = new BoundedMap<string, Promise<void>>(STARTED_LIMIT);
  private readonly running = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly indexer: TokenLogIndexer,
    private readonly chain: GovernanceChainReader,
  ) {}

  /**
   * Starts reading ahead the electorate of `token` at `block`, unless it is already. Callers need
   * not wait: the promise (it never rejects; a failure is logged and the next call tries again) is
   * for whoever wants to know it has settled.
   */
  start(token: Address, block: bigint): Promise<void> {
    const key = `${token}:${block}`;
    const known = this.started.get(key);
    if (known !== undefined) return known;
    if (this.closing.signal.aborted) return Promise.resolve();
    const run: Promise<void> = this.read(token, block)
      .catch((error: unknown) => {
        if (this.started.get(key) === run) this.started.delete(key);
        if (!this.closing.signal.aborted)
          this.logger.warn(
            { err: error, token, block: block.toString() },
            'voting power not read ahead: its voters are read as they vote',
          );
      })
      .finally(() => this.running.delete(run));
    this.started.set(key, run);
    this.running.add(run);
    return run;
  }

  /** Stops at the next step and waits for what is under way: the database stays open until then. */
  async onModuleDestroy(): Promise<void> {
    this.closing.abort();
    await Promise.all(this.running);
  }

  private async read(token: Address, block: bigint): Promise<void> {
    const began = performance.now();
    await this.indexer.catchUp(token, block, this.closing.signal);
    const delegates = await this.indexer.delegates(token, block);
    this.closing.signal.throwIfAborted();
    if (delegates.length > MAX_DELEGATES) {
      this.logger.warn(
        { token, block: block.toString(), delegates: delegates.length },
        `voting power not read ahead: more than ${MAX_DELEGATES} delegates, they are read as they vote`,
      );
      return;
    }
    const read = await this.chain.readAhead(token, block, delegates);
    this.logger.log(
      {
        token,
        block: block.toString(),
        delegates: delegates.length,
        read,
        ms: Math.round(performance.now() - began),
      },
      'voting power read ahead',
    );
  }
}
