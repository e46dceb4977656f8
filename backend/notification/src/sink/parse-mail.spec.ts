import { parseMail } from './parse-mail';

describe('parseMail', () => {
  it('reads a folded subject and a quoted-printable body', () => {
    const raw = [
      'From: a@b.c',
      'Subject: Order 42',
      '  confirmed',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Thank you =E2=9C=93 for the order that is long and=',
      ' wraps',
    ].join('\r\n');
    const mail = parseMail(raw);
    expect(mail.subject).toBe('Order 42 confirmed');
    expect(mail.text).toContain('and wraps');
  });

  it('copes with a message without a body', () => {
    expect(parseMail('Subject: x')).toEqual({ subject: 'x', text: '' });
  });
});
