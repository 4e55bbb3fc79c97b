/**
 * The isolated scope of one `verifyHub` run. Provider states never touch the hub's own contracts,
 * datasets and clients: they work on copies with run-unique ids, and the verification proxy translates
 * between the names in the pacts and the scoped names.
 *
 * - a contract or dataset `dinkes.puskesmas` becomes `pact-<run>.dinkes.puskesmas`;
 * - a client `ciamis/dinkes/simpus` becomes `pact-<run>-<n>-ciamis/dinkes/simpus`, a new one for each
 *   interaction `n`, so that grants are only ever added (an interaction that wants a read-only client
 *   never finds the write grant an earlier interaction gave).
 *
 * Requests on their way to the hub get the scoped ids (path segments, query values, JSON string
 * values equal to a name a state used); answers on their way back get the pacts' names again.
 */
export interface VerificationScope {
  /** `pact-<run>`: what every scoped id starts with. */
  readonly prefix: string;
  /** The scoped id of a contract or dataset (remembered for the rest of the run). */
  dataset(id: string): string;
  /** The scoped id of a client in the current interaction (remembered until {@link nextInteraction}). */
  client(id: string): string;
  /** The scoped id of a client shared by every interaction (the verifier's own client). */
  runClient(id: string): string;
  /** Starts the next interaction: its clients are new ones. */
  nextInteraction(): void;
  /** A request target (`/path?query`) with the scoped ids. */
  pathToHub(target: string): string;
  /** A JSON request body with the scoped ids (any other body unchanged). */
  bodyToHub(body: Buffer, contentType: string | null): Buffer;
  /** Text of an answer with the pacts' names instead of the scoped ids. */
  fromHub(text: string): string;
}

/** Deepest JSON nesting whose strings are translated; deeper values pass unchanged. */
const MAX_DEPTH = 64;
const CLIENT_ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*){0,3}$/;
const DATASET_ID = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9_-]*)+$/;

/**
 * A new scope with a random run id.
 *
 * @example
 * ```ts
 * const scope = createVerificationScope();
 * scope.dataset('dinkes.puskesmas'); // 'pact-k3x9q2ab.dinkes.puskesmas'
 * scope.pathToHub('/v1/datasets/dinkes.puskesmas/records'); // '/v1/datasets/pact-k3x9q2ab.dinkes.puskesmas/records'
 * ```
 */
export function createVerificationScope(run: string = randomRunId()): VerificationScope {
  const prefix = `pact-${run}`;
  const datasets = new Map<string, string>();
  const runClients = new Map<string, string>();
  let interaction = 1;
  let clients = new Map<string, string>();
  const back = new RegExp(`${prefix}(?:\\.|-\\d+-)`, 'g');
  const scoped = (name: string): string | undefined =>
    datasets.get(name) ?? clients.get(name) ?? runClients.get(name);

  const translate = (value: unknown, depth: number): { value: unknown; changed: boolean } => {
    if (typeof value === 'string') {
      const to = scoped(value);
      return to === undefined ? { value, changed: false } : { value: to, changed: true };
    }
    if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return { value, changed: false };
    let changed = false;
    if (Array.isArray(value)) {
      const out = value.map((item) => {
        const t = translate(item, depth + 1);
        changed ||= t.changed;
        return t.value;
      });
      return { value: changed ? out : value, changed };
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const t = translate(item, depth + 1);
      changed ||= t.changed;
      out[key] = t.value;
    }
    return { value: changed ? out : value, changed };
  };

  return {
    prefix,
    dataset(id) {
      if (!DATASET_ID.test(id)) {
        throw new Error(`${JSON.stringify(id)} is not a contract or dataset id like "dinkes.puskesmas"`);
      }
      const known = datasets.get(id);
      if (known) return known;
      const made = `${prefix}.${id}`;
      datasets.set(id, made);
      return made;
    },
    client(id) {
      if (!CLIENT_ID.test(id)) {
        throw new Error(`${JSON.stringify(id)} is not a client id like "ciamis/dinkes/simpus"`);
      }
      const known = clients.get(id);
      if (known) return known;
      const made = `${prefix}-${interaction}-${id}`;
      clients.set(id, made);
      return made;
    },
    runClient(id) {
      const known = runClients.get(id);
      if (known) return known;
      const made = `${prefix}-0-${id}`;
      runClients.set(id, made);
      return made;
    },
    nextInteraction() {
      interaction++;
      clients = new Map();
    },
    pathToHub(target) {
      const q = target.indexOf('?');
      const path = q === -1 ? target : target.slice(0, q);
      const query = q === -1 ? '' : target.slice(q + 1);
      const segments = path.split('/').map((segment) => {
        let decoded: string;
        try {
          decoded = decodeURIComponent(segment);
        } catch {
          return segment;
        }
        const to = scoped(decoded);
        return to === undefined ? segment : encodeURIComponent(to);
      });
      let search = query;
      if (query !== '') {
        const params = new URLSearchParams(query);
        let changed = false;
        for (const [name, value] of [...params]) {
          const to = scoped(value);
          if (to === undefined) continue;
          params.set(name, to);
          changed = true;
        }
        if (changed) search = params.toString();
      }
      return `${segments.join('/')}${q === -1 ? '' : `?${search}`}`;
    },
    bodyToHub(body, contentType) {
      if (body.length === 0 || !contentType || !/\bjson\b/i.test(contentType)) return body;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return body;
      }
      const t = translate(parsed, 0);
      return t.changed ? Buffer.from(JSON.stringify(t.value)) : body;
    },
    fromHub(text) {
      return text.replace(back, '');
    },
  };
}

function randomRunId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
