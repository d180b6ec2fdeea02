import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

const at = (path: string): string => decodeURIComponent(new URL(path, import.meta.url).pathname);

/**
 * The web app: built into dist/web (which the API serves at /), or served with hot reload by
 * `npm run dev:web`, which forwards /graphql (HTTP and WebSocket) to the API on 127.0.0.1:4000.
 * The libraries are bundled through their browser-safe entries.
 */
export default defineConfig({
  root: at('.'),
  plugins: [react()],
  resolve: {
    alias: {
      '@guildhall/core': at('../../libs/core/src/browser.ts'),
      '@guildhall/sdk': at('../../libs/sdk/src/browser.ts'),
    },
  },
  build: {
    outDir: at('../../dist/web'),
    emptyOutDir: true,
    // hash-wasm's keccak is initialised with a top-level await.
    target: 'es2022',
    // The GraphQL explorer (Monaco, lazy-loaded on /explorer) is large by nature; the first load is
    // what counts (test/web/bundle.web-spec.ts holds it under 300 KB gzipped).
    chunkSizeWarningLimit: 2_000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // graphiql's React Compiler output marks modules "use no memo": harmless once bundled.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // Vite's dependency pre-bundling cannot follow the `?worker` imports of GraphiQL's Monaco setup.
  optimizeDeps: { exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'] },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
});
