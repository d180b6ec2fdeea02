import { DaosDocument } from '@guildhall/sdk';
import { useQuery } from '../api.js';
import { AddressText, ErrorNote, Loading } from '../components/common.js';
import { Link } from '../router.js';
import { chainName } from '../wallet/chains.js';

export function Home() {
  const { data, error, loading } = useQuery(DaosDocument, { first: 50 });
  return (
    <section aria-labelledby="daos-title">
      <h1 id="daos-title">DAOs</h1>
      <p>
        <Link href="/new-dao">Create a DAO</Link>
      </p>
      {loading && <Loading what="DAOs" />}
      {error !== undefined && <ErrorNote message={`${error.code}: ${error.message}`} />}
      {data?.daos.nodes.length === 0 && <p>No DAO yet.</p>}
      <ul className="cards">
        {data?.daos.nodes.map((dao) => (
          <li key={dao.id} className="card">
            <h2>
              <Link href={`/dao/${encodeURIComponent(dao.slug)}`}>{dao.name}</Link>
            </h2>
            <p className="muted">
              {dao.slug} · {chainName(dao.chainId)}
            </p>
            <p>
              Token <AddressText address={dao.governanceToken} /> · Safe{' '}
              <AddressText address={dao.safeAddress} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
