import {
  DaoWithSettingsDocument,
  GuildhallSigner,
  ReviewSettingsDocument,
  SetDaoAdminsDocument,
  SetReviewersDocument,
  SetReviewPolicyDocument,
  UpdateDaoSettingsDocument,
  type DaoFieldsFragment,
  type DaoSettingsFragment,
  type ReviewSettingsQuery,
  type TokenFieldsFragment,
} from '@guildhall/sdk';
import { useState, type ReactNode } from 'react';
import { client, useQuery } from '../api.js';
import { ErrorNote, Loading } from '../components/common.js';
import { DaoNav } from '../components/DaoNav.js';
import {
  apiRulesErrors,
  rulesDraftOf,
  rulesOf,
  rulesProblems,
  RulesFields,
  type RulesDraft,
} from '../components/RulesFields.js';
import { SignStep } from '../components/SignStep.js';
import { WalletButton } from '../components/WalletButton.js';
import {
  addressListProblem,
  asAddressList,
  Field,
  integerProblem,
  useApiFieldError,
  useToken,
} from '../forms.js';
import { duration, sameAddress } from '../format.js';
import { useWallet } from '../wallet/wallet.js';

type Dao = DaoFieldsFragment & DaoSettingsFragment;

/** Whether the connected account is an admin (else the forms are read-only), and how it signs. */
interface Editing {
  readonly editable: boolean;
  readonly chainId: number;
  readonly signer: () => Promise<GuildhallSigner>;
  readonly saved: () => void;
}

export default function Settings({ slug }: { slug: string }) {
  const { connection, typedDataSigner } = useWallet();
  const dao = useQuery(DaoWithSettingsDocument, { slug });
  const review = useQuery(ReviewSettingsDocument, { dao: slug });
  const d = dao.data?.dao;
  const governance = useToken(d?.governanceToken ?? '');

  const admin =
    d !== undefined &&
    connection !== undefined &&
    d.admins.some((address) => sameAddress(address, connection.account));

  return (
    <section aria-labelledby="settings-title">
      <DaoNav slug={slug} />
      <h1 id="settings-title">{d?.name ?? slug}: settings</h1>
      {(dao.loading || review.loading) && <Loading what="the settings" />}
      {dao.error !== undefined && <ErrorNote message={`${dao.error.code}: ${dao.error.message}`} />}
      {review.error !== undefined && <ErrorNote message={`${review.error.code}: ${review.error.message}`} />}
      {governance.error !== undefined && (
        <ErrorNote message={`${governance.error.code}: ${governance.error.message}`} />
      )}
      {d !== undefined && !admin && (
        <div className="note" role="note">
          <p>
            Only the DAO’s admins can change these settings; you see them read-only.
            {connection === undefined ? ' Connect an admin’s wallet to edit them.' : ''}
          </p>
          {connection === undefined && <WalletButton />}
        </div>
      )}
      {d !== undefined && governance.token !== undefined && review.data !== undefined && (
        <SettingsForms
          dao={d}
          token={governance.token}
          review={review.data}
          editing={{
            editable: admin,
            chainId: d.chainId,
            signer: async () => new GuildhallSigner(await typedDataSigner(), d.chainId),
            saved: () => {
              dao.reload();
              review.reload();
            },
          }}
        />
      )}
    </section>
  );
}

