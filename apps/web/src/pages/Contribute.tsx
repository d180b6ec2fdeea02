import {
  DaoDocument,
  GuildhallSigner,
  RoundsDocument,
  SubmitAttestationDocument,
  type AttestationKind,
} from '@guildhall/sdk';
import {
  DECIMAL_PATTERN,
  EVIDENCE_URI_PATTERN,
  METRIC_NAME_PATTERN,
  MODEL_BASE_PATTERN,
} from '@guildhall/core';
import { useState } from 'react';
import { client, useQuery } from '../api.js';
import { ErrorNote, Loading } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { EvidenceFile, type HashedFile } from '../components/EvidenceFile.js';
import { MyContributions } from '../components/MyContributions.js';
import { SignStep } from '../components/SignStep.js';
import { ALL_BPS, KIND_LABELS, KINDS, parseAddress, parseBps } from '../contributions.js';
import { sameAddress, shortAddress } from '../format.js';
import { navigate } from '../router.js';
import { useWallet } from '../wallet/wallet.js';

interface Row {
  readonly key: number;
  readonly a: string;
  readonly b: string;
}

type Splits = ReadonlyArray<{ contributor: `0x${string}`; bps: number }>;

/** The contributor's page: submit an attestation, and the connected account's contributions. */
export default function Contribute({ slug }: { slug: string }) {
  const { connection } = useWallet();
  const dao = useQuery(DaoDocument, { slug });
  return (
    <section aria-labelledby="contribute-title">
      <DaoNav slug={slug} />
      <h1 id="contribute-title">{dao.data?.dao.name ?? slug}: contribute</h1>
      {dao.error !== undefined && <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />}
      {dao.data !== undefined && <AttestationForm slug={slug} chainId={dao.data.dao.chainId} />}
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">My contributions</h2>
        {connection === undefined ? (
          <p>Connect a wallet to see your attestations and allocations.</p>
        ) : (
          <MyContributions slug={slug} account={connection.account} />
        )}
      </section>
    </section>
  );
}

