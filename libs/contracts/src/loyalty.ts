export const LoyaltyPatterns = {
  /** { customerId } → DeletionCheck: may this customer be deleted (L9)? */
  deletionCheck: 'loyalty.customer.deletionCheck',
} as const;

export interface DeletionCheck {
  allowed: boolean;
  /** Error code when not allowed, e.g. `active_loyalty_card`. */
  code?: string;
  reason?: string;
}
