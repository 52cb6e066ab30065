const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

/** Email addresses are compared and stored trimmed and lower-cased. */
export const normalizeEmail = (raw: string): string => raw.trim().toLowerCase();

/** Syntax only (a local part, @, a domain with a top-level label); at most 254 characters. */
export function isValidEmail(address: string): boolean {
  if (address.length > 254 || address.includes('..')) return false;
  const local = address.split('@')[0];
  if (local.startsWith('.') || local.endsWith('.') || local.length > 64) return false;
  return EMAIL.test(address);
}
