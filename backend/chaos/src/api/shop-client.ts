import createClient, { Client } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The typed REST client generated from the gateway's OpenAPI document (openapi-fetch over `paths`). */
export type ShopApi = Client<paths>;
export type Schemas = components['schemas'];
export type ApiError = Schemas['ApiErrorDto'];

export function createShopApi(baseUrl: string): ShopApi {
  return createClient<paths>({ baseUrl });
}

/** Bearer authorization header for a token. */
export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** The `{ data, error, response }` an openapi-fetch call resolves to. */
export interface Exchange<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Reads the gateway's error body (`ApiErrorDto`) from an openapi-fetch error, when it is one. */
export function apiError(error: unknown): ApiError | undefined {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) return error as ApiError;
  return undefined;
}
