// Sandbox keys: generated at start (never a real key), or given explicitly for reproducible runs.
import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    // Rejection sampling keeps the distribution uniform (248 = 62 * 4).
    if (bytes[i] < 248) out += ALPHANUMERIC[bytes[i] % 62];
  }
  return out.length === length ? out : randomAlphanumeric(length);
}

export function generateVurboKey(): string {
  return `vas_${randomAlphanumeric(32)}`;
}

/** Valossa's key format is NOT DOCUMENTED; the sandbox uses 32 lowercase hex characters. */
export function generateValossaKey(): string {
  return randomBytes(16).toString('hex');
}

export interface SandboxKeys {
  valossa: string;
  vurbo: string;
}
