import request from 'supertest';
import { AuthTokens } from '@shop/contracts';

/** Small HTTP helpers for the auth e2e tests, against a real gateway. */
export class AuthHttp {
  private addressCounter = 0;

  constructor(readonly baseUrl: string) {}

  /** A client address of its own (the gateway trusts X-Forwarded-For from loopback), so throttles never mix. */
  nextAddress(): string {
    this.addressCounter++;
    const n = this.addressCounter;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  post(path: string, body: unknown, opts: { token?: string; address?: string } = {}) {
    const req = request(this.baseUrl)
      .post(path)
      .set('X-Forwarded-For', opts.address ?? this.nextAddress());
    if (opts.token) req.set('Authorization', `Bearer ${opts.token}`);
    return req.send(body as object);
  }

  get(path: string, token?: string) {
    const req = request(this.baseUrl).get(path);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req;
  }

  patch(path: string, body: unknown, token?: string) {
    const req = request(this.baseUrl).patch(path);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req.send(body as object);
  }

  async register(email: string, password = 'Secret123'): Promise<AuthTokens> {
    const res = await this.post('/api/auth/register', { email, password });
    if (res.status !== 201) throw new Error(`register ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as AuthTokens;
  }

  async login(email: string, password: string): Promise<AuthTokens> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as AuthTokens;
  }
}
