import { isGuildhallError, type Address } from '@guildhall/core';
import {
  creditSplits,
  metricValue,
  validateAttestation,
  type AttestationDraft,
} from './attestation-rules.js';

const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const bob = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;
const sha = `0x${'ab'.repeat(32)}` as const;

const draft = (changes: Partial<AttestationDraft> = {}): AttestationDraft => ({
  contributor: alice,
  kind: 'FINE_TUNING',
  model: { name: 'guild-7b-instruct', version: '1.0', base: 'guild-7b@1.2' },
  title: 'Instruction-tuned guild-7b',
  summary: 'LoRA on 40k curated instructions.',
  evidence: [{ uri: 'https://models.example/guild-7b-instruct.safetensors', sha256: sha }],
  metrics: [{ name: 'mmlu', value: '0.612' }],
  splits: [],
  references: [],
  ...changes,
});

const codeOf = (attempt: () => unknown): string => {
  try {
    attempt();
  } catch (error) {
    if (isGuildhallError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a typed error');
};

describe('validateAttestation', () => {
  it('accepts a complete fine-tune with https, ipfs and ar evidence', () => {
    expect(() =>
      validateAttestation(
        draft({
          evidence: [
            { uri: 'https://models.example/w.safetensors', sha256: sha },
            {
              uri: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
              sha256: `0x${'01'.repeat(32)}`,
            },
            { uri: `ar://${'A'.repeat(43)}`, sha256: `0x${'02'.repeat(32)}` },
          ],
        }),
      ),
    ).not.toThrow();
  });

  it.each<[string, Partial<AttestationDraft>, string]>([
    [
      'another URI scheme',
      { evidence: [{ uri: 'http://insecure.example/w', sha256: sha }] },
      'INVALID_EVIDENCE_URI',
    ],
    ['a file URI', { evidence: [{ uri: 'file:///etc/passwd', sha256: sha }] }, 'INVALID_EVIDENCE_URI'],
    [
      'a URI with a user name',
      { evidence: [{ uri: 'https://bob@x.example/w', sha256: sha }] },
      'URI_WITH_CREDENTIALS',
    ],
    [
      'a URI with a password',
      { evidence: [{ uri: 'https://bob:hunter2@x.example/w', sha256: sha }] },
      'URI_WITH_CREDENTIALS',
    ],
    [
      'a short sha256',
      { evidence: [{ uri: 'https://x.example/w', sha256: '0xabc' }] },
      'INVALID_EVIDENCE_HASH',
    ],
    [
      'the same artifact twice',
      {
        evidence: [
          { uri: 'https://x.example/a', sha256: sha },
          { uri: 'https://x.example/b', sha256: sha },
        ],
      },
      'DUPLICATE_EVIDENCE',
    ],
    ['no evidence', { evidence: [] }, 'INVALID_ATTESTATION'],
    ['NaN', { metrics: [{ name: 'loss', value: 'NaN' }] }, 'INVALID_METRIC'],
    ['Infinity', { metrics: [{ name: 'loss', value: 'Infinity' }] }, 'INVALID_METRIC'],
    ['an overflowing number', { metrics: [{ name: 'loss', value: '1e400' }] }, 'INVALID_METRIC'],
    [
      'a repeated metric',
      {
        metrics: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ],
      },
      'INVALID_METRIC',
    ],
    [
      '51 metrics',
      { metrics: Array.from({ length: 51 }, (_, i) => ({ name: `m${i}`, value: '1' })) },
      'INVALID_METRIC',
    ],
    ['a fine-tune without its base', { model: { name: 'm', version: '1', base: '' } }, 'INVALID_ATTESTATION'],
    ['an unknown kind', { kind: 'VIBES' }, 'INVALID_ATTESTATION'],
    ['a 201-character title', { title: 'x'.repeat(201) }, 'INVALID_ATTESTATION'],
    ['a 10,001-character summary', { summary: 'x'.repeat(10_001) }, 'INVALID_ATTESTATION'],
    [
      'splits summing to 9,000',
      {
        splits: [
          { contributor: alice, bps: 6_000 },
          { contributor: bob, bps: 3_000 },
        ],
      },
      'INVALID_SPLITS',
    ],
    ['splits without the submitter', { splits: [{ contributor: bob, bps: 10_000 }] }, 'INVALID_SPLITS'],
    [
      'a zero split',
      {
        splits: [
          { contributor: alice, bps: 10_000 },
          { contributor: bob, bps: 0 },
        ],
      },
      'INVALID_SPLITS',
    ],
  ])('refuses %s', (_name, changes, code) => {
    expect(codeOf(() => validateAttestation(draft(changes)))).toBe(code);
  });
});

describe('creditSplits', () => {
  it('gives the submitter everything when no splits are listed', () => {
    expect(creditSplits({ contributor: alice, splits: [] })).toEqual([{ contributor: alice, bps: 10_000 }]);
  });

  it('keeps listed shares that sum to 10,000', () => {
    const splits = [
      { contributor: alice, bps: 7_000 },
      { contributor: bob, bps: 3_000 },
    ];
    expect(creditSplits({ contributor: alice, splits })).toEqual(splits);
  });
});

describe('metricValue', () => {
  it('parses finite decimals, exponent notation included', () => {
    expect(metricValue({ name: 'jailbreak_success_rate', value: '0.031' }, 0)).toBe(0.031);
    expect(metricValue({ name: 'tokens', value: '-1.5e3' }, 0)).toBe(-1500);
    expect(codeOf(() => metricValue({ name: 'x', value: '0x10' }, 0))).toBe('INVALID_METRIC');
    expect(codeOf(() => metricValue({ name: 'x', value: '' }, 0))).toBe('INVALID_METRIC');
  });
});
