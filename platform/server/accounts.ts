// Who may connect: cabins by their credential, practitioners by login and password (answered by a token
// that expires). Secrets are compared as SHA-256 digests with a constant-time comparison, and an unknown
// name is compared against a throwaway digest, so that timing tells nothing about which part was wrong.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock, LoginReply, ProfessionalCard } from '../../contract';

/** A cabin allowed to connect. */
export interface CabinAccount {
  readonly cabinId: string;
  readonly credential: string;
}

/** A practitioner allowed to log in to the console. */
export interface PractitionerAccount {
  readonly login: string;
  readonly password: string;
  readonly professional: ProfessionalCard;
}

/** A valid practitioner token's holder and end. */
export interface TokenGrant {
  readonly login: string;
  readonly professional: ProfessionalCard;
  readonly expiresAt: number;
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** The cabins and practitioners of one platform, and the tokens it handed out. */
export class Accounts {
  readonly #cabins = new Map<string, Buffer>();
  readonly #practitioners = new Map<string, { password: Buffer; professional: ProfessionalCard }>();
  /** Tokens by their digest: the token itself is never kept, and lookups do not compare it char by char. */
  readonly #tokens = new Map<string, TokenGrant>();
  readonly #decoy = digest(randomBytes(32).toString('hex'));

  /** Loads the accounts; `clock` is the platform's and `tokenLifetimeMs` a token's validity. */
  constructor(
    cabins: readonly CabinAccount[],
    practitioners: readonly PractitionerAccount[],
    private readonly clock: Clock,
    private readonly tokenLifetimeMs: number,
  ) {
    for (const cabin of cabins) this.#cabins.set(cabin.cabinId, digest(cabin.credential));
    for (const account of practitioners) {
      this.#practitioners.set(account.login, {
        password: digest(account.password),
        professional: account.professional,
      });
    }
  }

  /** True when `credential` is the credential of cabin `cabinId`. */
  checkCabin(cabinId: string, credential: string): boolean {
    const expected = this.#cabins.get(cabinId);
    const matches = timingSafeEqual(expected ?? this.#decoy, digest(credential));
    return expected !== undefined && matches;
  }

  /** Checks a login and answers a fresh token, or null when the login or the password is wrong. */
  logIn(login: string, password: string): LoginReply | null {
    const account = this.#practitioners.get(login);
    const matches = timingSafeEqual(account?.password ?? this.#decoy, digest(password));
    if (account === undefined || !matches) return null;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now() + this.tokenLifetimeMs;
    this.#tokens.set(digest(token).toString('hex'), { login, professional: account.professional, expiresAt });
    this.#forgetExpired();
    return { token, expiresAt, professional: account.professional };
  }

  /** The holder of a token that exists and has not expired, else null. */
  checkToken(token: string): TokenGrant | null {
    const key = digest(token).toString('hex');
    const grant = this.#tokens.get(key);
    if (grant === undefined) return null;
    if (grant.expiresAt <= this.clock.now()) {
      this.#tokens.delete(key);
      return null;
    }
    return grant;
  }

  /** Ends a token at once (the practitioner logged out); an unknown or expired token changes nothing. */
  revokeToken(token: string): void {
    this.#tokens.delete(digest(token).toString('hex'));
    this.#forgetExpired();
  }

  /** The professional card of a login, if it exists. */
  professionalOf(login: string): ProfessionalCard | null {
    return this.#practitioners.get(login)?.professional ?? null;
  }

  #forgetExpired(): void {
    const now = this.clock.now();
    for (const [key, grant] of this.#tokens) if (grant.expiresAt <= now) this.#tokens.delete(key);
  }
}
