import { lazy, Suspense } from 'react';
import { Loading } from './components/common.js';
import { WalletButton } from './components/WalletButton.js';
import { Home } from './pages/Home.js';
import { Proposals } from './pages/Proposals.js';
import { Link, match, useLocation } from './router.js';

const ProposalPage = lazy(() => import('./pages/Proposal.js'));
const TreasuryPage = lazy(() => import('./pages/Treasury.js'));
const Explorer = lazy(() => import('./pages/Explorer.js'));
const Contribute = lazy(() => import('./pages/Contribute.js'));
const AttestationPage = lazy(() => import('./pages/Attestation.js'));
const Review = lazy(() => import('./pages/Review.js'));
const NewDao = lazy(() => import('./pages/NewDao.js'));
const Settings = lazy(() => import('./pages/Settings.js'));
const Rounds = lazy(() => import('./pages/Rounds.js'));
const NewRound = lazy(() => import('./pages/NewRound.js'));
const NewProposal = lazy(() => import('./pages/NewProposal.js'));
const Bounties = lazy(() => import('./pages/Bounties.js'));
const BountyPage = lazy(() => import('./pages/Bounty.js'));
const NewBounty = lazy(() => import('./pages/NewBounty.js'));

function Route() {
  const { pathname } = useLocation();
  let params: Record<string, string> | undefined;
  if (pathname === '/') return <Home />;
  if (pathname === '/explorer') return <Explorer />;
  if (pathname === '/new-dao') return <NewDao />;
  if ((params = match('/dao/:slug', pathname))) return <Proposals key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/proposal/:id', pathname)))
    return <ProposalPage key={params.id} slug={params.slug} id={params.id} />;
  if ((params = match('/dao/:slug/treasury', pathname)))
    return <TreasuryPage key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/contribute', pathname)))
    return <Contribute key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/attestation/:id', pathname)))
    return <AttestationPage key={params.id} slug={params.slug} id={params.id} />;
  if ((params = match('/dao/:slug/review', pathname))) return <Review key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/proposals/new', pathname)))
    return <NewProposal key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/settings', pathname)))
    return <Settings key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/rounds', pathname))) return <Rounds key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/rounds/new', pathname)))
    return <NewRound key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/bounties', pathname)))
    return <Bounties key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/bounties/new', pathname)))
    return <NewBounty key={params.slug} slug={params.slug} />;
  if ((params = match('/dao/:slug/bounty/:id', pathname)))
    return <BountyPage key={params.id} slug={params.slug} id={params.id} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing at {pathname}. <Link href="/">Back to the DAOs</Link>
      </p>
    </section>
  );
}

export function App() {
  return (
    <>
      <header className="top">
        <Link href="/" className="brand">
          Guildhall
        </Link>
        <nav aria-label="Main" className="wallet">
          <Link href="/explorer">GraphQL explorer</Link>
          <WalletButton />
        </nav>
      </header>
      <main>
        <Suspense fallback={<Loading what="the page" />}>
          <Route />
        </Suspense>
      </main>
    </>
  );
}
