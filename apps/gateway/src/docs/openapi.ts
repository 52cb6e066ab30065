import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const DESCRIPTION = `
Customer 360 public API. All routes below are under \`/v1\` and need \`Authorization: Bearer <JWT>\`
(claims \`sub\`, \`tid\` tenant, \`role\` owner/admin/staff/viewer, optional \`cid\` for a customer-portal
token, \`exp\`). The tenant comes only from the token.

- Viewers read only (any write is 403). Defining attributes and deleting customers need owner or admin.
- A portal token (\`cid\`) may only read and change its own customer (\`GET\`/\`PATCH /customers/{cid}\`,
  its consents, \`by-email\` when the email is its own); another customer id answers 404, other routes 403.
- Errors are \`application/problem+json\` (RFC 9457) with \`type\`, \`title\`, \`status\`, \`detail\`, a stable
  \`code\`, \`errors\` (field → messages) for validation, \`instance\` and \`requestId\`.
- Every answer carries \`x-request-id\` (yours when it is 1-128 of \`[A-Za-z0-9_.-]\`, else a new UUID).
- Lists take \`limit\` (1-100, default 20) and \`cursor\` and answer \`{ items, nextCursor }\`.
- Rate limit per tenant per minute (429 \`rate_limited\`, with \`Retry-After\`). Bodies over the size limit: 413.
- A service that does not answer in time: 503 \`service_unavailable\`.
- Outside \`/v1\`, without a token: \`/health/live\`, \`/health/ready\`, \`/metrics\` (Prometheus), \`/docs\`, \`/docs-json\`.
`;

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Customer 360 API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