function SettingsForms({
  dao,
  token,
  review,
  editing,
}: {
  dao: Dao;
  token: TokenFieldsFragment;
  review: ReviewSettingsQuery;
  editing: Editing;
}) {
  return (
    <>
      <RulesForm dao={dao} token={token} editing={editing} />
      <AddressListForm
        title="Admins"
        explain="Admins change these settings, create rounds and resolve disputes. One address per line; 1 to 20."
        initial={dao.admins}
        limits={{ min: 1, max: 20 }}
        editing={editing}
        action="Sign the new admins"
        summary={(count) => `replace the admins of ${dao.slug} with these ${count} address(es).`}
        save={async (addresses) => {
          const signer = await editing.signer();
          await client.request(
            SetDaoAdminsDocument,
            await signer.setDaoAdmins({ dao: dao.slug, admins: addresses }),
          );
        }}
      />
      <AddressListForm
        title="Reviewers"
        explain="Reviewers score attestations of work. One address per line; none is allowed."
        initial={review.reviewers}
        limits={{ min: 0, max: 200 }}
        editing={editing}
        action="Sign the new reviewers"
        summary={(count) => `replace the reviewers of ${dao.slug} with these ${count} address(es).`}
        save={async (addresses) => {
          const signer = await editing.signer();
          await client.request(
            SetReviewersDocument,
            await signer.setReviewers({ dao: dao.slug, reviewers: addresses }),
          );
        }}
      />
      <PolicyForm slug={dao.slug} policy={review.reviewPolicy} editing={editing} />
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function RulesForm({ dao, token, editing }: { dao: Dao; token: TokenFieldsFragment; editing: Editing }) {
  const [name, setName] = useState(dao.name);
  const [rules, setRules] = useState<RulesDraft>(() => rulesDraftOf(dao, token));
  const [tried, setTried] = useState(false);
  const { capture, apiError } = useApiFieldError([name, rules]);
  const problems = rulesProblems(rules, token);
  const nameProblem = name.trim() === '' || name.length > 100 ? '1 to 100 characters.' : undefined;
  return (
    <Section title="Name and voting rules">
      <form onSubmit={(event) => event.preventDefault()}>
        <Field
          label="Name"
          value={name}
          onChange={setName}
          disabled={!editing.editable}
          error={apiError('name') ?? (tried ? nameProblem : undefined)}
        />
        <RulesFields
          draft={rules}
          onChange={setRules}
          token={token}
          errors={{ ...(tried ? problems : {}), ...apiRulesErrors(apiError) }}
          disabled={!editing.editable}
        />
        {editing.editable && (
          <SignStep
            chainId={editing.chainId}
            action="Sign the new settings"
            summary={`the name “${name}” and these voting rules for ${dao.slug}; proposals already made keep theirs.`}
            validate={() => {
              setTried(true);
              if (nameProblem !== undefined) return `Name: ${nameProblem}`;
              const [field, problem] = Object.entries(problems)[0] ?? [];
              return problem === undefined ? undefined : `${field}: ${problem}`;
            }}
            sign={() =>
              capture(async () => {
                const signer = await editing.signer();
                await client.request(
                  UpdateDaoSettingsDocument,
                  await signer.updateDaoSettings({ dao: dao.slug, name, rules: rulesOf(rules, token) }),
                );
                editing.saved();
              })
            }
          />
        )}
      </form>
    </Section>
  );
}

function AddressListForm({
  title,
  explain,
  initial,
  limits,
  editing,
  action,
  summary,
  save,
}: {
  title: string;
  explain: string;
  initial: readonly string[];
  limits: { min: number; max: number };
  editing: Editing;
  action: string;
  summary: (count: number) => string;
  save: (addresses: `0x${string}`[]) => Promise<void>;
}) {
  const [text, setText] = useState(initial.join('\n'));
  const { capture, apiError } = useApiFieldError(text);
  const problem = addressListProblem(text, limits);
  const field = title.toLowerCase();
  return (
    <Section title={title}>
      <form onSubmit={(event) => event.preventDefault()}>
        <Field
          label={title}
          multiline
          value={text}
          onChange={setText}
          hint={explain}
          disabled={!editing.editable}
          error={editing.editable ? (apiError(field) ?? problem) : undefined}
        />
        {editing.editable && (
          <SignStep
            chainId={editing.chainId}
            action={action}
            summary={
              problem === undefined
                ? summary(asAddressList(text).length)
                : `the ${field}, once the list is valid.`
            }
            validate={() => (problem === undefined ? undefined : `${title}: ${problem}`)}
            sign={() =>
              capture(async () => {
                await save(asAddressList(text));
                editing.saved();
              })
            }
          />
        )}
      </form>
    </Section>
  );
}

function PolicyForm({
  slug,
  policy,
  editing,
}: {
  slug: string;
  policy: ReviewSettingsQuery['reviewPolicy'];
  editing: Editing;
}) {
  const [draft, setDraft] = useState(() => ({
    cosignWindow: String(policy.cosignWindow),
    reviewPeriod: String(policy.reviewPeriod),
    minReviews: String(policy.minReviews),
    acceptanceScore: String(policy.acceptanceScore),
  }));
  const { capture, apiError } = useApiFieldError(draft);
  const YEAR = 365 * 86_400;
  const problems = {
    cosignWindow: integerProblem(draft.cosignWindow, 1, YEAR),
    reviewPeriod: integerProblem(draft.reviewPeriod, 1, YEAR),
    minReviews: integerProblem(draft.minReviews, 1, 1000),
    acceptanceScore: integerProblem(draft.acceptanceScore, 0, 100),
  };
  const seconds = (text: string) => (/^\d+$/.test(text.trim()) ? `= ${duration(Number(text))}` : undefined);
  const field = (key: keyof typeof draft, label: string, hint?: string) => (
    <Field
      label={label}
      inputMode="numeric"
      value={draft[key]}
      onChange={(value) => setDraft({ ...draft, [key]: value })}
      hint={hint}
      disabled={!editing.editable}
      error={editing.editable ? (apiError(key) ?? problems[key]) : undefined}
    />
  );
  return (
    <Section title="Review policy">
      <form onSubmit={(event) => event.preventDefault()}>
        {field('cosignWindow', 'Co-signing window (seconds)', seconds(draft.cosignWindow))}
        {field('reviewPeriod', 'Review period (seconds)', seconds(draft.reviewPeriod))}
        {field('minReviews', 'Minimum reviews')}
        {field(
          'acceptanceScore',
          'Acceptance score (0 to 100)',
          'The stake-weighted median score to be accepted.',
        )}
        {editing.editable && (
          <SignStep
            chainId={editing.chainId}
            action="Sign the review policy"
            summary={`the review policy of ${slug} for attestations submitted from now on.`}
            validate={() => {
              const [key, problem] = Object.entries(problems).find(([, value]) => value !== undefined) ?? [];
              return problem === undefined ? undefined : `${key}: ${problem}`;
            }}
            sign={() =>
              capture(async () => {
                const signer = await editing.signer();
                await client.request(
                  SetReviewPolicyDocument,
                  await signer.setReviewPolicy({
                    dao: slug,
                    cosignWindow: Number(draft.cosignWindow),
                    reviewPeriod: Number(draft.reviewPeriod),
                    minReviews: Number(draft.minReviews),
                    acceptanceScore: Number(draft.acceptanceScore),
                  }),
                );
                editing.saved();
              })
            }
          />
        )}
      </form>
    </Section>
  );
}
