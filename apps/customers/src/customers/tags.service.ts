import { Injectable } from '@nestjs/common';
import { invalid, type CustomerView, type Page } from '@app/contracts';
import type { Caller } from '@app/common';
import { CustomerChangesService } from './customer-changes.service';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { normalizeTag, TAG_RULE } from './tag-rules';

/** Tags (C8): add and remove (both idempotent), and the customers that have a tag. */
@Injectable()
export class TagsService {
  constructor(
    private readonly repository: CustomersRepository,
    private readonly changes: CustomerChangesService,
    private readonly customers: CustomersService,
  ) {}

  async add(caller: Caller, id: string, rawTag: unknown): Promise<CustomerView> {
    const tag = this.tagOf(rawTag);
    const { customer } = await this.changes.change(caller, id, (em) => this.repository.addTags(em, caller.tenantId, id, [tag]));
    return customer;
  }

  async remove(caller: Caller, id: string, rawTag: unknown): Promise<CustomerView> {
    const tag = this.tagOf(rawTag);
    const { customer } = await this.changes.change(caller, id, (em) => this.repository.removeTag(em, caller.tenantId, id, tag));
    return customer;
  }

  /** Live customers with the tag, newest registration first, cursor-paginated. */
  async listCustomers(caller: Caller, rawTag: unknown, query: Record<string, unknown>): Promise<Page<CustomerView>> {
    const tag = this.tagOf(rawTag);
    return this.customers.list(caller, { limit: query.limit, cursor: query.cursor, tag, sort: '-registeredAt' });
  }

  private tagOf(raw: unknown): string {
    const tag = normalizeTag(raw);
    if (tag === null) throw invalid({ tag: [TAG_RULE] });
    return tag;
  }
}
