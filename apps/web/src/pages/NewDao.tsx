import { DAO_SLUG_PATTERN } from '@guildhall/core';
import { CreateDaoDocument, GuildhallSigner, HealthDocument } from '@guildhall/sdk';
import { useState } from 'react';
import { client, useQuery } from '../api.js';
import { ErrorNote, Loading } from '../components/common.js';
import {
  apiRulesErrors,
  DEFAULT_RULES,
  rulesOf,
  rulesProblems,
  RulesFields,
  type RulesDraft,
} from '../components/RulesFields.js';
import { SignStep } from '../components/SignStep.js';
import { addressProblem, asAddress, Field, useApiFieldError, useToken } from '../forms.js';
import { shortAddress } from '../format.js';
import { Link, navigate } from '../router.js';
import { chainName } from '../wallet/chains.js';
import { useWallet } from '../wallet/wallet.js';

/** The API refusals that concern one field of this form. */
const FIELD_OF_CODE = {
  NOT_AN_ERC20_VOTES_TOKEN: 'governanceToken',
  NOT_AN_ERC20: 'governanceToken',
  NOT_A_SAFE: 'safe',
  DAO_SLUG_TAKEN: 'dao',
};

export default function NewDao() {
  const { typedDataSigner } = useWallet();
  const health = useQuery(HealthDocument, {});
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [tokenText, setTokenText] = useState('');
  const [safeText, setSafeText] = useState('');
  const [rules, setRules] = useState<RulesDraft>(DEFAULT_RULES);
  const [tried, setTried] = useState(false);
  const governance = useToken(tokenText);
  const { capture, apiError } = useApiFieldError([slug, name, tokenText, safeText, rules], {
    byCode: FIELD_OF_CODE,
  });

  const chainId = health.data?.health.chain.chainId;
  const local = {
    dao: DAO_SLUG_PATTERN.test(slug) ? undefined : '3 to 40 characters: a-z, 0-9 and inner dashes.',
    name: name.trim() === '' || name.length > 100 ? '1 to 100 characters.' : undefined,
    governanceToken: addressProblem(tokenText),
    safe: addressProblem(safeText),
  };
  const rulesErrors = rulesProblems(rules, governance.token);
  // The token's own lookup failing (not an ERC-20) is the API's answer about that field.
  const tokenLookup =
    governance.error === undefined ? undefined : `${governance.error.code}: ${governance.error.message}`;
  const shown = (field: keyof typeof local) => apiError(field) ?? visible(field);
  const visible = (field: keyof typeof local) => {
    const text = { dao: slug, name, governanceToken: tokenText, safe: safeText }[field];
    return tried || text !== '' ? local[field] : undefined;
  };

  const validate = (): string | undefined => {
    setTried(true);
    const [field, problem] = Object.entries(local).find(([, value]) => value !== undefined) ?? [];
    if (problem !== undefined) return `${LABELS[field as keyof typeof local]}: ${problem}`;
    if (tokenLookup !== undefined) return `Governance token: ${tokenLookup}`;
    if (governance.token === undefined) return 'Governance token: still reading it…';
    const [rule, ruleProblem] = Object.entries(rulesErrors)[0] ?? [];
    return ruleProblem === undefined ? undefined : `Voting rules, ${rule}: ${ruleProblem}`;
  };

  if (health.loading && chainId === undefined) return <Loading what="the API’s chain" />;
  if (health.error !== undefined)
    return <ErrorNote message={`${health.error.code}: ${health.error.message}`} />;
  if (chainId === undefined) return null;

  return (
    <section aria-labelledby="new-dao-title">
      <p>
        <Link href="/">← DAOs</Link>
      </p>
      <h1 id="new-dao-title">Create a DAO</h1>
      <p>
        A DAO is bound to an ERC20Votes governance token (voting power) and a Safe (its treasury), both on the
        API’s chain. You become its first admin.
      </p>
      <form onSubmit={(event) => event.preventDefault()}>
        <Field
          label="Slug"
          value={slug}
          onChange={(value) => setSlug(value.toLowerCase())}
          hint="In the DAO’s address: /dao/your-slug."
          error={shown('dao')}
          autoComplete="off"
        />
        <Field label="Name" value={name} onChange={setName} error={shown('name')} />
        <Field
          label="Governance token address"
          value={tokenText}
          onChange={setTokenText}
          hint={
            governance.token === undefined
              ? 'An ERC20Votes token: voting power is its delegated balance.'
              : `${governance.token.symbol}, ${governance.token.decimals} decimals`
          }
          error={apiError('governanceToken') ?? visible('governanceToken') ?? tokenLookup}
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          label="Safe address"
          value={safeText}
          onChange={setSafeText}
          hint="The DAO’s treasury: a Safe 1.4.1 multisig."
          error={shown('safe')}
          autoComplete="off"
          spellCheck={false}
        />
        <p>
          Chain: <strong>{chainName(chainId)}</strong> (chain id {chainId}), the API’s chain.
        </p>
        <RulesFields
          draft={rules}
          onChange={setRules}
          token={governance.token}
          errors={{ ...(tried ? rulesErrors : {}), ...apiRulesErrors(apiError) }}
        />
        <SignStep
          chainId={chainId}
          action="Sign and create the DAO"
          summary={
            local.dao === undefined && local.governanceToken === undefined && local.safe === undefined
              ? `create the DAO “${name}” (${slug}) on ${chainName(chainId)}, governed by the token ${shortAddress(asAddress(tokenText))} with the Safe ${shortAddress(asAddress(safeText))}, and make you its first admin.`
              : 'the new DAO, once the form is complete.'
          }
          validate={validate}
          sign={() =>
            capture(async () => {
              const token = governance.token;
              if (token === undefined) return;
              const signer = new GuildhallSigner(await typedDataSigner(), chainId);
              const signed = await signer.createDao({
                dao: slug,
                name,
                governanceToken: asAddress(tokenText),
                safe: asAddress(safeText),
                rules: rulesOf(rules, token),
              });
              const { createDao } = await client.request(CreateDaoDocument, signed);
              navigate(`/dao/${encodeURIComponent(createDao.slug)}`);
            })
          }
        />
      </form>
    </section>
  );
}

const LABELS = { dao: 'Slug', name: 'Name', governanceToken: 'Governance token', safe: 'Safe' };
