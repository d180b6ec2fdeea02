import { Link, useLocation } from '../router.js';

/** The sections of a DAO's pages, each a path under /dao/:slug (the empty path is the DAO's home). */
const SECTIONS: ReadonlyArray<{ path: string; label: string }> = [
  { path: '', label: 'Proposals' },
  { path: 'treasury', label: 'Treasury' },
  { path: 'contribute', label: 'Contribute' },
  { path: 'review', label: 'Review' },
  { path: 'rounds', label: 'Rounds' },
  { path: 'bounties', label: 'Bounties' },
  { path: 'settings', label: 'Settings' },
];

/** The DAO's section links, the current one marked for assistive technology. */
export function DaoNav({ slug }: { slug: string }) {
  const { pathname } = useLocation();
  const base = `/dao/${encodeURIComponent(slug)}`;
  return (
    <nav aria-label="DAO sections" className="dao-nav">
      <Link href="/">← DAOs</Link>
      {SECTIONS.map(({ path, label }) => {
        const href = path === '' ? base : `${base}/${path}`;
        return (
          <Link key={path} href={href} aria-current={pathname === href ? 'page' : undefined}>
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
