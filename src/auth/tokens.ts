import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { Role } from '../entities/enums';
import { DeviceKind } from './actor';
import { unauthenticated } from '../errors';

const ISSUER = 'pos-backend';

export interface UserClaims {
  typ: 'user';
  sub: string;
  tid: string;
  /** The roles when signed: informative only, the database's roles apply (AuthService.authenticate). */
  roles: Role[];
  /** The user's credentials stamp when signed (users.token_version); absent in tokens older than it, read as 0. */
  ver?: number;
}

export interface DeviceClaims {
  typ: 'device';
  sub: string;
  tid: string;
  trm: string;
  knd: DeviceKind;
}

export type TokenClaims = UserClaims | DeviceClaims;

/** Signs and verifies the API's bearer tokens (HS256 with JWT_SECRET). */
export class TokenSigner {
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first
   * tries to parse it as a PEM public key (and fails) on every call, which
   * cost more CPU than the rest of authentication.
   */
  private readonly secret: KeyObject;

  constructor(
    secret: string,
    private readonly userTokenTtl = '12h',
  ) {
    this.secret = createSecretKey(Buffer.from(secret));
  }

  signUser(claims: Omit<UserClaims, 'typ'>): string {
    return jwt.sign({ ...claims, typ: 'user' }, this.secret, {
      algorithm: 'HS256',
      issuer: ISSUER,
      expiresIn: this.userTokenTtl as jwt.SignOptions['expiresIn'],
    });
  }

  /** Device tokens do not expire; they end when revoked (checked on every use). */
  signDevice(claims: Omit<DeviceClaims, 'typ'>): string {
    return jwt.sign({ ...claims, typ: 'device' }, this.secret, { algorithm: 'HS256', issuer: ISSUER });
  }

  verify(token: string): TokenClaims {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER }) as TokenClaims;
      if ((claims.typ !== 'user' && claims.typ !== 'device') || !claims.tid || !claims.sub)
        throw new Error('bad claims');
      return claims;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw unauthenticated('Token expired');
      throw unauthenticated('Invalid token');
    }
  }
}

/** `Bearer <token>` -> token; anything else -> undefined. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
