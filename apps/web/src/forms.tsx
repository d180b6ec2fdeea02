import { AmountError, checksumAddress, parseTokenAmount } from '@guildhall/core';
import { TokenDocument, type TokenFieldsFragment } from '@guildhall/sdk';
import { useEffect, useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { asApiError, client, useQuery } from './api.js';
import { describeError } from './wallet/errors.js';

export type Address = `0x${string}`;

/**
 * Why `text` is not an address to sign, or undefined. Mixed case is an EIP-55 checksum and must
 * match: a letter in the wrong case means a mistyped address. All lower (or upper) case carries no
 * checksum and is accepted as is.
 */
export function addressProblem(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return 'Required.';
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return 'Not an address: 0x followed by 40 hex digits.';
  const digits = value.slice(2);
  if (digits !== digits.toLowerCase() && digits !== digits.toUpperCase() && checksumAddress(value) !== value)
    return 'Wrong checksum (EIP-55): the address is probably mistyped. Copy it again from its source.';
  return undefined;
}

/** A valid address (see addressProblem) in its checksummed form. */
export const asAddress = (text: string): Address => checksumAddress(text.trim());

/** Addresses one per line (or separated by commas or spaces), each checked; the first problem wins. */
export function addressListProblem(
  text: string,
  { min, max }: { min: number; max: number },
): string | undefined {
  const items = addressItems(text);
  if (items.length < min || items.length > max) return `${min} to ${max} addresses.`;
  for (const item of items) {
    const problem = addressProblem(item);
    if (problem !== undefined) return `${item}: ${problem}`;
  }
  if (new Set(items.map((item) => item.toLowerCase())).size !== items.length)
    return 'An address appears twice.';
  return undefined;
}

const addressItems = (text: string): string[] => text.split(/[\s,]+/).filter((item) => item !== '');

export const asAddressList = (text: string): Address[] => addressItems(text).map(asAddress);

/** Why `text` is not an amount of `token` (in its units), or undefined. */
export function amountProblem(text: string, token: TokenFieldsFragment | undefined): string | undefined {
  if (token === undefined) return 'The token is not known yet.';
  if (text.trim() === '') return 'Required.';
  try {
    parseTokenAmount(text, token.decimals);
    return undefined;
  } catch (error) {
    if (!(error instanceof AmountError)) throw error;
    switch (error.code) {
      case 'AMOUNT_TOO_PRECISE':
        return `${token.symbol} has ${token.decimals} decimals: at most ${token.decimals} digits after the point.`;
      case 'AMOUNT_NEGATIVE':
        return 'Not below zero.';
      default:
        return 'Not an amount: digits, optionally a point and decimals (such as 1,000.5).';
    }
  }
}

/** Why `text` is not a whole number from `min` to `max`, or undefined. */
export function integerProblem(text: string, min: number, max: number): string | undefined {
  if (!/^\d+$/.test(text.trim())) return 'A whole number.';
  const value = Number(text.trim());
  return value < min || value > max ? `From ${min} to ${max}.` : undefined;
}

/** The token at `text` when it is an address (its symbol and decimals, from the API). */
export function useToken(text: string) {
  const skip = addressProblem(text) !== undefined;
  const { data, error, loading } = useQuery(TokenDocument, { address: skip ? '0x' : asAddress(text) }, skip);
  return { token: skip ? undefined : data?.token, error: skip ? undefined : error, loading };
}

/** Each token among `texts` that is an address, by lower-case address: its fields or the API's refusal. */
export function useTokens(texts: readonly string[]): ReadonlyMap<string, TokenFieldsFragment | string> {
  const key = [
    ...new Set(
      texts.filter((text) => addressProblem(text) === undefined).map((text) => text.trim().toLowerCase()),
    ),
  ]
    .sort()
    .join(',');
  const [tokens, setTokens] = useState<ReadonlyMap<string, TokenFieldsFragment | string>>(new Map());
  useEffect(() => {
    let current = true;
    const wanted = key === '' ? [] : key.split(',');
    void Promise.all(
      wanted.map((address) =>
        client.request(TokenDocument, { address: asAddress(address) }).then(
          ({ token }) => [address, token] as const,
          (error: unknown) => {
            const api = asApiError(error);
            return [address, `${api.code}: ${api.message}`] as const;
          },
        ),
      ),
    ).then((entries) => current && setTokens(new Map<string, TokenFieldsFragment | string>(entries)));
    return () => {
      current = false;
    };
  }, [key]);
  return tokens;
}

/**
 * The API's refusal shown next to the field it concerns: the field its details name (`field`, or the
 * `path` of an allocation rule), mapped through `aliases` to the form's name for it; else the field
 * its code is about (`byCode`). `capture` runs a signed write and records the field of its failure,
 * which stands until the form's `values` change.
 */
export function useApiFieldError(
  values: unknown,
  {
    byCode = {},
    aliases = {},
  }: {
    byCode?: Readonly<Record<string, string>>;
    aliases?: Readonly<Record<string, string>>;
  } = {},
) {
  const snapshot = JSON.stringify(values);
  const [failure, setFailure] = useState<{ field: string; text: string; snapshot: string }>();
  const capture = async (run: () => Promise<void>) => {
    setFailure(undefined);
    try {
      await run();
    } catch (error) {
      const field = fieldOf(error, byCode);
      if (field !== undefined)
        setFailure({ field: aliases[field] ?? field, text: describeError(error), snapshot });
      throw error;
    }
  };
  const apiError = (field: string): string | undefined =>
    failure?.field === field && failure.snapshot === snapshot ? failure.text : undefined;
  return { capture, apiError };
}

function fieldOf(error: unknown, byCode: Readonly<Record<string, string>>): string | undefined {
  const { code, details } = error as { code?: unknown; details?: Record<string, unknown> };
  if (typeof details?.field === 'string') return details.field.replace(/\[\d+\]$/, '');
  if (Array.isArray(details?.path) && details.path[0] === 'params' && typeof details.path[1] === 'string')
    return details.path[1];
  return typeof code === 'string' ? byCode[code] : undefined;
}

/** A labelled input (or textarea) with its hint and its error, both announced with it. */
export function Field({
  label,
  value,
  onChange,
  error,
  hint,
  multiline = false,
  ...rest
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  multiline?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const id = useId();
  const described = [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    value,
    'aria-invalid': error !== undefined,
    'aria-describedby': described === '' ? undefined : described,
    disabled: rest.disabled,
  };
  return (
    <div className="stack">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...rest} {...common} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint !== undefined && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error !== undefined && (
        <small id={`${id}-error`} className="error">
          {error}
        </small>
      )}
    </div>
  );
}
