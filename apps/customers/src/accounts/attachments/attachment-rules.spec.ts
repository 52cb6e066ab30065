import { DomainError } from '@app/contracts';
import {
  acceptedContentType,
  CHUNK_BYTES,
  completionProblem,
  contentMatchesType,
  decodeChunk,
  DEFAULT_CONTENT_TYPES,
  normalizeContentType,
  normalizeFileName,
  parseContentTypeList,
  withinLimit,
} from './attachment-rules';

const statusOf = (fn: () => unknown): number => {
  try {
    fn();
    return 200;
  } catch (e) {
    return (e as DomainError).status;
  }
};

describe('attachment size limit (C14)', () => {
  it('accepts exactly the limit and refuses one byte more', () => {
    expect(withinLimit(0, 100, 100)).toBe(true);
    expect(withinLimit(60, 40, 100)).toBe(true);
    expect(withinLimit(60, 41, 100)).toBe(false);
  });
});

describe('content types', () => {
  it('normalises case and parameters', () => {
    expect(normalizeContentType('Text/Plain; charset=UTF-8')).toBe('text/plain');
    expect(normalizeContentType('pdf')).toBeNull();
    expect(normalizeContentType(undefined)).toBeNull();
  });

  it('accepts listed types and refuses others with 415', () => {
    expect(acceptedContentType('application/PDF', DEFAULT_CONTENT_TYPES)).toBe('application/pdf');
    expect(statusOf(() => acceptedContentType('text/html', DEFAULT_CONTENT_TYPES))).toBe(415);
    expect(statusOf(() => acceptedContentType('image/svg+xml', DEFAULT_CONTENT_TYPES))).toBe(415);
    expect(statusOf(() => acceptedContentType('application/x-msdownload', DEFAULT_CONTENT_TYPES))).toBe(415);
    expect(statusOf(() => acceptedContentType('', DEFAULT_CONTENT_TYPES))).toBe(415);
  });

  it('parses a configured list and names the bad entries', () => {
    expect(parseContentTypeList(['application/pdf', ' image/png ', 'application/pdf', 'nonsense', 'text/plain; charset=utf-8'])).toEqual({
      types: ['application/pdf', 'image/png'],
      bad: ['nonsense', 'text/plain; charset=utf-8'],
    });
  });

  it('checks the first bytes against the declared type', () => {
    expect(contentMatchesType('application/pdf', Buffer.from('%PDF-1.7\n...'))).toBe(true);
    expect(contentMatchesType('application/pdf', Buffer.from('MZ\x90\x00 an executable'))).toBe(false);
    expect(contentMatchesType('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(contentMatchesType('image/png', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(false);
    expect(contentMatchesType('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(contentMatchesType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from('PK\x03\x04rest', 'latin1'))).toBe(true);
    expect(contentMatchesType('text/csv', Buffer.from('a,b\n1,2\n'))).toBe(true);
    expect(contentMatchesType('text/plain', Buffer.from([0x41, 0x00, 0x42]))).toBe(false);
    // A type without a known signature is not sniffed.
    expect(contentMatchesType('application/x-custom', Buffer.from([0]))).toBe(true);
  });
});

describe('file names', () => {
  it('keeps the last path segment without control characters', () => {
    expect(normalizeFileName('C:\\fakepath\\price list.pdf')).toBe('price list.pdf');
    expect(normalizeFileName('../../etc/passwd')).toBe('passwd');
    expect(normalizeFileName('a\u0000b\n.txt')).toBe('ab.txt');
    expect(normalizeFileName('  ')).toBeNull();
    expect(normalizeFileName('..')).toBeNull();
    expect(normalizeFileName(42)).toBeNull();
  });

  it('cuts a long name to 255 characters, keeping the extension', () => {
    const name = normalizeFileName(`${'x'.repeat(300)}.pdf`)!;
    expect(name).toHaveLength(255);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('chunks', () => {
  it('decodes base64 of up to one chunk', () => {
    expect(decodeChunk(Buffer.from('hello').toString('base64')).toString()).toBe('hello');
    expect(decodeChunk(Buffer.alloc(CHUNK_BYTES, 1).toString('base64'))).toHaveLength(CHUNK_BYTES);
  });

  it('refuses what is not base64, empty or larger than a chunk', () => {
    for (const bad of ['', 'not base64!', 'abc', 42, Buffer.alloc(CHUNK_BYTES + 3, 1).toString('base64')]) {
      expect(statusOf(() => decodeChunk(bad))).toBe(400);
    }
  });
});

describe('completion', () => {
  const arrived = { chunks: 2, bytes: 300_000, sha256: 'ab'.repeat(32) };

  it('passes when counts and checksum match', () => {
    expect(completionProblem(arrived, { chunks: 2, bytes: 300_000, sha256: 'AB'.repeat(32) })).toBeNull();
  });

  it('names a missing chunk, a size difference, a checksum difference and an empty file', () => {
    expect(completionProblem(arrived, { chunks: 3, bytes: 300_000, sha256: arrived.sha256 })).toMatch(/chunks/);
    expect(completionProblem(arrived, { chunks: 2, bytes: 299_999, sha256: arrived.sha256 })).toMatch(/bytes/);
    expect(completionProblem(arrived, { chunks: 2, bytes: 300_000, sha256: 'cd'.repeat(32) })).toMatch(/SHA-256/);
    expect(completionProblem({ chunks: 0, bytes: 0, sha256: '' }, { chunks: 0, bytes: 0, sha256: '' })).toMatch(/empty/);
  });
});
