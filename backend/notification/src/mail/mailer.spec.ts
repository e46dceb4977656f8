import { pooledUrl } from './mailer';

describe('pooledUrl', () => {
  it('turns on nodemailer connection pooling through the URL query', () => {
    expect(pooledUrl('smtp://127.0.0.1:2525')).toBe('smtp://127.0.0.1:2525?pool=true&maxConnections=3');
  });

  it('keeps pooling options the URL already sets', () => {
    expect(pooledUrl('smtp://mail.local:25/?pool=false')).toBe(
      'smtp://mail.local:25/?pool=false&maxConnections=3',
    );
  });
});
