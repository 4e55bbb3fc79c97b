import type { paths } from '@tukar/spec';
import type { Client } from 'openapi-fetch';

/** What the helpers need from a client: the typed openapi-fetch client and `unwrap`. */
export interface HubContext {
  api: Client<paths>;
  unwrap<T>(answer: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T>;
}
