/**
 * Fills a mailing's text for one recipient: `{{firstName}}`, `{{lastName}}` and `{{promoCode}}`
 * (spaces inside the braces allowed). A placeholder without a value becomes empty; anything
 * else in braces is left as written.
 */
export interface TemplateValues {
  firstName: string | null;
  lastName: string | null;
  promoCode: string | null;
}

const PLACEHOLDER = /\{\{\s*(firstName|lastName|promoCode)\s*\}\}/g;

export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_m, name: keyof TemplateValues) => values[name] ?? '');
}
