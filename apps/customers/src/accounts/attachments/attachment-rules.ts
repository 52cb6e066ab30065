import { DomainError, ErrorCodes, invalid, type AttachmentView } from '@app/contracts';
import { actorFrom, iso } from '../shared/actor-ref';

/**
 * Attachment rules (C14) as pure functions: which files are accepted, how they travel and how
 * big they may be. A file crosses NATS in chunks (NATS refuses messages over its max_payload,
 * 1 MB by default): CHUNK_BYTES of content per message, base64 in the JSON packet (4/3 of the
 * size), so a chunk message stays near 350 KB.
 */

export const CHUNK_BYTES = 256 * 1024;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** An upload not completed within this time is abandoned; the next upload of the tenant removes it. */
export const UPLOAD_EXPIRY_MINUTES = 60;

/** Documents and images a B2B account keeps (contracts, price lists, photos, spreadsheets). No HTML, SVG or scripts. */
export const DEFAULT_CONTENT_TYPES: readonly string[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/rtf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/zip',
];

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** `Text/Plain; charset=utf-8` → `text/plain`; null when it is no media type. */
export function normalizeContentType(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const type = raw.split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : null;
}

/** A list of media types from configuration; the bad entries are returned apart. */
export function parseContentTypeList(raw: string[]): { types: string[]; bad: string[] } {
  const types: string[] = [];
  const bad: string[] = [];
  for (const entry of raw) {
    const type = normalizeContentType(entry);
    if (type && type === entry.trim().toLowerCase()) types.push(type);
    else bad.push(entry);
  }
  return { types: [...new Set(types)], bad };
}

export const unsupportedType = (type: string | null, allowed: readonly string[]) =>
  new DomainError(415, ErrorCodes.unsupportedMediaType, `Files of type ${type ?? '(none)'} are not accepted; accepted: ${allowed.join(', ')}`, {
    allowed,
  });

export const contentMismatch = (type: string) =>
  new DomainError(415, ErrorCodes.unsupportedMediaType, `The file’s content does not look like ${type}`);

export const tooLarge = (maxBytes: number) =>
  new DomainError(413, ErrorCodes.payloadTooLarge, `Attachments may be at most ${maxBytes} bytes`, { maxBytes });

/** The content type if it is on the list; else 415 unsupported_media_type. */
export function acceptedContentType(raw: unknown, allowed: readonly string[]): string {
  const type = normalizeContentType(raw);
  if (!type || !allowed.includes(type)) throw unsupportedType(type, allowed);
  return type;
}

const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * The file's name as shown and offered on download: the last path segment (browsers send
 * `C:\fakepath\x.pdf`), without control characters, at most 255 characters (the extension is
 * kept when a long name is cut). Null when nothing is left.
 */
export function normalizeFileName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const base = raw.split(/[\\/]/).pop()!.replace(CONTROL, '').trim();
  if (base === '' || base === '.' || base === '..') return null;
  if (base.length <= 255) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : '';
  return base.slice(0, 255 - extension.length) + extension;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One chunk's bytes from its base64 text; 400 when it is not base64, empty or larger than a chunk. */
export function decodeChunk(data: unknown): Buffer {
  if (typeof data !== 'string' || data.length === 0 || data.length > Math.ceil(CHUNK_BYTES / 3) * 4 || !BASE64.test(data)) {
    throw invalid({ data: [`data must be base64 of 1 to ${CHUNK_BYTES} bytes`] });
  }
  return Buffer.from(data, 'base64');
}

/** Whether a file of `size` bytes so far, plus `chunk` more, stays within the limit. */
export const withinLimit = (size: number, chunk: number, maxBytes: number): boolean => size + chunk <= maxBytes;

const bytes = (...values: number[]) => Buffer.from(values);
const ascii = (text: string) => Buffer.from(text, 'latin1');
const startsWith = (head: Buffer, prefix: Buffer, at = 0) => head.length >= at + prefix.length && head.subarray(at, at + prefix.length).equals(prefix);

const ZIP = bytes(0x50, 0x4b, 0x03, 0x04);
const OLE2 = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);

/** How the first bytes of each known type look; a type missing here is not sniffed. */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  // PDF readers accept the header anywhere in the first 1024 bytes.
  'application/pdf': (h) => h.subarray(0, 1024).includes(ascii('%PDF-')),
  'image/png': (h) => startsWith(h, bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
  'image/jpeg': (h) => startsWith(h, bytes(0xff, 0xd8, 0xff)),
  'image/gif': (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')),
  'image/webp': (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8),
  'application/rtf': (h) => startsWith(h, ascii('{\\rtf')),
  'application/zip': (h) => startsWith(h, ZIP) || startsWith(h, bytes(0x50, 0x4b, 0x05, 0x06)),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (h) => startsWith(h, ZIP),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (h) => startsWith(h, ZIP),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': (h) => startsWith(h, ZIP),
  'application/vnd.oasis.opendocument.text': (h) => startsWith(h, ZIP),
  'application/vnd.oasis.opendocument.spreadsheet': (h) => startsWith(h, ZIP),
  'application/msword': (h) => startsWith(h, OLE2),
  'application/vnd.ms-excel': (h) => startsWith(h, OLE2),
  'application/vnd.ms-powerpoint': (h) => startsWith(h, OLE2),
  // Text has no signature, but a NUL byte means a binary file posing as text.
  'text/plain': (h) => !h.includes(0),
  'text/csv': (h) => !h.includes(0),
};

/**
 * Whether the first chunk looks like the declared type (so a renamed executable is not stored
 * as a PDF). Types without a known signature pass.
 */
export function contentMatchesType(contentType: string, head: Buffer): boolean {
  const check = SIGNATURES[contentType];
  return check ? check(head) : true;
}

/** What completion must match: the chunks and bytes that arrived and their checksum. */
export function completionProblem(
  arrived: { chunks: number; bytes: number; sha256: string },
  claimed: { chunks: unknown; bytes: unknown; sha256: unknown },
): string | null {
  if (arrived.bytes === 0) return 'The file is empty';
  if (claimed.chunks !== arrived.chunks) return `${arrived.chunks} chunks arrived, the sender says ${String(claimed.chunks)}`;
  if (claimed.bytes !== arrived.bytes) return `${arrived.bytes} bytes arrived, the sender says ${String(claimed.bytes)}`;
  if (typeof claimed.sha256 !== 'string' || claimed.sha256.toLowerCase() !== arrived.sha256) return 'The SHA-256 of what arrived differs from the sender’s';
  return null;
}

export interface AttachmentRow {
  id: string;
  customer_id: string;
  seq: string;
  file_name: string;
  content_type: string;
  status: 'uploading' | 'ready';
  size_bytes: string;
  max_bytes: string;
  chunk_count: number;
  sha256: string | null;
  uploaded_by_type: string;
  uploaded_by_id: string;
  created_at: Date;
  updated_at: Date;
}

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    customerId: row.customer_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size_bytes),
    sha256: row.sha256 ?? '',
    chunks: row.chunk_count,
    uploadedBy: actorFrom(row.uploaded_by_type, row.uploaded_by_id)!,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
