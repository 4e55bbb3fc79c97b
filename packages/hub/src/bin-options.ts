import { parseArgs } from 'node:util';
import { DEFAULT_RATE_LIMIT } from './hub-options';
import type { RateLimit } from './rate-limiter';
import { DEFAULT_SERVER_LIMITS, resolveServerLimits, type ServerLimits } from './server-limits';

/** What the `tukar-hub` command line and environment ask for. */
export interface HubCommand {
  help: boolean;
  port: number;
  host: string | undefined;
  store: string;
  trustProxy: boolean;
  /** The file holding the receipt-signing key (`--signing-key-file`), if given. */
  signingKeyFile: string | undefined;
  /** `--tsa-url` or `TUKAR_TSA_URL`: an RFC 3161 time-stamping authority that countersigns checkpoints. */
  timestampUrl?: string;
  limits: ServerLimits;
  rateLimit: RateLimit | false;
  /** `--metrics-port`: serve GET /metrics on this port (same host); unset: no metrics. */
  metricsPort: number | undefined;
  /** `--holidays FILE` (repeatable) or `TUKAR_HOLIDAYS` (comma-separated): holiday lists per year. */
  holidayFiles: string[];
  /** `--procedure FILE` (repeatable) or `TUKAR_PROCEDURES` (comma-separated): procedure definitions; none: the ciamis preset. */
  procedureFiles: string[];
  /** Single sign-on to the dashboard (`--oidc-*`, `TUKAR_OIDC_*`); undefined without `--oidc-issuer`. */
  oidc: HubOidcCommand | undefined;
}

/** The `--oidc-*` settings; the secret comes from `TUKAR_OIDC_CLIENT_SECRET` or a file, never a flag. */
export interface HubOidcCommand {
  issuer: string;
  clientId: string;
  redirectBaseUrl: string;
  accountClaim: string | undefined;
  /** The secret itself (`TUKAR_OIDC_CLIENT_SECRET`), when no file is named. */
  clientSecret: string | undefined;
  /** `--oidc-client-secret-file` or `TUKAR_OIDC_CLIENT_SECRET_FILE`: the file holding the secret. */
  clientSecretFile: string | undefined;
}

/** The `--oidc-*` flags, each with its environment variable. */
const OIDC_SETTINGS = {
  issuer: { flag: 'oidc-issuer', env: 'TUKAR_OIDC_ISSUER' },
  clientId: { flag: 'oidc-client-id', env: 'TUKAR_OIDC_CLIENT_ID' },
  redirectBaseUrl: { flag: 'oidc-redirect-base', env: 'TUKAR_OIDC_REDIRECT_BASE' },
  accountClaim: { flag: 'oidc-account-claim', env: 'TUKAR_OIDC_ACCOUNT_CLAIM' },
  clientSecretFile: { flag: 'oidc-client-secret-file', env: 'TUKAR_OIDC_CLIENT_SECRET_FILE' },
} as const;

/** Reads the `--oidc-*` flags and variables: all of issuer, client id, redirect base and a secret, or none. */
function parseOidc(
  values: Record<string, string | boolean | string[] | undefined>,
  env: Record<string, string | undefined>,
): { ok: true; oidc: HubOidcCommand | undefined } | { ok: false; message: string } {
  const read = (key: keyof typeof OIDC_SETTINGS) => {
    const { flag, env: name } = OIDC_SETTINGS[key];
    const text = (values[flag] as string | undefined) ?? (env[name] || undefined);
    return text?.trim() || undefined;
  };
  const issuer = read('issuer');
  const clientId = read('clientId');
  const redirectBaseUrl = read('redirectBaseUrl');
  const clientSecretFile = read('clientSecretFile');
  const clientSecret = env['TUKAR_OIDC_CLIENT_SECRET'] || undefined;
  if (issuer === undefined) {
    const stray = (Object.keys(OIDC_SETTINGS) as Array<keyof typeof OIDC_SETTINGS>).find(
      (key) => read(key) !== undefined,
    );
    if (stray === undefined && clientSecret === undefined) return { ok: true, oidc: undefined };
    const what = stray === undefined ? 'TUKAR_OIDC_CLIENT_SECRET' : `--${OIDC_SETTINGS[stray].flag}`;
    return {
      ok: false,
      message: `${what} is set but --oidc-issuer (TUKAR_OIDC_ISSUER) is not: single sign-on needs the provider's issuer URL.`,
    };
  }
  const missing = [
    clientId === undefined && '--oidc-client-id (TUKAR_OIDC_CLIENT_ID)',
    redirectBaseUrl === undefined && '--oidc-redirect-base (TUKAR_OIDC_REDIRECT_BASE)',
    clientSecret === undefined &&
      clientSecretFile === undefined &&
      'the client secret (TUKAR_OIDC_CLIENT_SECRET, or --oidc-client-secret-file)',
  ].filter((m): m is string => m !== false);
  if (missing.length > 0 || clientId === undefined || redirectBaseUrl === undefined) {
    return {
      ok: false,
      message: `--oidc-issuer is set, so single sign-on also needs ${missing.join(', ')}.`,
    };
  }
  return {
    ok: true,
    oidc: {
      issuer,
      clientId,
      redirectBaseUrl,
      accountClaim: read('accountClaim'),
      clientSecret,
      clientSecretFile,
    },
  };
}

