import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { UUID_PATTERN } from '@app/common';
import { invalid } from '@app/contracts';

export { UUID_PATTERN };
/** A tag: 1-64 characters, no slash (tags travel in paths) and no control characters. */
export const TAG_PATTERN = /^(?=.*\S)[^/\u0000-\u001f]{1,64}$/;

const fieldOf = (metadata: ArgumentMetadata) => metadata.data ?? 'param';

/** A path id that is not a UUID is a 400 with `errors.<param>`. Ids are passed on lower-cased. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) throw invalid({ [fieldOf(metadata)]: [`${fieldOf(metadata)} must be a UUID`] });
    return value.toLowerCase();
  }
}

@Injectable()
export class ParseEmailPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || value.length > 254 || !isEmail(value)) throw invalid({ [fieldOf(metadata)]: [`${fieldOf(metadata)} must be an email`] });
    return value;
  }
}

@Injectable()
export class ParseTagPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !TAG_PATTERN.test(value)) {
      throw invalid({ [fieldOf(metadata)]: [`${fieldOf(metadata)} must be 1-64 characters without "/"`] });
    }
    return value;
  }
}
