import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CONSENT_STATUSES, type ConsentStatus, type SetConsentInput } from '@app/contracts';
import { IsOptionalNotNull } from '../../http/validation.decorators';

export class SetConsentDto implements SetConsentInput {
  @ApiProperty({ example: 'email_marketing', description: 'Consent field key: 1-100 letters, digits, _ . : or -, starting with a letter or digit' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, { message: 'key must be 1-100 letters, digits, _ . : or -, starting with a letter or digit' })
  key: string;

  @ApiProperty({ enum: CONSENT_STATUSES })
  @IsIn(CONSENT_STATUSES)
  status: ConsentStatus;

  @ApiPropertyOptional({ example: 'portal', maxLength: 100, description: 'Where the change came from (default: "customer" for a portal token, else "admin")' })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  source?: string;
}
