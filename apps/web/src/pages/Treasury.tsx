import {
  ConfirmSafeTransactionDocument,
  DaoDocument,
  ExecuteSafeTransactionDocument,
  GuildhallSigner,
  ProposalTransfersDocument,
  RevenueShareDocument,
  RoundDocument,
  RoundsDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SafeTransactionUpdatedDocument,
  TreasuryDocument,
  signSafeTxHashWithPersonalSign,
  type GuildhallApiError,
  type RoundQuery,
  type SafeTransactionFieldsFragment,
  type SafeTransactionQuery,
  type SafeTransactionStatus,
  type TokenFieldsFragment,
} from '@guildhall/sdk';
import { formatTokenValue } from '@guildhall/core';
import { useEffect, useState } from 'react';
import { decodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';
import { asApiError, client, useQuery } from '../api.js';
import { AddressText, CopyButton, ErrorNote, Loading, When } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { useHandles } from '../handles.js';
import { Pager, useCursorPages } from '../components/Pager.js';
import { SignStep } from '../components/SignStep.js';
import { sameAddress, shortAddress } from '../format.js';
import { Link } from '../router.js';
import { isUserRejection } from '../wallet/errors.js';
import { useWallet, type WalletState } from '../wallet/wallet.js';

type Summary = SafeTransactionFieldsFragment;
type Detail = SafeTransactionQuery['safeTransaction'];
type Action = Summary['actions'][number];

const OPEN: readonly SafeTransactionStatus[] = ['AWAITING_CONFIRMATIONS', 'READY'];
const HISTORY: readonly SafeTransactionStatus[] = ['EXECUTED', 'FAILED', 'REPLACED'];
const PAGE = 10;

const byNonce = (a: Summary, b: Summary): number =>
  BigInt(a.nonce) < BigInt(b.nonce) ? -1 : BigInt(a.nonce) > BigInt(b.nonce) ? 1 : 0;
const statusWords = (status: SafeTransactionStatus): string => status.toLowerCase().replace('_', ' ');

/** The ERC-20 transfer a call makes, decoded from its calldata; undefined for anything else. */
function transferOf(action: Action): { payee: Address; amount: bigint } | undefined {
  if (action.operation !== 0 || action.value !== '0') return undefined;
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data: action.data });
    return call.functionName === 'transfer' ? { payee: call.args[0], amount: call.args[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** An owner's confirmation: the Safe's EIP-712 SafeTx, or `personal_sign` of its hash (eth_sign, v + 4). */
async function confirm(tx: Summary, wallet: WalletState, how: 'typed' | 'personal'): Promise<void> {
  const account = wallet.connection?.account;
  if (account === undefined) throw new Error('Connect a wallet first');
  const signature =
    how === 'typed'
      ? await new GuildhallSigner(await wallet.typedDataSigner(), tx.chainId).signSafeTransaction(tx)
      : await signSafeTxHashWithPersonalSign(wallet.personalSign, account, tx.safeTxHash);
  await client.request(ConfirmSafeTransactionDocument, { safeTxHash: tx.safeTxHash, signature });
}

/** The details (confirmations, missing signers, conflicts) of every queued transaction, read again on `version`. */
function useDetails(queued: readonly Summary[] | undefined) {
  const [state, setState] = useState<{ details: ReadonlyMap<string, Detail>; error?: GuildhallApiError }>({
    details: new Map(),
  });
  useEffect(() => {
    if (queued === undefined) return;
    let current = true;
    Promise.all(
      queued.map((tx) => client.request(SafeTransactionDocument, { safeTxHash: tx.safeTxHash })),
    ).then(
      (answers) =>
        current &&
        setState({
          details: new Map(
            answers.map(({ safeTransaction }) => [safeTransaction.safeTxHash, safeTransaction]),
          ),
        }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error: asApiError(error) })),
    );
    return () => {
      current = false;
    };
  }, [queued]);
  return state;
}

