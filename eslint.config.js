import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * What each lib may import, lowest first: core → config → chain → database → signed-writes → dao →
 * features (governance → contributions → rewards → bounties; credits) → treasury → platform → apps, and
 * dao → statements → platform. The database imports no chain: signatures are checked in signed-writes. A
 * feature reaches the treasury only through its payables contract (`@guildhall/treasury/payables`), and
 * the statements only through theirs (`@guildhall/statements/lines`); the sdk and the web app stand on
 * core alone. A wrong import fails lint. docs/architecture.md draws the same order.
 */
const below = {
  core: [],
  config: ['core'],
  chain: ['core', 'config'],
  database: ['core', 'config'],
  'signed-writes': ['core', 'config', 'chain', 'database'],
  dao: ['core', 'config', 'chain', 'database', 'signed-writes'],
  credits: ['core', 'config', 'chain', 'database', 'signed-writes', 'dao', 'statements/lines'],
  governance: ['core', 'config', 'chain', 'database', 'signed-writes', 'dao', 'treasury/payables'],
  contributions: ['core', 'config', 'chain', 'database', 'signed-writes', 'dao', 'governance'],
  rewards: [
    'core',
    'config',
    'chain',
    'database',
    'signed-writes',
    'dao',
    'governance',
    'contributions',
    'treasury/payables',
    'statements/lines',
  ],
  bounties: [
    'core',
    'config',
    'chain',
    'database',
    'signed-writes',
    'dao',
    'governance',
    'contributions',
    'rewards',
    'treasury/payables',
    'statements/lines',
  ],
  treasury: ['core', 'config', 'chain', 'database', 'signed-writes', 'dao', 'statements/lines'],
  statements: ['core', 'config', 'chain', 'database', 'signed-writes', 'dao'],
  sdk: ['core'],
};
const libs = [...Object.keys(below), 'platform'];
const forbidden = (allowed) =>
  libs
    .filter((lib) => !allowed.includes(lib))
    .map((lib) => {
      // A lib of which only a part is allowed (the treasury's payables contract): that part is left out.
      const parts = allowed
        .filter((name) => name.startsWith(`${lib}/`))
        .map((name) => name.slice(lib.length));
      const except = parts.map((part) => `(?!${part}$)`).join('');
      return {
        regex: `^@guildhall/${lib}${except}(/.*)?$`,
        message: `Import order: core → config → chain → database → signed-writes → dao → features → treasury → platform → apps (see docs/architecture.md).`,
      };
    });
const apps = {
  group: ['**/apps/**', '**/api/src/**', '**/worker/src/**', '**/cli/src/**'],
  message: 'Libs never import apps.',
};
const importBoundaries = [
  ...Object.entries(below).map(([lib, allowed]) => ({
    files: [`libs/${lib}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...forbidden([lib, ...allowed]), apps] }] },
  })),
  {
    files: ['libs/platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [apps] }] },
  },
  ...['api', 'worker', 'cli'].map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['api', 'worker', 'cli', 'web']
                .filter((other) => other !== app)
                .map((other) => `**/${other}/src/**`),
              message:
                'An app never imports another app: what they share lives in a lib (@guildhall/platform).',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden(['core', 'sdk']),
            {
              group: ['**/api/src/**', '**/worker/src/**', '**/cli/src/**', '**/libs/**'],
              message: 'The web app uses @guildhall/sdk and @guildhall/core only.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'libs/sdk/src/generated/**',
      'libs/chain/src/abi/generated/**',
      '.guildhall/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @guildhall/config, never process.env.',
        },
      ],
    },
  },
  ...importBoundaries,
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Jest's globalSetup reads TEST_DATABASE_URL: test harness input, not application configuration.
    files: ['test/setup/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['*.js', 'scripts/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Example scripts for users: plain Node, configured by their environment.
    files: ['docs/examples/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: 'readonly', process: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-restricted-syntax': 'off' },
  },
);
