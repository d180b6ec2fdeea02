import { formatTokenValue, parseTokenAmount } from '@guildhall/core';
import {
  CreateProposalDocument,
  DaoWithSettingsDocument,
  GuildhallSigner,
  type TokenFieldsFragment,
  type VotingRules,
} from '@guildhall/sdk';
import { useState } from 'react';
import { decodeFunctionData, encodeFunctionData, erc20Abi, type Hex } from 'viem';
import { client, useQuery } from '../api.js';
import { AddressText, ErrorNote, Loading } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import { voteName } from '../components/RulesFields.js';
import { SignStep } from '../components/SignStep.js';
import {
  addressProblem,
  amountProblem,
  asAddress,
  Field,
  useApiFieldError,
  useTokens,
  type Address,
} from '../forms.js';
import { shortAddress } from '../format.js';
import { navigate } from '../router.js';
import { useWallet } from '../wallet/wallet.js';

const BASIC = ['For', 'Against', 'Abstain'];

interface TransferDraft {
  readonly token: string;
  readonly to: string;
  readonly amount: string;
}

/** A transfer ready to sign: the call the Safe makes, and the same decoded back from its calldata. */
interface Transfer {
  readonly action: { to: Address; value: bigint; data: Hex; operation: 0 };
  readonly token: TokenFieldsFragment;
  readonly to: Address;
  readonly amount: bigint;
}

/** The ERC-20 transfer of a draft, or what is wrong with it, field by field. */
function transferOf(
  draft: TransferDraft,
  tokens: ReadonlyMap<string, TokenFieldsFragment | string>,
): Transfer | { token?: string; to?: string; amount?: string } {
  const known = tokens.get(draft.token.trim().toLowerCase());
  const problems = {
    token:
      addressProblem(draft.token) ??
      (typeof known === 'string' ? known : known === undefined ? 'Reading the token…' : undefined),
    to: addressProblem(draft.to),
    amount: amountProblem(draft.amount, typeof known === 'string' ? undefined : known),
  };
  if (typeof known !== 'object' || Object.values(problems).some((problem) => problem !== undefined))
    return problems;
  const data = encodeFunctionData({
    abi: erc20Abi,
    functionName: 'transfer',
    args: [asAddress(draft.to), parseTokenAmount(draft.amount, known.decimals)],
  });
  // What is shown is read back from the calldata that will be signed, not from the form.
  const { args } = decodeFunctionData({ abi: erc20Abi, data });
  const [to, amount] = args as readonly [Address, bigint];
  return { action: { to: asAddress(draft.token), value: 0n, data, operation: 0 }, token: known, to, amount };
}

/** What the amount is typed in, once the token is known. */
const amountHint = (token: TokenFieldsFragment | string | undefined): string =>
  typeof token === 'object'
    ? `In ${token.symbol} (${token.decimals} decimals), such as 250.5.`
    : 'In the token’s units, such as 250.5.';

const isTransfer = (value: ReturnType<typeof transferOf>): value is Transfer => 'action' in value;

