import type { CodegenConfig } from '@graphql-codegen/cli';

/** The typed client is generated from the committed schema.gql, never from a live server. */
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['libs/sdk/src/documents/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'libs/sdk/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          Address: '`0x${string}`',
          BigInt: 'string',
          Bytes32: '`0x${string}`',
          DateTime: 'string',
          Hex: '`0x${string}`',
          JSON: 'unknown',
          SignedBigInt: 'string',
        },
      },
    },
  },
};

export default config;
