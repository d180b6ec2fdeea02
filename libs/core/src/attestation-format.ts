/**
 * The formats of an attestation's fields, shared by the API's validation and the web app's forms
 * (which check them before the wallet opens).
 */

/** An attestation's evidence: an https:// URL with a host, an IPFS CID or an Arweave transaction id. */
export const EVIDENCE_URI_PATTERN =
  /^(https:\/\/[^\s/]+\S*|ipfs:\/\/[A-Za-z0-9]+\S*|ar:\/\/[A-Za-z0-9_-]{43}\S*)$/;

/** A dispute's evidence: any https://, ipfs:// or ar:// URI. */
export const DISPUTE_EVIDENCE_URI_PATTERN = /^(https|ipfs|ar):\/\/\S+$/;

/** A metric's value as signed: decimal text. */
export const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

/** A metric's name: a letter, then up to 63 letters, digits and _ . : / - */
export const METRIC_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:/-]{0,63}$/;

/** A fine-tune's base model: name@version. */
export const MODEL_BASE_PATTERN = /^[^@\s]{1,128}@[^@\s]{1,64}$/;
