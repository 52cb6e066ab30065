import { ApiProperty } from '@nestjs/swagger';

/** The answer of a DELETE that removed an item: `{ id, deleted: true }`. */
export class DeletedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: [true] }) deleted: true;
}
