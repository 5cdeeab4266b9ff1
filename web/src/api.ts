// Calls to the dashboard API; failures become an ApiError with a message fit to show a reader.
import type { ApiErrorBody, Kpis, Lineage, Meta, QueryResult, Run } from './api-types.js';

/** A request that failed, with a message for the reader (never a stack trace). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof (body as ApiErrorBody).error?.message === 'string';
}

/** GETs a JSON endpoint; aborting throws the DOMException `AbortError`. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached. Is `mercator serve` running?', 0);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(body.error.message, response.status, body.error.hint);
    throw new ApiError(response.status === 404 ? 'This data is not available on the server.' : `The server answered ${response.status}.`, response.status);
  }
  if (body === undefined) throw new ApiError('The server sent an answer that is not JSON.', response.status);
  return body as T;
}

/** /api/meta. */
export const fetchMeta = (signal?: AbortSignal): Promise<Meta> => getJson<Meta>('/api/meta', signal);

/** /api/kpis for the filters in `params`. */
export const fetchKpis = (params: URLSearchParams, signal?: AbortSignal): Promise<Kpis> => getJson<Kpis>(withQuery('/api/kpis', params), signal);

/** /api/metrics or /api/analysis/<name> answers. */
export const fetchQuery = (path: string, params: URLSearchParams, signal?: AbortSignal): Promise<QueryResult> =>
  getJson<QueryResult>(withQuery(path, params), signal);

/** /api/ops/runs. */
export const fetchRuns = (signal?: AbortSignal): Promise<{ runs: Run[] }> => getJson<{ runs: Run[] }>('/api/ops/runs', signal);

/** /api/ops/lineage. */
export const fetchLineage = (signal?: AbortSignal): Promise<Lineage> => getJson<Lineage>('/api/ops/lineage', signal);

/** A path with its query string (none when empty). */
export function withQuery(path: string, params: URLSearchParams): string {
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
