import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalid } from '@app/contracts';

/** A JSON body that must be a list of objects (PUT /customers/{id}/subscriptions); the items are checked by the service. */
@Injectable()
export class ListBodyPipe implements PipeTransform<unknown, unknown[]> {
  constructor(private readonly max: number) {}

  transform(value: unknown): unknown[] {
    if (!Array.isArray(value) || value.length === 0 || value.length > this.max) throw invalid({ body: [`must be a list of 1-${this.max} items`] });
    return value;
  }
}

/** POST /track: one event (an object) or a batch (a list of up to 1,000). Each event is checked by the service. */
export interface TrackBody {
  events: unknown[];
  batch: boolean;
}

export const TRACK_BATCH_MAX = 1000;

@Injectable()
export class TrackBodyPipe implements PipeTransform<unknown, TrackBody> {
  transform(value: unknown): TrackBody {
    if (Array.isArray(value)) {
      if (value.length === 0 || value.length > TRACK_BATCH_MAX) throw invalid({ body: [`a batch is a list of 1-${TRACK_BATCH_MAX} events`] });
      return { events: value, batch: true };
    }
    if (!value || typeof value !== 'object') throw invalid({ body: ['must be an event object or a list of events'] });
    return { events: [value], batch: false };
  }
}
