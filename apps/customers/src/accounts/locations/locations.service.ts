import { Injectable } from '@nestjs/common';
import {
  CustomerB2BEvents,
  CustomersB2BErrorCodes,
  CustomersB2BPatterns,
  notFound,
  type Deleted,
  type LocationView,
  type Page,
} from '@app/contracts';
import type { Caller } from '@app/common';
import { AccountStore } from '../shared/account-store.service';
import { readFilters } from '../shared/input-reader';
import { PrimarySection } from '../shared/primary-section';
import { applyLocation, readLocationInput, toLocationView, type LocationRecord, type LocationRow } from './location-rules';
import { LocationsRepository } from './locations.repository';

/** Locations (C12): addresses of the account, exactly one primary when there are any. */
@Injectable()
export class LocationsService {
  private readonly section: PrimarySection<LocationRow, LocationRecord, LocationView>;

  constructor(store: AccountStore, repository: LocationsRepository) {
    this.section = new PrimarySection(store, {
      table: 'customer_locations',
      sort: 'locations:primary',
      notFound: () => notFound('Location', CustomersB2BErrorCodes.locationNotFound),
      events: {
        created: CustomerB2BEvents.locationCreated,
        updated: CustomerB2BEvents.locationUpdated,
        deleted: CustomerB2BEvents.locationDeleted,
        primaryChanged: CustomerB2BEvents.locationPrimaryChanged,
      },
      createPattern: CustomersB2BPatterns.createLocation,
      repository,
      toView: toLocationView,
    });
  }

  create(caller: Caller, customerId: string, input: Record<string, unknown>, idempotencyKey?: unknown): Promise<LocationView> {
    const fields = readLocationInput(input, 'create');
    return this.section.create(caller, customerId, applyLocation(null, fields), fields.primary === true, { key: idempotencyKey, request: input });
  }

  update(caller: Caller, customerId: string, locationId: string, input: Record<string, unknown>): Promise<LocationView> {
    const fields = readLocationInput(input, 'update');
    return this.section.update(caller, customerId, locationId, (before) => applyLocation(before, fields));
  }

  delete(caller: Caller, customerId: string, locationId: string): Promise<Deleted> {
    return this.section.delete(caller, customerId, locationId);
  }

  makePrimary(caller: Caller, customerId: string, locationId: string): Promise<LocationView> {
    return this.section.makePrimary(caller, customerId, locationId);
  }

  list(caller: Caller, customerId: string, query: Record<string, unknown>): Promise<Page<LocationView>> {
    readFilters(query, {});
    return this.section.list(caller, customerId, query);
  }
}