export default function NewProposal({ slug }: { slug: string }) {
  const { typedDataSigner } = useWallet();
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const d = dao.data?.dao;
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [discussion, setDiscussion] = useState('');
  const [type, setType] = useState<VotingRules['voteTypes'][number]>();
  const [choicesText, setChoicesText] = useState('');
  const [drafts, setDrafts] = useState<readonly TransferDraft[]>([]);
  const [tried, setTried] = useState(false);
  const { capture, apiError } = useApiFieldError([title, body, discussion, type, choicesText, drafts]);
  const tokens = useTokens(drafts.map((draft) => draft.token));

  if (dao.loading && d === undefined) return <Loading what="the DAO" />;
  if (dao.error !== undefined) return <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />;
  if (d === undefined) return null;

  const voteType = type ?? voteName(d.voteTypes[0]);
  const basic = voteType === 'basic';
  const choices = basic
    ? BASIC
    : choicesText
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
  const transfers = basic ? drafts.map((draft) => transferOf(draft, tokens)) : [];
  const problems: Record<string, string | undefined> = {
    title: title.trim() === '' || title.length > 256 ? '1 to 256 characters.' : undefined,
    discussion:
      discussion === '' || /^https:\/\/\S+$/.test(discussion) ? undefined : 'Empty, or an https:// link.',
    choices: choices.length < 2 || choices.length > 20 ? '2 to 20 choices, one per line.' : undefined,
    actions: transfers.some((transfer) => !isTransfer(transfer))
      ? 'A transfer is not complete yet.'
      : undefined,
  };
  const shown = (field: string) => apiError(field) ?? (tried ? problems[field] : undefined);
  const ready = transfers.filter(isTransfer);
  const words = (transfer: Transfer) =>
    `${formatTokenValue(transfer.amount, transfer.token)} to ${shortAddress(transfer.to)}`;
  const setDraft = (index: number, change: Partial<TransferDraft>) =>
    setDrafts(drafts.map((draft, i) => (i === index ? { ...draft, ...change } : draft)));

  return (
    <section aria-labelledby="new-proposal-title">
      <DaoNav slug={slug} />
      <h1 id="new-proposal-title">{d.name}: new proposal</h1>
      <form onSubmit={(event) => event.preventDefault()}>
        <Field label="Title" value={title} onChange={setTitle} error={shown('title')} />
        <Field
          label="Description (optional)"
          multiline
          value={body}
          onChange={setBody}
          error={shown('body')}
        />
        <Field
          label="Discussion link (optional)"
          type="url"
          value={discussion}
          onChange={setDiscussion}
          error={shown('discussion')}
        />
        <div className="stack">
          <label>
            Vote type{' '}
            <select value={voteType} onChange={(event) => setType(voteName(event.target.value))}>
              {d.voteTypes.map((allowed) => (
                <option key={allowed} value={voteName(allowed)}>
                  {voteName(allowed).replace('-', ' ')}
                </option>
              ))}
            </select>
          </label>
        </div>
        {basic ? (
          <p>Choices: For, Against, Abstain.</p>
        ) : (
          <Field
            label="Choices (one per line)"
            multiline
            value={choicesText}
            onChange={setChoicesText}
            error={shown('choices')}
          />
        )}
        {basic ? (
          <fieldset>
            <legend>Transfers from the treasury if it passes</legend>
            {drafts.length === 0 && <p className="muted">None: a vote without on-chain actions.</p>}
            {drafts.map((draft, index) => {
              const transfer = transfers[index];
              const problem = (field: keyof TransferDraft) =>
                isTransfer(transfer) || (!tried && draft[field] === '') ? undefined : transfer[field];
              return (
                <fieldset key={index}>
                  <legend>Transfer {index + 1}</legend>
                  <Field
                    label="Token address"
                    value={draft.token}
                    onChange={(token) => setDraft(index, { token })}
                    error={problem('token')}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <Field
                    label="Recipient address"
                    value={draft.to}
                    onChange={(to) => setDraft(index, { to })}
                    error={problem('to')}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <Field
                    label="Amount"
                    inputMode="decimal"
                    value={draft.amount}
                    onChange={(amount) => setDraft(index, { amount })}
                    hint={amountHint(tokens.get(draft.token.trim().toLowerCase()))}
                    error={problem('amount')}
                  />
                  {isTransfer(transfer) && (
                    <p data-testid="transfer-preview">
                      Transfer {formatTokenValue(transfer.amount, transfer.token)} to{' '}
                      <AddressText address={transfer.to} />
                    </p>
                  )}
                  <button type="button" onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}>
                    Remove transfer {index + 1}
                  </button>
                </fieldset>
              );
            })}
            <button type="button" onClick={() => setDrafts([...drafts, { token: '', to: '', amount: '' }])}>
              Add a transfer
            </button>
            {apiError('actions') !== undefined && <small className="error">{apiError('actions')}</small>}
          </fieldset>
        ) : (
          <p className="muted">Only basic (For, Against, Abstain) proposals carry transfers.</p>
        )}
        <SignStep
          chainId={d.chainId}
          action="Sign and create the proposal"
          summary={`a ${voteType.replace('-', ' ')} proposal “${title}” in ${d.slug}${
            ready.length === 0
              ? ', without on-chain actions'
              : `; if it passes, the Safe transfers ${ready.map(words).join(', ')}`
          }.`}
          validate={() => {
            setTried(true);
            const [field, problem] = Object.entries(problems).find(([, value]) => value !== undefined) ?? [];
            return problem === undefined ? undefined : `${field}: ${problem}`;
          }}
          sign={() =>
            capture(async () => {
              const signer = new GuildhallSigner(await typedDataSigner(), d.chainId);
              const signed = await signer.createProposal({
                dao: d.slug,
                title,
                body,
                discussion,
                voteType,
                choices,
                actions: ready.map((transfer) => transfer.action),
              });
              const { createProposal } = await client.request(CreateProposalDocument, signed);
              navigate(`/dao/${encodeURIComponent(d.slug)}/proposal/${createProposal.id}`);
            })
          }
        />
      </form>
    </section>
  );
}
