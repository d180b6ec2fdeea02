import { InvalidArgumentError } from 'commander';
import { encodeFunctionData, erc20Abi } from 'viem';
import * as arg from './args.js';

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('CLI argument parsers', () => {
  it('reads evidence as URI#SHA256, with or without 0x, lower-casing the hash', () => {
    expect(arg.evidence(`ipfs://bafy#${HASH}`)).toEqual({ uri: 'ipfs://bafy', sha256: `0x${HASH}` });
    expect(arg.evidence(`https://x.example/a?b=c#0x${HASH.toUpperCase()}`)).toEqual({
      uri: 'https://x.example/a?b=c',
      sha256: `0x${HASH}`,
    });
    for (const bad of [HASH, `#${HASH}`, 'https://x.example#abc', `not a uri#${HASH}`])
      expect(() => arg.evidence(bad)).toThrow(InvalidArgumentError);
  });

  it('reads metrics, splits, models and pools', () => {
    expect(arg.metric('refusal_rate=0.97')).toEqual(['refusal_rate', '0.97']);
    expect(() => arg.metric('accuracy')).toThrow(InvalidArgumentError);
    expect(() => arg.metric('accuracy=high')).toThrow(InvalidArgumentError);
    expect(arg.split('0x70997970c51812dc3a010c7d01b50e0d17dc79c8=2500')).toEqual({
      contributor: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      bps: 2500,
    });
    expect(() => arg.split('0x70997970c51812dc3a010c7d01b50e0d17dc79c8=10001')).toThrow(InvalidArgumentError);
    expect(arg.model('guild-7b@1.2')).toEqual({ name: 'guild-7b', version: '1.2' });
    expect(arg.model('org/guild@7b@2')).toEqual({ name: 'org/guild@7b', version: '2' });
    expect(() => arg.model('guild-7b@')).toThrow(InvalidArgumentError);
    const pool = arg.pool(['FINE_TUNING', 'SAFETY_EVALUATION'] as const);
    expect(pool('safety-evaluation=2500:1000')).toEqual({
      kind: 'SAFETY_EVALUATION',
      shareBps: 2500,
      floorBps: 1000,
    });
    expect(pool('FINE_TUNING=5000')).toEqual({ kind: 'FINE_TUNING', shareBps: 5000, floorBps: 0 });
    expect(() => pool('CODING=5000')).toThrow(InvalidArgumentError);
  });

  it('reads durations and times: now, relative, unix seconds, ISO 8601', () => {
    expect(arg.duration('90')).toBe(90);
    expect(arg.duration('2h')).toBe(7_200);
    expect(arg.duration('7d')).toBe(604_800);
    expect(() => arg.duration('1.5h')).toThrow(InvalidArgumentError);
    const before = Date.now();
    expect(Math.abs(arg.time('+1h').getTime() - before - 3_600_000)).toBeLessThan(1_000);
    expect(Math.abs(arg.time('-30d').getTime() - before + 2_592_000_000)).toBeLessThan(1_000);
    expect(arg.time('1700000000').toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(arg.time('2026-06-01').toISOString()).toBe('2026-06-01T00:00:00.000Z');
    for (const bad of ['tomorrow', '2026-13-45', '+soon'])
      expect(() => arg.time(bad)).toThrow(InvalidArgumentError);
  });

  it('reads numbers within bounds, amounts as bigint, keys and JSON choices', () => {
    expect(arg.integer(0, 100)('80')).toBe(80);
    for (const bad of ['101', '-1', '8.5', '', 'eighty']) expect(() => arg.integer(0, 100)(bad)).toThrow();
    expect(arg.amount('1000000000000000000000000')).toBe(10n ** 24n);
    expect(() => arg.amount('-5')).toThrow(InvalidArgumentError);
    expect(arg.privateKey('ab'.repeat(32))).toBe(`0x${'ab'.repeat(32)}`);
    expect(() => arg.privateKey('0x1234')).toThrow(InvalidArgumentError);
    expect(arg.json('{"1":2}')).toEqual({ 1: 2 });
    expect(() => arg.json('[1')).toThrow(InvalidArgumentError);
    expect(arg.oneOf(['SINGLE_CHOICE', 'BASIC'] as const)('single-choice')).toBe('SINGLE_CHOICE');
  });

  it('reads proposal actions: an ERC20 transfer in base units, or any call', () => {
    const token = '0x960983124bB5B866205d0A182e7f201C1A8bE2aD';
    const to = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
    expect(arg.transfer(`${token}:${to.toLowerCase()}:250000000`)).toEqual({
      to: token,
      value: 0n,
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, 250_000_000n] }),
      operation: 0,
    });
    expect(arg.call(`${to}:1000`)).toEqual({ to, value: 1000n, data: '0x', operation: 0 });
    expect(arg.call(`${to}:0:0xdeadbeef`).data).toBe('0xdeadbeef');
    for (const bad of [`${token}:${to}`, `${token}:${to}:1.5`, `nope:${to}:1`])
      expect(() => arg.transfer(bad)).toThrow(InvalidArgumentError);
    for (const bad of [to, `${to}:0:0xabc`, `${to}:0:beef`])
      expect(() => arg.call(bad)).toThrow(InvalidArgumentError);
  });
});
