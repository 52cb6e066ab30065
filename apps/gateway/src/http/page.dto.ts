import { ApiProperty } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';

const pages = new Map<Type<unknown>, Type<unknown>>();

/** The OpenAPI class of a page of `item`: `{ items, nextCursor }` (one class per item type). */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  let page = pages.get(item);
  if (!page) {
    class Page {
      @ApiProperty({ type: [item] }) items: T[];
      @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last page' }) nextCursor: string | null;
    }
    Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
    page = Page;
    pages.set(item, page);
  }
  return page as Type<{ items: T[]; nextCursor: string | null }>;
}
