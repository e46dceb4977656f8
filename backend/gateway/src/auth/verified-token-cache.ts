import type { AccessTokenClaims } from '@shop/contracts';

/** passport-jwt's verifier: `jsonwebtoken.verify` in callback form. */
export type JwtVerifier = (
  token: string,
  secretOrKey: unknown,
  options: unknown,
  done: (err: Error | null, payload?: unknown) => void,
) => void;

interface Entry {
  claims: Readonly<AccessTokenClaims>;
  expiresAtMs: number;
}

/**
 * Access tokens whose signature has been verified, kept until they expire. A token is an immutable string
 * and the signing secret is fixed for the process, so verifying the same token again can only give the
 * same claims; only the expiry moves, and it is checked on every hit. On authenticated routes verifying
 * every request (HMAC, base64 and two JSON parses) was a tenth of the gateway's CPU (`npm run bench`).
 * Session revocation is not affected: the session is still checked on every request (SessionValidator).
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): Readonly<AccessTokenClaims> | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs > this.now()) return entry.claims;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers verified claims; tokens without an expiry are not kept. */
  set(token: string, claims: AccessTokenClaims): void {
    if (typeof claims.exp !== 'number') return;
    // Oldest first (a Map iterates in insertion order), so memory stays bounded under any token churn.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims: Object.freeze({ ...claims }), expiresAtMs: claims.exp * 1000 });
  }

  /** Wraps a verifier: a cached token skips verification; a failed verification is never cached. */
  wrap(verify: JwtVerifier): JwtVerifier {
    return (token, secretOrKey, options, done) => {
      const claims = this.get(token);
      if (claims) return done(null, claims);
      verify(token, secretOrKey, options, (err, payload) => {
        if (!err && payload && typeof payload === 'object') this.set(token, payload as AccessTokenClaims);
        done(err, payload);
      });
    };
  }
}
