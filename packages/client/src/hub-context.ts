import type { paths } from '@tukar/spec';
import type { Client } from 'openapi-fetch';

/** An openapi-fetch answer: `data` on success, `error` (the problem document) otherwise. */
export type HubAnswer<T> = { data?: T; error?: unknown; response: Response };

/** What the helpers need from a client: the typed openapi-fetch client and `unwrap`. */
export interface HubContext {
  api: Client<paths>;
  unwrap<T>(answer: Promise<HubAnswer<T>> | HubAnswer<T>): Promise<T>;
}
