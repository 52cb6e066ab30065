import { attachmentDisposition, matchesEtag, rechunk } from './transfer-rules';

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

async function* pieces(...sizes: number[]): AsyncGenerator<Buffer> {
  let n = 0;
  for (const size of sizes) yield Buffer.from(Array.from({ length: size }, () => n++ % 256));
}

describe('rechunk', () => {
  it('cuts any pieces into chunks of the size, the last one shorter, keeping every byte in order', async () => {
    const chunks = await collect(rechunk(pieces(3, 10, 1, 7), 5));
    expect(chunks.map((c) => c.length)).toEqual([5, 5, 5, 5, 1]);
    expect([...Buffer.concat(chunks)]).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('yields nothing for nothing and one chunk for exactly one chunk', async () => {
    expect(await collect(rechunk(pieces(), 5))).toEqual([]);
    expect((await collect(rechunk(pieces(2, 3), 5))).map((c) => c.length)).toEqual([5]);
  });

  it('reports the running total as bytes arrive, so a limit stops reading early', async () => {
    const limit = 12;
    const read: number[] = [];
    const stop = (total: number) => {
      read.push(total);
      if (total > limit) throw new Error('too large');
    };
    await expect(collect(rechunk(pieces(4, 4, 4, 4, 4), 100, stop))).rejects.toThrow('too large');
    expect(read).toEqual([4, 8, 12, 16]);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Preisliste März.pdf')).toBe(`attachment; filename="Preisliste M_rz.pdf"; filename*=UTF-8''Preisliste%20M%C3%A4rz.pdf`);
    expect(attachmentDisposition('a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
  });
});

describe('matchesEtag', () => {
  it('matches one of several tags, weak ones and *', () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('"x", W/"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('*', '"abc"')).toBe(true);
    expect(matchesEtag('"x"', '"abc"')).toBe(false);
    expect(matchesEtag(undefined, '"abc"')).toBe(false);
  });
});
