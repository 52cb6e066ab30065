import { randomBytes } from 'node:crypto';
import { conflict, LoyaltyErrorCodes, unprocessable, type CardDevice, type CardLinks, type CardStatus } from '@app/contracts';

/** Crockford base32: no I, L, O or U, so a code read aloud or typed is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[bytes[i] & 31];
  return code;
}

/**
 * A card's serial number: 12 random base32 characters in groups of four (60 bits). Random, not
 * sequential, because the card set-up link carries it: a guessable serial would let anyone
 * install someone else's card.
 */
export const newSerialNumber = (): string => randomCode(12).replace(/(.{4})(?=.)/g, '$1-');

/** A card's own referral code (8 base32 characters, 40 bits), shared in its referral link. */
export const newInviteCode = (): string => randomCode(8);

export const SERIAL_NUMBER_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Serial numbers are matched however they were typed: case and spaces or dashes do not matter. */
export function normalizeSerialNumber(value: string): string | null {
  const compact = value.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 12) return null;
  const serial = compact.replace(/(.{4})(?=.)/g, '$1-');
  return SERIAL_NUMBER_PATTERN.test(serial) ? serial : null;
}

/** A new card is installed when it names its device, else not installed, unless a status is given. */
export const initialStatus = (device: CardDevice | null, status: Exclude<CardStatus, 'deleted'> | null): CardStatus =>
  status ?? (device ? 'installed' : 'not_installed');

/** 422 expiry_before_issue when the expiry date is before the issue date (the same day is allowed). */
export function assertExpiryNotBeforeIssue(issuedOn: string, expiresOn: string | null): void {
  if (expiresOn !== null && expiresOn < issuedOn) {
    throw unprocessable(LoyaltyErrorCodes.expiryBeforeIssue, `The expiry date ${expiresOn} is before the issue date ${issuedOn}`, {
      errors: { expiresOn: [`must not be before the issue date ${issuedOn}`] },
    });
  }
}

/** A card is expired once its expiry date has passed in the tenant's time zone; it is valid through that day. */
export const isExpired = (expiresOn: string | null, today: string): boolean => expiresOn !== null && today > expiresOn;

/** Ledger operations need a card that is neither deleted nor expired. */
export function assertOperable(card: { status: CardStatus; expiresOn: string | null }, today: string): void {
  if (card.status === 'deleted') throw conflict(LoyaltyErrorCodes.cardDeleted, 'The loyalty card is deleted and takes no more operations');
  if (isExpired(card.expiresOn, today)) {
    throw conflict(LoyaltyErrorCodes.cardExpired, `The loyalty card expired on ${card.expiresOn}; extend its expiry date first`);
  }
}

/**
 * Personal links (L10), built from the tenant's public URL: the card set-up link
 * `<publicUrl>/card/<serialNumber>` and the referral link `<publicUrl>/join?ref=<inviteCode>`.
 * Without a public URL (or for a deleted card) they are null.
 */
export function cardLinks(publicUrl: string | null, card: { serialNumber: string; inviteCode: string | null; status: CardStatus }): CardLinks {
  if (!publicUrl || card.status === 'deleted') return { setup: null, referral: null };
  const base = publicUrl.replace(/\/+$/, '');
  return {
    setup: `${base}/card/${encodeURIComponent(card.serialNumber)}`,
    referral: card.inviteCode ? `${base}/join?ref=${encodeURIComponent(card.inviteCode)}` : null,
  };
}
