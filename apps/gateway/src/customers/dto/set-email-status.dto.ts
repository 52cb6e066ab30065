import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CONTACT_STATUSES, type ContactStatus } from '@app/contracts';

export class SetEmailStatusDto {
  @ApiProperty({ enum: CONTACT_STATUSES, example: 'bounced' })
  @IsIn(CONTACT_STATUSES)
  status: ContactStatus;
}
