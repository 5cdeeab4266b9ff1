// Stripe's error bodies: { error: { type, code?, message, param?, doc_url? } } with the HTTP status.

/** An error response in Stripe's shape. */
export interface StripeErrorResponse {
  status: number;
  body: { error: { type: string; message: string; code?: string; param?: string; doc_url?: string } };
  headers?: Record<string, string>;
}

/** 401 for a missing or wrong secret key. */
export function authError(key: string | undefined): StripeErrorResponse {
  const message = key
    ? `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
    : 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').';
  return { status: 401, body: { error: { type: 'invalid_request_error', message } }, headers: { 'WWW-Authenticate': 'Bearer realm="Stripe"' } };
}

/** 404 for an unknown object id. */
export function missingError(kind: string, id: string, param = 'id'): StripeErrorResponse {
  return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', doc_url: 'https://stripe.com/docs/error-codes/resource-missing', message: `No such ${kind}: '${id}'`, param } } };
}

/** 400 for a bad parameter. */
export function paramError(param: string, message: string): StripeErrorResponse {
  return { status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid', message, param, doc_url: 'https://stripe.com/docs/error-codes/parameter-invalid' } } };
}

/** 404 for an unknown route. */
export function routeError(method: string, path: string): StripeErrorResponse {
  return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` } } };
}

/** 429 as Stripe sends it when an account exceeds its rate limit (no Stripe-Should-Retry, so clients surface it). */
export function rateLimitError(): StripeErrorResponse {
  return { status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit', doc_url: 'https://stripe.com/docs/error-codes/rate-limit', message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.' } }, headers: { 'Retry-After': '1' } };
}

/** 500 as Stripe sends it for an internal failure; clients retry 5xx. */
export function serverError(): StripeErrorResponse {
  return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred while processing the request. Please try again.' } }, headers: { 'Stripe-Should-Retry': 'true' } };
}
