import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { API_URL } from '../api.js';

const fetcher = createGraphiQLFetcher({ url: API_URL, subscriptionUrl: API_URL.replace(/^http/, 'ws') });

const FIRST_QUERY = `# The Guildhall GraphQL API: queries, mutations (signed) and subscriptions.
# Press the run button (or Ctrl-Enter). The docs are in the book icon on the left.
query Daos {
  daos(first: 10) {
    nodes {
      slug
      name
      chainId
      governanceToken
      safeAddress
    }
  }
}
`;

/** GraphiQL served with the app (editors and workers bundled): works without internet. */
export default function Explorer() {
  return (
    <div className="explorer">
      <GraphiQL fetcher={fetcher} defaultQuery={FIRST_QUERY} />
    </div>
  );
}
