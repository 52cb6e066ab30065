import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_STATUSES, type ConsentStatus } from '@app/contracts';

export class ConsentChangeDto {
  @ApiProperty({ enum: CONSENT_STATUSES }) status: ConsentStatus;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'booking' }) source: string;
}

export class ConsentViewDto {
  @ApiProperty({ example: 'email_marketing' }) key: string;
  @ApiProperty({ enum: CONSENT_STATUSES, description: 'The latest change' }) status: ConsentStatus;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() source: string;
  @ApiProperty({ type: [ConsentChangeDto], description: 'Every change (status, when, source)' }) history: ConsentChangeDto[];
}

export class ConsentPageDto {
  @ApiProperty({ type: [ConsentViewDto] }) items: ConsentViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