/** A whole-number setting: its flag, its environment variable, what it sets, and its help line. */
interface NumberSetting {
  flag: string;
  env: string;
  help: string;
  min: number;
}

const LIMIT_SETTINGS: Record<keyof ServerLimits, NumberSetting> = {
  headersTimeoutMs: {
    flag: 'headers-timeout',
    env: 'TUKAR_HEADERS_TIMEOUT_MS',
    min: 1,
    help: 'ms a client has to send its request headers',
  },
  requestTimeoutMs: {
    flag: 'request-timeout',
    env: 'TUKAR_REQUEST_TIMEOUT_MS',
    min: 1,
    help: 'ms a client has to send a whole request, body included',
  },
  keepAliveTimeoutMs: {
    flag: 'keep-alive-timeout',
    env: 'TUKAR_KEEP_ALIVE_TIMEOUT_MS',
    min: 1,
    help: 'ms an idle keep-alive connection stays open',
  },
  maxConnections: {
    flag: 'max-connections',
    env: 'TUKAR_MAX_CONNECTIONS',
    min: 1,
    help: 'connections open at once; more are closed at once',
  },
  shutdownTimeoutMs: {
    flag: 'drain-timeout',
    env: 'TUKAR_DRAIN_TIMEOUT_MS',
    min: 1,
    help: 'ms shutdown waits for in-flight requests (a 2nd signal: 1 s)',
  },
};

const RATE_SETTINGS = {
  requestsPerSecond: {
    flag: 'rate-limit',
    env: 'TUKAR_RATE_LIMIT',
    min: 0,
    help: 'requests per second per client (0: no limit)',
  },
  burst: {
    flag: 'rate-burst',
    env: 'TUKAR_RATE_BURST',
    min: 1,
    help: 'requests a client may send at once above the rate',
  },
} satisfies Record<Exclude<keyof RateLimit, 'store'>, NumberSetting>;

const DEFAULTS: Record<string, number> = {
  ...DEFAULT_SERVER_LIMITS,
  requestsPerSecond: DEFAULT_RATE_LIMIT.requestsPerSecond,
  burst: DEFAULT_RATE_LIMIT.burst,
};

const line = (left: string, right: string) => `  ${left.padEnd(27)}${right}`;