export default function TreasuryPage({ slug }: { slug: string }) {
  const wallet = useWallet();
  const { connection } = wallet;
  const dao = useQuery(DaoDocument, { slug });
  const rounds = useQuery(RoundsDocument, { dao: slug, first: 50 });
  const tokens = [
    ...new Set([
      ...(dao.data === undefined ? [] : [dao.data.dao.governanceToken]),
      ...(rounds.data?.rounds.nodes.map((round) => round.token) ?? []),
    ]),
  ];
  const treasury = useQuery(
    TreasuryDocument,
    { dao: slug, tokens },
    dao.data === undefined || rounds.data === undefined,
  );
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((n) => n + 1);
  const { reload } = treasury;

  // Live: another owner's confirmation, an execution, a new payout.
  useEffect(() => {
    const events = client.subscribe(SafeTransactionUpdatedDocument, { dao: slug });
    void (async () => {
      for await (const _event of events) setVersion((n) => n + 1);
    })().catch(() => undefined);
    return () => void events.return?.();
  }, [slug]);
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  const t = treasury.data?.treasury;
  const queued = t === undefined ? undefined : [...t.queued].sort(byNonce);
  const { details, error: detailsError } = useDetails(t?.queued);
  const roundNames = new Map(rounds.data?.rounds.nodes.map((round) => [round.id, round.name]));
  const isOwner = t?.owners.some((owner) => sameAddress(owner, connection?.account)) === true;
  const chainId = dao.data?.dao.chainId;

  const error = dao.error ?? rounds.error ?? treasury.error;
  return (
    <section aria-labelledby="treasury-title">
      <DaoNav slug={slug} />
      <h1 id="treasury-title">{dao.data?.dao.name ?? slug}: treasury</h1>
      {error !== undefined && <ErrorNote message={`${error.code}: ${error.message}`} />}
      {t === undefined ? (
        error === undefined && <Loading what="the treasury" />
      ) : (
        <>
          <dl className="facts">
            <dt>Safe</dt>
            <dd>
              <AddressText address={t.safe} /> <span className="muted">Safe {t.version}</span>
            </dd>
            <dt>Threshold</dt>
            <dd>
              {t.threshold} of {t.owners.length} owners confirm each transaction
            </dd>
            <dt>Owners</dt>
            <dd>
              <ul className="plain">
                {t.owners.map((owner) => (
                  <li key={owner}>
                    <AddressText address={owner} />
                    {sameAddress(owner, connection?.account) ? ' (you)' : ''}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Next nonce</dt>
            <dd>{t.nonce}</dd>
            <dt>Balances</dt>
            <dd>
              <ul className="plain" aria-label="Balances">
                {t.balances.map((balance) => (
                  <li key={balance.token}>
                    {formatTokenValue(BigInt(balance.balance), balance)}{' '}
                    <AddressText address={balance.token} />
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          {connection === undefined ? (
            <p className="note">Connect the wallet of a Safe owner to confirm transactions.</p>
          ) : (
            !isOwner && (
              <p className="note" role="note">
                Your account {connection.account} is not an owner of this Safe: you can follow the queue, but
                only its owners confirm.
              </p>
            )
          )}
        </>
      )}

      <section aria-labelledby="queue-title">
        <h2 id="queue-title">Queue</h2>
        {detailsError !== undefined && (
          <ErrorNote message={`${detailsError.code}: ${detailsError.message}`} />
        )}
        {queued?.length === 0 && (
          <p>
            Nothing is waiting for the owners. Round payouts and passed proposals appear here when proposed.
          </p>
        )}
        {queued !== undefined && isOwner && chainId !== undefined && (
          <SignRounds
            queued={queued}
            details={details}
            roundNames={roundNames}
            chainId={chainId}
            onChanged={changed}
          />
        )}
        <ol className="cards">
          {queued?.map((tx) => (
            <li key={tx.safeTxHash} className="card" aria-label={`Nonce ${tx.nonce}`}>
              <TransactionCard
                slug={slug}
                tx={tx}
                detail={details.get(tx.safeTxHash)}
                queue={queued}
                roundNames={roundNames}
                isOwner={isOwner}
                onChanged={changed}
              />
            </li>
          ))}
        </ol>
      </section>

      <History slug={slug} version={version} roundNames={roundNames} />
    </section>
  );
}

/** "Sign all N payouts of round R", for each round with payouts the connected owner has not confirmed. */
function SignRounds({
  queued,
  details,
  roundNames,
  chainId,
  onChanged,
}: {
  queued: readonly Summary[];
  details: ReadonlyMap<string, Detail>;
  roundNames: ReadonlyMap<string, string>;
  chainId: number;
  onChanged: () => void;
}) {
  const wallet = useWallet();
  const account = wallet.connection?.account;
  const unsigned = new Map<string, Summary[]>();
  for (const tx of queued) {
    const round = tx.origin.round;
    const missing = details.get(tx.safeTxHash)?.missingSigners.some((owner) => sameAddress(owner, account));
    if (tx.origin.kind !== 'PAYOUT' || round === null || missing !== true || !OPEN.includes(tx.status))
      continue;
    unsigned.set(round, [...(unsigned.get(round) ?? []), tx]);
  }
  return [...unsigned].map(([round, txs]) => (
    <SignRound
      key={round}
      name={roundNames.get(round) ?? round}
      txs={txs}
      chainId={chainId}
      onChanged={onChanged}
    />
  ));
}

function SignRound({
  name,
  txs,
  chainId,
  onChanged,
}: {
  name: string;
  txs: readonly Summary[];
  chainId: number;
  onChanged: () => void;
}) {
  const wallet = useWallet();
  const [progress, setProgress] = useState<string>();
  const [fallback, setFallback] = useState(false);
  const count = txs.length;
  const what = count === 1 ? `the payout of round ${name}` : `all ${count} payouts of round ${name}`;
  const nonces = txs.map((tx) => tx.nonce).join(', ');
  const signAll = async (how: 'typed' | 'personal') => {
    let signed = 0;
    try {
      for (const tx of txs) {
        setProgress(`Signing nonce ${tx.nonce}: ${signed} of ${count} signed so far.`);
        await confirm(tx, wallet, how);
        signed += 1;
      }
      setProgress(`${signed} of ${count} signed.`);
    } catch (error) {
      const at = txs[signed];
      setProgress(
        `Stopped at nonce ${at.nonce}: ${signed} of ${count} signed${signed === 0 ? '' : ', and those stay recorded'}.`,
      );
      if (how === 'typed' && isWalletFailure(error)) setFallback(true);
      throw error;
    } finally {
      onChanged();
    }
  };
  return (
    <div className="card" role="region" aria-label={`Payouts of round ${name}`}>
      <SignStep
        chainId={chainId}
        action={`Sign ${what}`}
        summary={`${count} Safe transaction${count === 1 ? '' : 's'} paying round “${name}” (nonce ${nonces}), your confirmation as an owner: one wallet request each, lowest nonce first. Each is detailed below.`}
        validate={() => undefined}
        sign={() => signAll('typed')}
      />
      {progress !== undefined && (
        <p className="note" role="status">
          {progress}
        </p>
      )}
      {fallback && (
        <div role="region" aria-label={`Sign round ${name} with personal_sign`}>
          <PersonalSignNote />
          <SignStep
            chainId={chainId}
            action={`Sign ${what} with personal_sign`}
            summary={`the Safe transaction hash of nonce ${nonces} as a message with personal_sign, one request each.`}
            validate={() => undefined}
            sign={() => signAll('personal')}
          />
        </div>
      )}
    </div>
  );
}

/** A wallet that failed to sign typed data (not a refusal by its user, nor the API's answer). */
const isWalletFailure = (error: unknown): boolean =>
  !isUserRejection(error) && (error as { category?: unknown }).category === undefined;

function PersonalSignNote({ safeTxHash }: { safeTxHash?: string }) {
  return (
    <p>
      Your wallet could not sign the typed data. It can still confirm with <code>personal_sign</code>: it
      signs the Safe transaction hash{safeTxHash === undefined ? '' : ' '}
      {safeTxHash !== undefined && <code>{safeTxHash}</code>} as a message (Safe’s eth_sign signature), which
      the Safe checks against the same hash. The device shows that hash: compare it with the one on this page.
    </p>
  );
}

function TransactionCard({
  slug,
  tx,
  detail,
  queue,
  roundNames,
  isOwner,
  onChanged,
}: {
  slug: string;
  tx: Summary;
  detail: Detail | undefined;
  queue: readonly Summary[];
  roundNames: ReadonlyMap<string, string>;
  isOwner: boolean;
  onChanged: () => void;
}) {
  const wallet = useWallet();
  const account = wallet.connection?.account;
  const [fallback, setFallback] = useState(false);
  const mustSign =
    isOwner &&
    OPEN.includes(tx.status) &&
    detail?.missingSigners.some((owner) => sameAddress(owner, account)) === true;
  return (
    <>
      <h3>
        Nonce {tx.nonce}: {describeOrigin(tx, roundNames)}{' '}
        <span className={`state state-${tx.status.toLowerCase()}`} data-testid="status">
          {statusWords(tx.status)}
        </span>
      </h3>
      {tx.statusReason !== null && <p className="muted">{tx.statusReason}</p>}
      <Decoded slug={slug} tx={tx} queue={queue} roundNames={roundNames} />
      <Hashes tx={tx} />
      {detail === undefined ? (
        <Loading what="the confirmations" />
      ) : (
        <>
          <p data-testid="confirmations">
            {detail.confirmations.length} of {detail.threshold} confirmations
            {detail.confirmations.length >= detail.threshold ? ': ready to execute' : ''}
          </p>
          {detail.confirmations.length > 0 && (
            <ul className="plain" aria-label="Confirmed by">
              {detail.confirmations.map((confirmation) => (
                <li key={confirmation.owner}>
                  <AddressText address={confirmation.owner} />{' '}
                  <span className="muted">
                    {confirmation.signatureType === 'ETH_SIGN' ? 'personal_sign' : 'typed data'},{' '}
                    <When iso={confirmation.submittedAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          {detail.missingSigners.length > 0 && (
            <p>
              Not confirmed yet by:{' '}
              {detail.missingSigners.map((owner) => (
                <span key={owner}>
                  <AddressText address={owner} />{' '}
                </span>
              ))}
            </p>
          )}
          {detail.conflictsWith.length > 0 && (
            <p role="note">
              Conflict at nonce {tx.nonce}: only one of these can execute, this one or{' '}
              {detail.conflictsWith.map((hash) => (
                <span key={hash}>
                  <code>{hash}</code> <CopyButton value={hash} what="conflicting Safe transaction hash" />
                </span>
              ))}
              .
            </p>
          )}
          {mustSign && (
            <SignStep
              chainId={tx.chainId}
              action={`Confirm nonce ${tx.nonce}`}
              summary={`the Safe transaction ${tx.safeTxHash} (EIP-712 SafeTx of the Safe ${tx.safe}, nonce ${tx.nonce}): your confirmation as an owner.`}
              validate={() => undefined}
              sign={async () => {
                try {
                  await confirm(tx, wallet, 'typed');
                } catch (error) {
                  // A wallet that cannot sign typed data (a hardware wallet behind a browser wallet).
                  if (isWalletFailure(error)) setFallback(true);
                  throw error;
                } finally {
                  onChanged();
                }
              }}
            />
          )}
          {mustSign && fallback && (
            <div role="region" aria-label={`Sign nonce ${tx.nonce} with personal_sign`}>
              <PersonalSignNote safeTxHash={tx.safeTxHash} />
              <SignStep
                chainId={tx.chainId}
                action={`Confirm nonce ${tx.nonce} with personal_sign`}
                summary={`the message ${tx.safeTxHash} (the Safe transaction hash of nonce ${tx.nonce}) with personal_sign.`}
                validate={() => undefined}
                sign={async () => {
                  try {
                    await confirm(tx, wallet, 'personal');
                  } finally {
                    onChanged();
                  }
                }}
              />
            </div>
          )}
          {tx.status === 'READY' && <Execute tx={detail} onChanged={onChanged} />}
        </>
      )}
    </>
  );
}

/** The three hashes a hardware wallet shows, each copyable. */
function Hashes({ tx }: { tx: Summary }) {
  const rows = [
    ['Safe transaction hash', tx.safeTxHash],
    ['Domain hash', tx.domainHash],
    ['Message hash', tx.messageHash],
  ] as const;
  return (
    <>
      <dl className="facts hashes">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd>
              <code data-testid={label}>{value}</code> <CopyButton value={value} what={label.toLowerCase()} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        Signing with a hardware wallet? Before you approve, check that the domain hash and the message hash on
        the device equal these.
      </p>
    </>
  );
}

function Execute({ tx, onChanged }: { tx: Detail; onChanged: () => void }) {
  const wallet = useWallet();
  const [relay, setRelay] = useState<{ busy: boolean; note?: string; error?: string }>({ busy: false });
  const [sent, setSent] = useState<Hex>();
  const execute = () => {
    setRelay({ busy: true });
    client.request(ExecuteSafeTransactionDocument, { safeTxHash: tx.safeTxHash }).then(
      ({ executeSafeTransaction: executed }) => {
        setRelay({ busy: false, note: `The relay sent it: ${statusWords(executed.status)}.` });
        onChanged();
      },
      (error: unknown) => {
        const api = asApiError(error);
        setRelay({ busy: false, error: `${api.code}: ${api.message}` });
      },
    );
  };
  return (
    <div className="execute" role="region" aria-label={`Execute nonce ${tx.nonce}`}>
      <p>Enough owners confirmed. Anyone can now execute it.</p>
      <button type="button" className="primary" disabled={relay.busy} onClick={execute}>
        Execute through the relay
      </button>
      {relay.note !== undefined && (
        <p className="note" role="status">
          {relay.note}
        </p>
      )}
      {relay.error !== undefined && <ErrorNote message={relay.error} />}
      {tx.execTransactionData !== null && (
        <details>
          <summary>Or send it from my wallet</summary>
          <SignStep
            chainId={tx.chainId}
            action="Send from my wallet"
            summary={`a transaction from your account to the Safe ${tx.safe} calling execTransaction with the owners’ confirmations (nonce ${tx.nonce}); your account pays the gas.`}
            validate={() => undefined}
            sign={async () => {
              const data = tx.execTransactionData;
              if (data === null) return;
              setSent(await wallet.sendTransaction({ to: tx.safe, data }));
              onChanged();
            }}
          />
          {sent !== undefined && (
            <p role="status">
              Sent: transaction <code data-testid="sent-tx">{sent}</code>{' '}
              <CopyButton value={sent} what="transaction hash" />
            </p>
          )}
        </details>
      )}
    </div>
  );
}

/** "round Spring's payouts", "proposal …", "rejection of nonce 3". */
function describeOrigin(tx: Summary, roundNames: ReadonlyMap<string, string>): string {
  switch (tx.origin.kind) {
    case 'PAYOUT':
      return `payouts of round ${roundNames.get(tx.origin.round ?? '') ?? tx.origin.round}`;
    case 'PROPOSAL':
      return 'a passed proposal’s actions';
    case 'REJECTION':
      return `rejection of nonce ${tx.nonce}`;
    case 'REVENUE_SHARE':
      return 'a revenue share’s payouts';
    case 'BOUNTY':
      return 'accepted bounties’ payouts';
    case 'EXTERNAL':
      return 'executed outside Guildhall';
  }
}

/** What the transaction does, in human terms. */
function Decoded({
  slug,
  tx,
  queue,
  roundNames,
}: {
  slug: string;
  tx: Summary;
  queue: readonly Summary[];
  roundNames: ReadonlyMap<string, string>;
}) {
  if (tx.origin.kind === 'PAYOUT' && tx.origin.round !== null)
    return <PayoutTable slug={slug} tx={tx} round={tx.origin.round} />;
  if (tx.origin.kind === 'REVENUE_SHARE' && tx.origin.revenueShare !== null)
    return <RevenueSharePayouts slug={slug} tx={tx} share={tx.origin.revenueShare} />;
  if (tx.origin.kind === 'PROPOSAL' && tx.origin.proposal !== null)
    return <ProposalActions slug={slug} tx={tx} proposal={tx.origin.proposal} />;
  if (tx.origin.kind === 'REJECTION') {
    const rejected = queue.filter((other) => other.nonce === tx.nonce && other.safeTxHash !== tx.safeTxHash);
    return rejected.length === 0 ? (
      <p>Uses nonce {tx.nonce} with a call of the Safe to itself that does nothing.</p>
    ) : (
      <p data-testid="rejects">
        Rejects{' '}
        {rejected.map((other, i) => (
          <span key={other.safeTxHash}>
            {i > 0 && ' and '}
            {describeOrigin(other, roundNames)} (
            <span title={other.safeTxHash}>{shortAddress(other.safeTxHash)}</span>)
          </span>
        ))}
        : it uses nonce {tx.nonce} with a call of the Safe to itself that does nothing, so that{' '}
        {rejected.length === 1 ? 'transaction' : 'none of them'} can{rejected.length === 1 ? ' never' : ''}{' '}
        execute.
      </p>
    );
  }
  return (
    <ul>
      {tx.actions.map((action, i) => (
        <li key={i}>{action.humanReadable}</li>
      ))}
    </ul>
  );
}

function PayoutTable({ slug, tx, round }: { slug: string; tx: Summary; round: string }) {
  const { data, error } = useQuery(RoundDocument, { id: round, first: 1 });
  if (error !== undefined) return <ErrorNote message={`${error.code}: ${error.message}`} />;
  if (data === undefined) return <Loading what="the payouts" />;
  const { tokenInfo, tranches, name } = data.round;
  return <Transfers slug={slug} tx={tx} token={tokenInfo} of={`round ${name}`} tranches={tranches} />;
}

function RevenueSharePayouts({ slug, tx, share }: { slug: string; tx: Summary; share: string }) {
  const { data, error } = useQuery(RevenueShareDocument, { id: share });
  if (error !== undefined) return <ErrorNote message={`${error.code}: ${error.message}`} />;
  if (data === undefined) return <Loading what="the payouts" />;
  return <Transfers slug={slug} tx={tx} token={data.revenueShare.tokenInfo} of="the revenue share" />;
}

/** A batch of ERC-20 transfers as a table: payee (and handle), amount, and the tranche each pays if any. */
function Transfers({
  slug,
  tx,
  token,
  of,
  tranches,
}: {
  slug: string;
  tx: Summary;
  token: TokenFieldsFragment;
  of: string;
  tranches?: ReadonlyArray<RoundQuery['round']['tranches'][number]>;
}) {
  const rows = tx.actions.map((action) => ({ action, transfer: transferOf(action) }));
  const handles = useHandles(
    slug,
    rows.flatMap(({ transfer }) => (transfer === undefined ? [] : [transfer.payee])),
  );
  const unmatched = [...(tranches ?? [])];
  return (
    <div className="scroll">
      <table className="tally payouts">
        <caption>
          {rows.length} payout{rows.length === 1 ? '' : 's'} of {of}
        </caption>
        <thead>
          <tr>
            <th scope="col">Payee</th>
            <th scope="col">Amount</th>
            {tranches !== undefined && <th scope="col">Tranche</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ action, transfer }, i) => {
            if (transfer === undefined)
              return (
                <tr key={i}>
                  <td colSpan={tranches === undefined ? 2 : 3}>{action.humanReadable}</td>
                </tr>
              );
            const index = unmatched.findIndex(
              (tranche) =>
                sameAddress(tranche.recipient, transfer.payee) && BigInt(tranche.amount) === transfer.amount,
            );
            const [tranche] = index === -1 ? [] : unmatched.splice(index, 1);
            const handle = handles.get(transfer.payee.toLowerCase());
            return (
              <tr key={i} data-testid="payout">
                <td>
                  <AddressText address={transfer.payee} />
                  {handle !== undefined && <span data-testid="handle"> {handle}</span>}
                </td>
                <td data-testid="amount">{formatTokenValue(transfer.amount, token)}</td>
                {tranches !== undefined && (
                  <td>
                    {tranche === undefined ? (
                      '—'
                    ) : (
                      <>
                        #{tranche.seq} · {tranche.pool.toLowerCase().replace('_', ' ')} · unlocked{' '}
                        <When iso={tranche.unlockAt} />
                      </>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ProposalActions({ slug, tx, proposal }: { slug: string; tx: Summary; proposal: string }) {
  const { data } = useQuery(ProposalTransfersDocument, { id: proposal });
  const actions = data?.proposal.actions;
  return (
    <>
      <p>
        Executes{' '}
        <Link href={`/dao/${encodeURIComponent(slug)}/proposal/${proposal}`}>the proposal’s actions</Link>:
      </p>
      <ol>
        {(actions ?? tx.actions).map((action, i) => {
          const transfer = actions?.[i]?.transfer;
          return (
            <li key={i}>
              {transfer ? (
                <>
                  {formatTokenValue(BigInt(transfer.amount), transfer.token)} to{' '}
                  <AddressText address={transfer.to} />
                </>
              ) : (
                (tx.actions[i]?.humanReadable ?? `a call to ${action.to}`)
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** Executed, failed and replaced transactions, newest nonce first, by pages. */
function History({
  slug,
  version,
  roundNames,
}: {
  slug: string;
  version: number;
  roundNames: ReadonlyMap<string, string>;
}) {
  const [status, setStatus] = useState<SafeTransactionStatus>('EXECUTED');
  const pages = useCursorPages();
  const after = pages.after;
  const { data, error, loading, reload } = useQuery(SafeTransactionsDocument, {
    dao: slug,
    status,
    first: PAGE,
    ...(after === undefined ? {} : { after }),
  });
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const page = data?.safeTransactions;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <label>
        Status{' '}
        <select
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as SafeTransactionStatus);
            pages.reset();
          }}
        >
          {HISTORY.map((value) => (
            <option key={value} value={value}>
              {statusWords(value)}
            </option>
          ))}
        </select>
      </label>
      {loading && page === undefined && <Loading what="the history" />}
      {error !== undefined && <ErrorNote message={`${error.code}: ${error.message}`} />}
      {page?.nodes.length === 0 && <p>No {statusWords(status)} transaction yet.</p>}
      <ol className="cards">
        {page?.nodes.map((tx) => (
          <li
            key={tx.safeTxHash}
            className="card"
            aria-label={`Nonce ${tx.nonce}, ${statusWords(tx.status)}`}
          >
            <h3>
              Nonce {tx.nonce}: {describeOrigin(tx, roundNames)}{' '}
              <span className={`state state-${tx.status.toLowerCase()}`}>{statusWords(tx.status)}</span>
            </h3>
            {tx.statusReason !== null && <p className="muted">{tx.statusReason}</p>}
            <Decoded slug={slug} tx={tx} queue={[]} roundNames={roundNames} />
            <p>
              Safe transaction hash <code>{tx.safeTxHash}</code>{' '}
              <CopyButton value={tx.safeTxHash} what="Safe transaction hash" />
            </p>
            {tx.executionTxHash !== null && (
              <p>
                Executed in transaction <code>{tx.executionTxHash}</code>{' '}
                <CopyButton value={tx.executionTxHash} what="execution transaction hash" /> (block{' '}
                {tx.executionBlock})
              </p>
            )}
          </li>
        ))}
      </ol>
      <Pager pages={pages} pageInfo={page?.pageInfo} label="History pages" />
    </section>
  );
}
