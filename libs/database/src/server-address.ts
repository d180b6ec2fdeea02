/**
 * `host:port/database` of a PostgreSQL URL, for error messages: never the user's password.
 * A URL that does not parse is not echoed at all, since it may still contain one.
 */
export const describeServer = (url: string): string => {
  if (!URL.canParse(url)) return '<unparseable database URL>';
  const { hostname, port, pathname } = new URL(url);
  return `${hostname || 'localhost'}:${port || '5432'}${pathname === '/' ? '' : pathname}`;
};

/** `text` with the URL's password (as written, and percent-decoded) replaced by `***`. */
export const redactPassword = (text: string, url: string): string => {
  if (!URL.canParse(url)) return text;
  const { password } = new URL(url);
  if (password === '') return text;
  const secrets = new Set([password]);
  try {
    secrets.add(decodeURIComponent(password));
  } catch {
    // not valid percent-encoding: only the raw form can appear
  }
  return [...secrets].reduce((redacted, secret) => redacted.replaceAll(secret, '***'), text);
};
