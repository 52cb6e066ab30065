import { EnvReader } from '@app/platform';
import { DEFAULT_CONTENT_TYPES, DEFAULT_MAX_BYTES, parseContentTypeList } from './attachment-rules';

/** Settings of attachments (C14), read and checked when the service starts. */
export interface AttachmentSettings {
  /** ATTACHMENT_MAX_BYTES: largest attachment (default 10 MiB). */
  maxBytes: number;
  /** ATTACHMENT_CONTENT_TYPES: accepted media types, comma-separated (default: DEFAULT_CONTENT_TYPES). */
  contentTypes: string[];
}

export const ATTACHMENT_SETTINGS = Symbol('ATTACHMENT_SETTINGS');

/** A bad value throws ConfigError, so the service stops at start naming it. */
export function readAttachmentSettings(env: Record<string, string | undefined> = process.env): AttachmentSettings {
  const r = new EnvReader(env);
  const maxBytes = r.int('ATTACHMENT_MAX_BYTES', DEFAULT_MAX_BYTES, 1, 1024 * 1024 * 1024);
  const { types, bad } = parseContentTypeList(r.list('ATTACHMENT_CONTENT_TYPES', [...DEFAULT_CONTENT_TYPES]));
  if (bad.length) r.problems.push(`ATTACHMENT_CONTENT_TYPES must be media types like application/pdf, got ${bad.map((b) => `"${b}"`).join(', ')}`);
  r.done();
  return { maxBytes, contentTypes: types };
}
