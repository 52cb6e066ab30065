import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, Matches, ValidateIf, ValidateNested } from 'class-validator';
import type { CardDevice, CardStatus, IssueCardInput, UpdateCardInput } from '@app/contracts';
import { UtmDto } from '../../customers/dto/utm.dto';
import { UUID_PATTERN } from '../../http/param.pipes';
import { IsOptionalNotNull } from '../../http/validation.decorators';

export const CARD_DEVICES: CardDevice[] = ['pwa', 'apple_wallet', 'google_wallet'];
export const CARD_STATUSES: CardStatus[] = ['installed', 'not_installed', 'deleted'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class IssueCardDto implements IssueCardInput {
  @ApiProperty({ format: 'uuid', description: 'A live customer of the tenant' })
  @Matches(UUID_PATTERN, { message: 'customerId must be a UUID' })
  customerId: string;

  @ApiPropertyOptional({ enum: CARD_DEVICES, description: 'Where the card is installed; with a device the card starts installed' })
  @IsOptionalNotNull()
  @IsIn(CARD_DEVICES)
  device?: CardDevice;

  @ApiPropertyOptional({ enum: ['installed', 'not_installed'], description: 'Default: installed with a device, else not_installed' })
  @IsOptionalNotNull()
  @IsIn(['installed', 'not_installed'])
  status?: 'installed' | 'not_installed';

  @ApiPropertyOptional({ type: () => UtmDto, description: 'UTM of the install channel' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => UtmDto)
  utm?: UtmDto;

  @ApiPropertyOptional({ format: 'date', description: 'Default today in the tenant’s time zone; not in the future' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'issuedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'issuedOn must be a real date' })
  issuedOn?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Not before issuedOn (422 expiry_before_issue); absent: no expiry' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'expiresOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'expiresOn must be a real date' })
  expiresOn?: string;

  @ApiPropertyOptional({ example: 'K7M2QX9A', description: 'The referral code the customer came with: another card’s inviteCode makes its customer the referrer' })
  @IsOptionalNotNull()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'referralCode must be 1-64 letters, digits, - or _' })
  referralCode?: string;
}

export class UpdateCardDto implements UpdateCardInput {
  @ApiPropertyOptional({ enum: CARD_STATUSES, description: 'deleted is final (and needed before the customer can be deleted, L9)' })
  @IsOptionalNotNull()
  @IsIn(CARD_STATUSES)
  status?: CardStatus;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'null removes the expiry date' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(DATE, { message: 'expiresOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'expiresOn must be a real date' })
  expiresOn?: string | null;

  @ApiPropertyOptional({ enum: CARD_DEVICES, nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsIn(CARD_DEVICES)
  device?: CardDevice | null;
}
