import { invalid, type LedgerKind, type LedgerOperation, type VisitSubtractReason } from '@app/contracts';
import { InputReader, MAX_AMOUNT } from '../shared/input-reader';

export const MAX_LEDGER_VALUE = 1_000_000;
export const MAX_COMMENT = 1000;

/** A ledger operation after validation. */
export interface LedgerCommand {
  kind: LedgerKind;
  operation: LedgerOperation;
  value: number;
  purchaseAmount: number | null;
  /** Asked for explicitly; the tenant's default applies when null and an amount is given. */
  currency: string | null;
  comment: string | null;
  reason: VisitSubtractReason | null;
  activatesAt: Date | null;
  expiresAt: Date | null;
}

const COMMON = ['operation', 'value', 'purchaseAmount', 'currency', 'comment'] as const;

/**
 * Validates an add/subtract of visits or bonus points (L2, L3, L4): a whole value from 1 to a
 * million, an optional purchase amount (minor units, 0 or more) and comment; `reason` only for
 * subtracting visits; `activatesAt`/`expiresAt` only for adding bonus points, with expiry after
 * activation and after now. Every problem is a 400 naming its field.
 */
export function readLedgerCommand(kind: LedgerKind, input: Record<string, unknown>, now: Date): LedgerCommand {
  const r = new InputReader(input);
  r.allowOnly(kind === 'visits' ? [...COMMON, 'reason'] : [...COMMON, 'activatesAt', 'expiresAt']);
  const operation = r.oneOf('operation', ['add', 'subtract'] as const, { required: true });
  const value = r.int('value', { required: true, min: 1, max: MAX_LEDGER_VALUE });
  const purchaseAmount = r.int('purchaseAmount', { min: 0, max: MAX_AMOUNT }) ?? null;
  const currency = r.currency() ?? null;
  const comment = r.text('comment', { max: MAX_COMMENT, emptyAsAbsent: true }) ?? null;
  let reason: VisitSubtractReason | null = null;
  let activatesAt: Date | null = null;
  let expiresAt: Date | null = null;
  if (kind === 'visits') {
    reason = r.oneOf('reason', ['use', 'correction'] as const) ?? null;
    if (operation === 'add' && reason) r.fail('reason', 'is only for subtracting visits');
    if (operation === 'subtract') reason ??= 'use';
  } else {
    activatesAt = r.timestamp('activatesAt') ?? null;
    expiresAt = r.timestamp('expiresAt') ?? null;
    if (operation === 'subtract') {
      if (r.has('activatesAt')) r.fail('activatesAt', 'is only for adding points');
      if (r.has('expiresAt')) r.fail('expiresAt', 'is only for adding points');
    }
    if (expiresAt && expiresAt.getTime() <= now.getTime()) r.fail('expiresAt', 'must be in the future');
    if (expiresAt && activatesAt && expiresAt.getTime() <= activatesAt.getTime()) r.fail('expiresAt', 'must be after activatesAt');
  }
  if (currency && purchaseAmount === null) r.fail('currency', 'is only for a purchaseAmount');
  r.done();
  if (!operation || !value) throw invalid(r.errors);
  return { kind, operation, value, purchaseAmount, currency, comment, reason, activatesAt, expiresAt };
}
