import { invalid, type CardDevice, type CardStatus, type Utm } from '@app/contracts';
import { InputReader } from '../shared/input-reader';

export const CARD_DEVICES: readonly CardDevice[] = ['pwa', 'apple_wallet', 'google_wallet'];
export const CARD_STATUSES: readonly CardStatus[] = ['installed', 'not_installed', 'deleted'];
/** A referral code as typed by people or campaigns: letters, digits, - and _. */
export const REFERRAL_CODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface IssueCardCommand {
  customerId: string;
  device: CardDevice | null;
  status: Exclude<CardStatus, 'deleted'> | null;
  utm: Utm | null;
  issuedOn: string | null;
  expiresOn: string | null;
  referralCode: string | null;
}

/** Validates a new card (L1); dates are checked against each other and today by the service. */
export function readIssueCard(input: Record<string, unknown>): IssueCardCommand {
  const r = new InputReader(input);
  r.allowOnly(['customerId', 'device', 'status', 'utm', 'issuedOn', 'expiresOn', 'referralCode']);
  const customerId = r.uuid('customerId', { required: true });
  const device = r.oneOf('device', CARD_DEVICES) ?? null;
  const status = r.oneOf('status', ['installed', 'not_installed'] as const) ?? null;
  const utm = r.utm() ?? null;
  const issuedOn = r.date('issuedOn') ?? null;
  const expiresOn = r.date('expiresOn') ?? null;
  const referralCode = r.text('referralCode', { max: 64, pattern: REFERRAL_CODE, patternMessage: 'must be 1-64 letters, digits, - or _' }) ?? null;
  r.done();
  if (!customerId) throw invalid(r.errors);
  return { customerId, device, status, utm: utm && Object.keys(utm).length ? utm : null, issuedOn, expiresOn, referralCode };
}

export interface UpdateCardCommand {
  status?: CardStatus;
  /** null clears. */
  expiresOn?: string | null;
  device?: CardDevice | null;
}

/** Validates a card change: status, expiry date (null removes it), device (null: unknown). */
export function readUpdateCard(input: Record<string, unknown>): UpdateCardCommand {
  const r = new InputReader(input);
  r.allowOnly(['status', 'expiresOn', 'device']);
  const command: UpdateCardCommand = {};
  const status = r.oneOf('status', CARD_STATUSES);
  if (status) command.status = status;
  const expiresOn = r.date('expiresOn', { nullable: true });
  if (expiresOn !== undefined) command.expiresOn = expiresOn;
  const device = r.oneOf('device', CARD_DEVICES, { nullable: true });
  if (device !== undefined) command.device = device;
  r.done();
  if (Object.keys(command).length === 0) throw invalid({ input: ['name at least one of status, expiresOn, device'] });
  return command;
}