/** The `tukar-hub --help` text. */
export const HUB_HELP = `tukar-hub: the Tukar exchange hub (SOP steps 5-6)

Usage: tukar-hub [--port N] [--host ADDRESS] [--store STORE] [--trust-proxy] [--signing-key-file FILE] [limits]

Options:
${line('--port N', 'port to listen on (default: $PORT or 8787; 0 picks a free one)')}
${line('--host ADDRESS', 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)')}
${line('--store STORE', 'memory | sqlite:<file> | postgres://… (default: $TUKAR_STORE or sqlite:./.tukar/hub.db)')}
${line('--trust-proxy', 'believe X-Forwarded-Proto/-Host of the reverse proxy in front of the hub (Secure')}
${line('', 'dashboard cookies behind a TLS proxy); only when every client goes through it')}
${line('--signing-key-file FILE', 'the Ed25519 private key that signs receipts (PKCS#8 PEM from')}
${line('', '`openssl genpkey -algorithm ed25519`, or a JWK); default: $TUKAR_SIGNING_KEY, else a')}
${line('', 'key generated on the first start and kept in the store')}
${line('--tsa-url URL', 'an RFC 3161 time-stamping authority that countersigns every audit checkpoint')}
${line('', '(default: none) [TUKAR_TSA_URL]')}
${line('--rate-limit-store STORE', 'where rate-limit buckets are kept, shared by every instance on it:')}
${line('', 'memory (default, this process) | redis://… (needs ioredis) | postgres (the --store')}
${line('', 'database) | postgres://… [TUKAR_RATE_LIMIT_STORE]')}
${line('--metrics-port N', 'serve GET /metrics (Prometheus) on this port of the same host; keep it')}
${line('', 'on the monitoring network (default: off) [TUKAR_METRICS_PORT]')}
${line('--holidays FILE', 'a year of days off as the SKB decree lists them (YAML/JSON: year, source,')}
${line('', 'dates); replaces the shipped SKB 2026 list or the date-holidays library for that year;')}
${line('', 'repeatable [TUKAR_HOLIDAYS, comma-separated]')}
${line('--procedure FILE', 'a procedure definition (SOP) integrations follow (`tukar procedure init`);')}
${line('', 'repeatable, several versions of one procedure too; new integrations take the newest')}
${line('', 'version, the first file is the default; none: the ciamis preset [TUKAR_PROCEDURES]')}
${line('--oidc-issuer URL', 'single sign-on to the dashboard ("Masuk dengan SSO"): the OpenID Connect')}
${line('', "provider's issuer, e.g. https://sso.example.go.id/realms/splp [TUKAR_OIDC_ISSUER]")}
${line('--oidc-client-id ID', "the hub's client id at the provider [TUKAR_OIDC_CLIENT_ID]")}
${line('--oidc-client-secret-file F', 'a file holding the client secret [TUKAR_OIDC_CLIENT_SECRET_FILE]; or the')}
${line('', 'secret itself in TUKAR_OIDC_CLIENT_SECRET (never a flag; never logged)')}
${line('--oidc-redirect-base URL', 'the hub as browsers reach it, e.g. https://tukar.example.go.id; register')}
${line('', '<URL>/dashboard/login/sso/callback at the provider [TUKAR_OIDC_REDIRECT_BASE]')}
${line('--oidc-account-claim NAME', "the ID token claim naming the person's client account (default")}
${line('', "tukar_account); one the provider's administrators set [TUKAR_OIDC_ACCOUNT_CLAIM]")}
${line('--help', 'show this help')}

Limits (flag, or the environment variable in brackets):
${[...Object.entries(LIMIT_SETTINGS), ...Object.entries(RATE_SETTINGS)]
  .map(([name, s]) => line(`--${s.flag} N`, `${s.help} (default ${DEFAULTS[name]}) [${s.env}]`))
  .join('\n')}

Environment:
${line('TUKAR_ADMIN_KEY', "the administrator's API key (tk_…); without it the first start prints a new one once")}
${line('TUKAR_STORE', 'as --store')}
${line('TUKAR_TRUST_PROXY', '1 (or true) as --trust-proxy')}
${line('TUKAR_SIGNING_KEY', 'the signing key itself (PEM or JWK text), when no --signing-key-file is given')}
${line('PORT', 'as --port')}

Logs are JSON lines on stdout. SIGTERM or SIGINT finish in-flight requests, then stop; a second signal
shortens the drain to 1 s. SIGUSR2 toggles maintenance mode for every instance on the store (writes
answer 503 with Retry-After, reads go on; also PUT /v1/meta/maintenance). Probes: GET /v1/health/live
(process up), GET /v1/health/ready (store reachable; 503 with the reason when not).
`;

/**
 * Reads the `tukar-hub` command line and environment; `{ ok: false, message }` names the bad flag or
 * variable and the value it got.
 */
