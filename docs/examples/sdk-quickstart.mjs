// A contributor's first steps with the Guildhall SDK, as a plain Node script (docs/sdk.md).
//   npm run build && node docs/examples/sdk-quickstart.mjs      (against `npm start`)
import { createHash } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import {
  AttestationsDocument,
  GuildhallApiError,
  GuildhallClient,
  GuildhallSigner,
  HealthDocument,
  SubmitAttestationDocument,
  UpsertContributorProfileDocument,
} from '../../dist/libs/sdk/src/index.js';

const api = new GuildhallClient({ url: process.env.GUILDHALL_API ?? 'http://127.0.0.1:4000/graphql' });
// Dev account 6 of the embedded devnet (a public development key): use your own key elsewhere.
const account = privateKeyToAccount(
  process.env.GUILDHALL_PRIVATE_KEY ?? '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
);
const { health } = await api.request(HealthDocument);
const me = new GuildhallSigner(account, health.chain.chainId);
const dao = process.env.GUILDHALL_DAO ?? 'demo';

const { upsertContributorProfile } = await api.request(
  UpsertContributorProfileDocument,
  await me.upsertContributorProfile({
    dao,
    handle: `tuner-${account.address.slice(2, 8)}`,
    kinds: ['FINE_TUNING'],
  }),
);
console.log('profile', upsertContributorProfile.handle);

const weights = `guild-7b-instruct weights, ${new Date().toISOString()}`;
const { submitAttestation } = await api.request(
  SubmitAttestationDocument,
  await me.submitAttestation({
    dao,
    kind: 'FINE_TUNING',
    model: { name: 'guild-7b-instruct', version: '1.0', base: 'guild-7b@1.2' },
    title: 'Instruction-tuned guild-7b',
    evidence: [
      {
        uri: 'https://models.example/guild-7b-instruct.safetensors',
        sha256: `0x${createHash('sha256').update(weights).digest('hex')}`,
      },
    ],
    metrics: { mmlu: 0.612 },
  }),
);
console.log('attestation', submitAttestation.id, submitAttestation.status);

try {
  await api.request(
    SubmitAttestationDocument,
    await me.submitAttestation({
      dao,
      kind: 'FINE_TUNING',
      model: { name: 'guild-7b-instruct', version: '1.0' },
      title: 'A fine-tune without its base',
      evidence: [{ uri: 'https://models.example/x', sha256: `0x${'00'.repeat(32)}` }],
    }),
  );
} catch (error) {
  if (!(error instanceof GuildhallApiError)) throw error;
  console.log('refused', error.code, error.message);
}

const { attestations } = await api.request(AttestationsDocument, {
  dao,
  contributor: account.address,
  first: 5,
});
console.log(
  'mine',
  attestations.nodes.map((attestation) => `${attestation.title} (${attestation.status})`),
);
await api.close();