function AttestationForm({ slug, chainId }: { slug: string; chainId: number }) {
  const { connection, typedDataSigner } = useWallet();
  const rounds = useQuery(RoundsDocument, { dao: slug, state: 'OPEN', first: 50 });
  const [kind, setKind] = useState<AttestationKind>('RESEARCH');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [model, setModel] = useState({ name: '', version: '', base: '' });
  const [round, setRound] = useState('');
  const [uri, setUri] = useState('');
  const [file, setFile] = useState<HashedFile>();
  const [metrics, setMetrics] = useState<readonly Row[]>([]);
  const [myBps, setMyBps] = useState(String(ALL_BPS));
  const [credits, setCredits] = useState<readonly Row[]>([]);
  const [references, setReferences] = useState('');
  const [nextKey, setNextKey] = useState(1);

  const row = (): Row => {
    setNextKey((key) => key + 1);
    return { key: nextKey, a: '', b: '' };
  };
  const edit = (rows: readonly Row[], key: number, change: Partial<Row>) =>
    rows.map((entry) => (entry.key === key ? { ...entry, ...change } : entry));
  const referenceIds = references.split(/[\s,]+/).filter((id) => id !== '');
  const filledMetrics = metrics.filter((metric) => metric.a.trim() !== '' || metric.b.trim() !== '');

  /** The credit split to sign, or why it cannot be signed; empty: the submitter alone. */
  const splits = (): Splits | string => {
    if (credits.length === 0) return [];
    const me = connection?.account;
    if (me === undefined) return 'Connect a wallet first.';
    const mine = parseBps(myBps);
    if (mine === undefined) return 'Your share: a whole number of bps from 1 to 10,000.';
    const list: Array<{ contributor: `0x${string}`; bps: number }> = [{ contributor: me, bps: mine }];
    for (const [index, credit] of credits.entries()) {
      const parsed = parseAddress(credit.a);
      if ('invalid' in parsed) return `Co-contributor ${index + 1}: ${parsed.invalid}.`;
      if (list.some((entry) => sameAddress(entry.contributor, parsed.address)))
        return `Co-contributor ${index + 1}: ${shortAddress(parsed.address)} is listed twice (you are listed already).`;
      const bps = parseBps(credit.b);
      if (bps === undefined) return `Co-contributor ${index + 1}: a whole number of bps from 1 to 10,000.`;
      list.push({ contributor: parsed.address, bps });
    }
    const total = list.reduce((sum, entry) => sum + entry.bps, 0);
    if (total !== ALL_BPS)
      return `The shares sum to ${total.toLocaleString()} bps; with yours they must sum to 10,000.`;
    return list;
  };

  const validate = (): string | undefined => {
    if (title.trim() === '') return 'Give the work a title.';
    if (model.name.trim() === '' || model.version.trim() === '') return 'Name the model and its version.';
    if (kind === 'FINE_TUNING' && !MODEL_BASE_PATTERN.test(model.base))
      return 'A fine-tune names its base model as name@version.';
    if (!EVIDENCE_URI_PATTERN.test(uri.trim())) return 'Evidence URI: an https://, ipfs:// or ar:// address.';
    if (file === undefined) return 'Drop or choose the evidence file: its SHA-256 is what you attest.';
    for (const [index, metric] of filledMetrics.entries()) {
      if (!METRIC_NAME_PATTERN.test(metric.a.trim()))
        return `Metric ${index + 1}: a name starting with a letter (letters, digits and _ . : / -).`;
      if (!DECIMAL_PATTERN.test(metric.b.trim()))
        return `Metric ${index + 1}: a decimal number, such as 0.97.`;
    }
    const split = splits();
    return typeof split === 'string' ? split : undefined;
  };

  const split = splits();
  const roundName = rounds.data?.rounds.nodes.find((node) => node.id === round)?.name;
  const summaryText =
    file === undefined
      ? 'your attestation, once the form is complete.'
      : `an attestation of ${KIND_LABELS[kind].toLowerCase()} work “${title}” on ${model.name}@${model.version}` +
        `${round === '' ? ' outside any round' : ` in the round “${roundName ?? round}”`}` +
        `, evidence ${uri} with SHA-256 ${file.sha256}` +
        (typeof split !== 'string' && split.length > 0
          ? `, credit shared: ${split.map((entry) => `${shortAddress(entry.contributor)} ${entry.bps.toLocaleString()} bps`).join(', ')}`
          : ', all credit yours') +
        '.';

  return (
    <section aria-labelledby="attest-title">
      <h2 id="attest-title">Submit an attestation</h2>
      <form onSubmit={(event) => event.preventDefault()} className="attest-form">
        <label className="stack">
          Kind of work
          <select value={kind} onChange={(event) => setKind(event.target.value as AttestationKind)}>
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          Title
          <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label className="stack">
          Summary (optional, Markdown)
          <textarea value={summary} maxLength={10_000} onChange={(event) => setSummary(event.target.value)} />
        </label>
        <fieldset>
          <legend>Model</legend>
          <label className="stack">
            Model name
            <input
              value={model.name}
              onChange={(event) => setModel({ ...model, name: event.target.value })}
            />
          </label>
          <label className="stack">
            Model version
            <input
              value={model.version}
              onChange={(event) => setModel({ ...model, version: event.target.value })}
            />
          </label>
          <label className="stack">
            Base model (name@version; required for a fine-tune)
            <input
              value={model.base}
              onChange={(event) => setModel({ ...model, base: event.target.value })}
            />
          </label>
        </fieldset>
        <label className="stack">
          Round
          <select value={round} onChange={(event) => setRound(event.target.value)}>
            <option value="">No round (the DAO’s review policy)</option>
            {rounds.data?.rounds.nodes.map((node) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
        {rounds.loading && <Loading what="open rounds" />}
        {rounds.error !== undefined && (
          <ErrorNote message={`${rounds.error.code}: ${rounds.error.message}`} />
        )}
        <fieldset>
          <legend>Evidence</legend>
          <label className="stack">
            Evidence URI (https://, ipfs:// or ar://)
            <input value={uri} inputMode="url" onChange={(event) => setUri(event.target.value)} />
          </label>
          <EvidenceFile value={file} onChange={setFile} />
        </fieldset>
        <fieldset>
          <legend>Metrics</legend>
          {metrics.map((metric, index) => (
            <div key={metric.key} className="row">
              <label className="stack">
                Metric {index + 1} name
                <input
                  value={metric.a}
                  onChange={(event) => setMetrics(edit(metrics, metric.key, { a: event.target.value }))}
                />
              </label>
              <label className="stack">
                Metric {index + 1} value
                <input
                  value={metric.b}
                  inputMode="decimal"
                  onChange={(event) => setMetrics(edit(metrics, metric.key, { b: event.target.value }))}
                />
              </label>
              <button
                type="button"
                aria-label={`Remove metric ${index + 1}`}
                onClick={() => setMetrics(metrics.filter((entry) => entry.key !== metric.key))}
              >
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setMetrics([...metrics, row()])}>
            Add a metric
          </button>
        </fieldset>
        <fieldset>
          <legend>Credit</legend>
          {credits.length === 0 ? (
            <p className="muted">All credit is yours. Add co-contributors to share it; each co-signs.</p>
          ) : (
            <label className="stack">
              Your share (bps of 10,000)
              <input value={myBps} inputMode="numeric" onChange={(event) => setMyBps(event.target.value)} />
            </label>
          )}
          {credits.map((credit, index) => (
            <div key={credit.key} className="row">
              <label className="stack wide">
                Co-contributor {index + 1} address
                <input
                  value={credit.a}
                  spellCheck={false}
                  onChange={(event) => setCredits(edit(credits, credit.key, { a: event.target.value }))}
                />
              </label>
              <label className="stack">
                Co-contributor {index + 1} share (bps)
                <input
                  value={credit.b}
                  inputMode="numeric"
                  onChange={(event) => setCredits(edit(credits, credit.key, { b: event.target.value }))}
                />
              </label>
              <button
                type="button"
                aria-label={`Remove co-contributor ${index + 1}`}
                onClick={() => setCredits(credits.filter((entry) => entry.key !== credit.key))}
              >
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setCredits([...credits, row()])}>
            Add a co-contributor
          </button>
        </fieldset>
        <label className="stack">
          References (ids of earlier attestations this builds on, separated by spaces or commas)
          <input value={references} onChange={(event) => setReferences(event.target.value)} />
        </label>
        <SignStep
          chainId={chainId}
          action="Sign attestation"
          summary={summaryText}
          validate={validate}
          sign={async () => {
            const checked = splits();
            if (file === undefined || typeof checked === 'string') return;
            const signer = new GuildhallSigner(await typedDataSigner(), chainId);
            const signed = await signer.submitAttestation({
              dao: slug,
              ...(round === '' ? {} : { round }),
              kind,
              model: { name: model.name.trim(), version: model.version.trim(), base: model.base.trim() },
              title,
              summary,
              evidence: [{ uri: uri.trim(), sha256: file.sha256 }],
              metrics: Object.fromEntries(filledMetrics.map((metric) => [metric.a.trim(), metric.b.trim()])),
              splits: checked,
              references: referenceIds,
            });
            const { submitAttestation } = await client.request(SubmitAttestationDocument, signed);
            navigate(`/dao/${encodeURIComponent(slug)}/attestation/${submitAttestation.id}`);
          }}
        />
      </form>
    </section>
  );
}