export function parseHubCommand(
  args: string[],
  env: Record<string, string | undefined>,
): { ok: true; command: HubCommand } | { ok: false; message: string } {
  const numberFlags = Object.fromEntries(
    [...Object.values(LIMIT_SETTINGS), ...Object.values(RATE_SETTINGS)].map((s) => [
      s.flag,
      { type: 'string' as const },
    ]),
  );
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        store: { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'signing-key-file': { type: 'string' },
        'tsa-url': { type: 'string' },
        'rate-limit-store': { type: 'string' },
        'metrics-port': { type: 'string' },
        holidays: { type: 'string', multiple: true },
        procedure: { type: 'string', multiple: true },
        ...Object.fromEntries(
          Object.values(OIDC_SETTINGS).map((setting) => [setting.flag, { type: 'string' as const }]),
        ),
        help: { type: 'boolean', short: 'h' },
        ...numberFlags,
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const portText = (values['port'] as string | undefined) ?? (env['PORT'] || undefined) ?? '8787';
  const port = portText.trim() === '' ? Number.NaN : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, message: `--port must be a whole number from 0 to 65535, got "${portText}".` };
  }
  const read = (setting: NumberSetting): number | undefined | string => {
    const fromFlag = values[setting.flag] as string | undefined;
    const text = fromFlag ?? (env[setting.env] || undefined);
    if (text === undefined) return undefined;
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (Number.isInteger(value) && value >= setting.min) return value;
    const where = fromFlag === undefined ? setting.env : `--${setting.flag}`;
    return `${where} must be a whole number ≥ ${setting.min}, got "${text}".`;
  };
  const limits: ServerLimits = {};
  for (const [name, setting] of Object.entries(LIMIT_SETTINGS) as Array<
    [keyof ServerLimits, NumberSetting]
  >) {
    const value = read(setting);
    if (typeof value === 'string') return { ok: false, message: value };
    if (value !== undefined) limits[name] = value;
  }
  try {
    resolveServerLimits(limits);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const rate = read(RATE_SETTINGS.requestsPerSecond);
  const burst = read(RATE_SETTINGS.burst);
  if (typeof rate === 'string') return { ok: false, message: rate };
  if (typeof burst === 'string') return { ok: false, message: burst };
  const metricsFlag = values['metrics-port'] as string | undefined;
  const metricsText = metricsFlag ?? (env['TUKAR_METRICS_PORT'] || undefined);
  const metricsPort =
    metricsText === undefined || metricsText.trim() === '' ? undefined : Number(metricsText);
  if (
    metricsText !== undefined &&
    (metricsPort === undefined || !Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)
  ) {
    const where = metricsFlag === undefined ? 'TUKAR_METRICS_PORT' : '--metrics-port';
    return { ok: false, message: `${where} must be a whole number from 0 to 65535, got "${metricsText}".` };
  }
  const store = (values['store'] as string | undefined) ?? env['TUKAR_STORE'] ?? 'sqlite:./.tukar/hub.db';
  const limitStoreFlag = values['rate-limit-store'] as string | undefined;
  const limitStoreText = limitStoreFlag ?? (env['TUKAR_RATE_LIMIT_STORE'] || undefined) ?? 'memory';
  let limitStore = limitStoreText;
  if (limitStoreText === 'postgres') {
    if (!/^postgres(ql)?:\/\//.test(store)) {
      const where = limitStoreFlag === undefined ? 'TUKAR_RATE_LIMIT_STORE' : '--rate-limit-store';
      return {
        ok: false,
        message: `${where} "postgres" needs a postgres:// --store; the store is "${store.split(':')[0]}:…".`,
      };
    }
    limitStore = store;
  } else if (!/^(memory$|rediss?:\/\/|postgres(ql)?:\/\/)/.test(limitStoreText)) {
    const where = limitStoreFlag === undefined ? 'TUKAR_RATE_LIMIT_STORE' : '--rate-limit-store';
    return {
      ok: false,
      message: `${where} must be memory, redis://…, postgres or postgres://…, got "${limitStoreText.replace(/\/\/[^@/]*@/, '//***@')}".`,
    };
  }
  const oidc = parseOidc(values, env);
  if (!oidc.ok) return oidc;
  const timestampUrl = (values['tsa-url'] as string | undefined) ?? (env['TUKAR_TSA_URL'] || undefined);
  if (timestampUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(timestampUrl)) {
    const where = values['tsa-url'] === undefined ? 'TUKAR_TSA_URL' : '--tsa-url';
    return { ok: false, message: `${where} must be an http:// or https:// URL, got "${timestampUrl}".` };
  }
  const rateLimit: RateLimit | false =
    rate === 0
      ? false
      : {
          requestsPerSecond: rate ?? DEFAULT_RATE_LIMIT.requestsPerSecond,
          burst: burst ?? DEFAULT_RATE_LIMIT.burst,
          ...(limitStore === 'memory' ? {} : { store: limitStore }),
        };
  return {
    ok: true,
    command: {
      help: values['help'] === true,
      port,
      host: values['host'] as string | undefined,
      store,
      trustProxy: values['trust-proxy'] === true || /^(1|true)$/i.test(env['TUKAR_TRUST_PROXY'] ?? ''),
      signingKeyFile: values['signing-key-file'] as string | undefined,
      ...(timestampUrl !== undefined && { timestampUrl }),
      limits,
      rateLimit,
      metricsPort,
      holidayFiles:
        (values['holidays'] as string[] | undefined) ??
        (env['TUKAR_HOLIDAYS'] ?? '')
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
      procedureFiles:
        (values['procedure'] as string[] | undefined) ??
        (env['TUKAR_PROCEDURES'] ?? '')
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
      oidc: oidc.oidc,
    },
  };
}
