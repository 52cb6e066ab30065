import { ApiProperty } from '@nestjs/swagger';
import { TextField } from './fields';
import { ActorRefDto } from './common.dto';

export class RenameAttachmentDto {
  @TextField(255, { required: true, example: 'Price list 2025.pdf' }) fileName: string;
}

export class AttachmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: 'Price list 2025.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ description: 'Bytes', example: 482113 }) size: number;
  @ApiProperty({ description: 'Hex SHA-256 of the content (also the ETag of the download)' }) sha256: string;
  @ApiProperty({ description: 'Chunks the content is stored in' }) chunks: number;
  @ApiProperty({ type: ActorRefDto }) uploadedBy: ActorRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AttachmentPageDto {
  @ApiProperty({ type: [AttachmentViewDto] }) items: AttachmentViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
