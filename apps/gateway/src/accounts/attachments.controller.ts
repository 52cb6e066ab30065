import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CustomersB2BPatterns as P, type AttachmentView, type Deleted, type Page } from '@app/contracts';
import { ApiProblems } from '../errors/problem.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { ParseUuidPipe } from '../http/param.pipes';
import { Caller, type CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { AttachmentTransfer } from './attachment-transfer.service';
import { AttachmentPageDto, AttachmentViewDto, RenameAttachmentDto } from './dto/attachment.dto';
import { DeletedDto } from './dto/common.dto';

/** C14: files on a customer's profile, visible to all staff of the tenant. */
@ApiTags('attachments')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 429, 503)
@Controller('customers/:id/attachments')
export class AttachmentsController {
  constructor(
    private readonly rpc: RpcGateway,
    private readonly transfer: AttachmentTransfer,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The customer’s attachments, newest first (tab)' })
  @ApiOkResponse({ type: AttachmentPageDto })
  list(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Query() query: PageQueryDto): Promise<Page<AttachmentView>> {
    return this.rpc.send(P.listAttachments, caller, { id, query });
  }

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({
    summary: 'Upload a file (multipart/form-data, one part named "file")',
    description:
      'The part’s file name and content type are kept. Accepted types: PDF, images (PNG, JPEG, GIF, WebP), text and CSV, Office and OpenDocument files, ZIP (the customers service’s ATTACHMENT_CONTENT_TYPES); the first bytes must match the type. Larger than ATTACHMENT_MAX_BYTES (default 10 MiB): 413 payload_too_large; another type or content that does not match it: 415 unsupported_media_type.',
  })
  @ApiCreatedResponse({ type: AttachmentViewDto })
  @ApiProblems(409, 413, 415)
  upload(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentView> {
    return this.transfer.upload(caller, id, request, reply);
  }

  @Get(':itemId')
  @ApiOperation({ summary: 'An attachment’s details' })
  @ApiOkResponse({ type: AttachmentViewDto })
  get(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<AttachmentView> {
    return this.rpc.send(P.getAttachment, caller, { id, itemId });
  }

  @Get(':itemId/content')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download the file (Content-Disposition: attachment; ETag is its SHA-256, If-None-Match gives 304)' })
  @ApiOkResponse({ description: 'The file, with its content type', schema: { type: 'string', format: 'binary' } })
  download(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('itemId', ParseUuidPipe) itemId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | undefined> {
    return this.transfer.download(caller, id, itemId, reply, ifNoneMatch);
  }

  @Patch(':itemId')
  @ApiOperation({ summary: 'Rename an attachment' })
  @ApiOkResponse({ type: AttachmentViewDto })
  rename(
    @Caller() caller: CallContext,
    @Param('id', ParseUuidPipe) id: string,
    @Param('itemId', ParseUuidPipe) itemId: string,
    @Body() input: RenameAttachmentDto,
  ): Promise<AttachmentView> {
    return this.rpc.send(P.updateAttachment, caller, { id, itemId, input });
  }

  @Delete(':itemId')
  @ApiOperation({ summary: 'Delete an attachment' })
  @ApiOkResponse({ type: DeletedDto })
  delete(@Caller() caller: CallContext, @Param('id', ParseUuidPipe) id: string, @Param('itemId', ParseUuidPipe) itemId: string): Promise<Deleted> {
    return this.rpc.send(P.deleteAttachment, caller, { id, itemId });
  }
}
