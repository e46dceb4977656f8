import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../services/services.dto';

/** Swagger error responses of the account routes, each with the shared error body. */
export const ApiErrors = {
  badRequest: (description = 'Invalid input; the message names every problem') =>
    ApiBadRequestResponse({ description, type: ApiErrorDto }),
  unauthorized: (description: string) => ApiUnauthorizedResponse({ description, type: ApiErrorDto }),
  conflict: (description: string) => ApiConflictResponse({ description, type: ApiErrorDto }),
  notFound: (description: string) => ApiNotFoundResponse({ description, type: ApiErrorDto }),
  throttled: () =>
    ApiTooManyRequestsResponse({
      description: 'Too many failed sign-ins for this account or address',
      type: ApiErrorDto,
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    }),
  unavailable: () =>
    ApiServiceUnavailableResponse({
      description: 'No auth service instance is available',
      type: ApiErrorDto,
    }),
};

export function ApiAuthErrors(...extra: MethodDecorator[]) {
  return applyDecorators(ApiErrors.unavailable(), ...extra);
}
