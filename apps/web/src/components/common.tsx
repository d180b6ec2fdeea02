import { useState } from 'react';
import { localDateTime, relativeTime, shortAddress } from '../format.js';
import { explorerUrl } from '../wallet/chains.js';

/** An address, shortened, with the full one on hover and a copy button. */
export function AddressText({ address, label }: { address: string; label?: string }) {
  return (
    <span className="address">
      <span title={address}>{label ?? shortAddress(address)}</span>
      <CopyButton value={address} what="address" />
    </span>
  );
}

export function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard.writeText(value).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <button type="button" className="copy" onClick={copy} aria-label={`Copy ${what} ${value}`}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** A date in the reader's locale, with the relative time ("in 2 hours"). */
export function When({ iso }: { iso: string }) {
  const date = new Date(iso);
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {localDateTime(date)} ({relativeTime(date)})
    </time>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ message }: { message: string }) {
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

/** One piece of evidence: its link and its SHA-256, with a copy button. */
export function EvidenceItem({ entry }: { entry: { uri: string; sha256: string } }) {
  return (
    <li>
      <a href={entry.uri}>{entry.uri}</a> · SHA-256 <code className="hash">{entry.sha256}</code>{' '}
      <CopyButton value={entry.sha256} what="SHA-256" />
    </li>
  );
}

/** A transaction hash with a copy button, linked to the chain's block explorer when it has one. */
export function TxHash({ chainId, hash }: { chainId: number | undefined; hash: string }) {
  const url = chainId === undefined ? undefined : explorerUrl(chainId, 'tx', hash);
  return (
    <span className="address">
      {url === undefined ? <code className="hash">{hash}</code> : <a href={url}>{hash}</a>}
      <CopyButton value={hash} what="transaction hash" />
    </span>
  );
}
