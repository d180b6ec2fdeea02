import { jest } from '@jest/globals';
import { displayValue, printFields, printTable } from './output.js';

/**
 * What `print` writes to stdout, less the CLI's own colours (picocolors turns them on where CI or
 * FORCE_COLOR is set): every escape left came from the text printed.
 */
function printed(print: () => void): string {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    print();
  } finally {
    write.mockRestore();
  }
  // eslint-disable-next-line no-control-regex
  return out.replace(/\u001b\[\d+m/g, '');
}

describe('CLI output of untrusted text', () => {
  const hostile = {
    id: 'p1',
    title: 'Fund evals\u001b[2K\r\u001b[1AApproved\u0007 \u202egnp.exe',
    votes: [{ reason: 'ok\u001b]0;pwned\u0007\nsecond line', vp: 12n, choice: [1, 2] }],
  };

  it('makes every text of an answer safe to print, keeping line feeds and everything else', () => {
    expect(displayValue(hostile)).toEqual({
      id: 'p1',
      title: 'Fund evals\\x1b[2K\\r\\x1b[1AApproved\\x07 \\u202egnp.exe',
      votes: [{ reason: 'ok\\x1b]0;pwned\\x07\nsecond line', vp: 12n, choice: [1, 2] }],
    });
  });

  it('prints a table row on one line, with no control character reaching the terminal', () => {
    const shown = displayValue(hostile);
    const out = printed(() =>
      printTable(['ID', 'TITLE', 'REASON'], [[shown.id, shown.title, shown.votes[0].reason]]),
    );
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      'p1  Fund evals\\x1b[2K\\r\\x1b[1AApproved\\x07 \\u202egnp.exe  ok\\x1b]0;pwned\\x07\\nsecond line',
    );
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('prints a multi-line field with its further lines aligned under the first', () => {
    const out = printed(() =>
      printFields([
        ['id', 'a1'],
        ['summary', displayValue('first line\nsecond \u001b[31mline')],
      ]),
    );
    expect(out).toBe('id       a1\nsummary  first line\n         second \\x1b[31mline\n');
  });
});
