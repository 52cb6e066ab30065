import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** RFC 9457 problem document (every error answer). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:problem-type:customer360:customer_not_found', description: 'URN named by the code' })
  type: string;

  @ApiProperty({ example: 'Not Found', description: 'HTTP status text' })
  title: string;

  @ApiProperty({ example: 404 })
  status: number;

  @ApiProperty({ example: 'Customer not found', description: 'What went wrong, for people' })
  detail: string;

  @ApiProperty({ example: 'customer_not_found', description: 'Stable error code, for programs' })
  code: string;

  @ApiPropertyOptional({
    description: 'Validation errors: field (dotted path for nested fields) → messages',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { email: ['email must be an email'], 'utm.source': ['utm.source must be a string'] },
  })
  errors?: Record<string, string[]>;

  @ApiPropertyOptional({ example: '/v1/customers/0b6c…', description: 'The request path' })
  instance?: string;

  @ApiProperty({ example: '6f1c2d0e-…', description: 'Also in the x-request-id header and in the logs' })
  requestId: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (`validation_failed` with `errors` per field, or `bad_request`)',
  401: 'Missing, expired or invalid token (`unauthorized`)',
  403: 'The role or the portal token may not do this (`forbidden`)',
  404: 'Not found, also for ids of another tenant or customer',
  409: 'A rule conflict (e.g. `email_taken`, `active_loyalty_card`)',
  413: 'Body larger than the limit (`payload_too_large`)',
  422: 'A business rule refused the request',
  429: 'Rate limit of the tenant reached (`rate_limited`)',
  503: 'A service did not answer in time (`service_unavailable`)',
};

/** Documents problem+json answers of a route or controller. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
