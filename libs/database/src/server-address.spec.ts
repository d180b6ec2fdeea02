import { describeServer, redactPassword } from './server-address.js';

describe('describeServer', () => {
  it.each([
    ['postgres://app:s3cret@db.internal:6543/guildhall', 'db.internal:6543/guildhall'],
    ['postgres://postgres@127.0.0.1/postgres', '127.0.0.1:5432/postgres'],
    ['postgresql://user:pw@[::1]:5432', '[::1]:5432'],
    ['not a url :s3cret@', '<unparseable database URL>'],
  ])('names %s as %s, without credentials', (url, expected) => {
    expect(describeServer(url)).toBe(expected);
  });
});

describe('redactPassword', () => {
  it('replaces the password as written and percent-decoded', () => {
    const url = 'postgres://app:p%40ss@db:5432/guildhall';
    expect(redactPassword('login p%40ss failed, tried p@ss', url)).toBe('login *** failed, tried ***');
  });

  it('leaves text alone when the URL has no password, or a malformed escape', () => {
    expect(redactPassword('timeout', 'postgres://app@db/guildhall')).toBe('timeout');
    expect(redactPassword('bad %zz here', 'postgres://app:%zz@db/guildhall')).toBe('bad *** here');
  });
});
