import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { PactError } from './pact-error';

/** The options of the Pact core verifier (`@pact-foundation/pact-core` `verifyPacts`) this package uses. */
export interface CoreVerifierOptions {
  providerBaseUrl: string;
  provider: string;
  pactUrls?: string[];
  pactBrokerUrl?: string;
  pactBrokerToken?: string;
  pactBrokerUsername?: string;
  pactBrokerPassword?: string;
  consumerVersionSelectors?: Array<Record<string, unknown>>;
  enablePending?: boolean;
  includeWipPactsSince?: string;
  publishVerificationResult?: boolean;
  providerVersion?: string;
  providerVersionBranch?: string;
  buildUrl?: string;
  providerStatesSetupUrl?: string;
  providerStatesSetupTeardown?: boolean;
  providerStatesSetupBody?: boolean;
  customProviderHeaders?: Record<string, string>;
  logLevel: string;
  timeout?: number;
  failIfNoPactsFound?: boolean;
}

/** The JSON the Pact core writes after a verification. */
export interface CoreVerifierJson {
  result: boolean;
  errors?: Array<{ interaction?: string; mismatch?: CoreMismatchGroup }>;
  pendingErrors?: Array<{ interaction?: string; mismatch?: CoreMismatchGroup }>;
  interactionResults?: Array<{
    description?: string;
    duration?: string;
    interactionKey?: string;
    result?: string;
    pending?: boolean;
  }>;
  notices?: Array<Record<string, unknown>>;
  output?: string[];
}

/** One interaction's problems as the Pact core reports them. */
export interface CoreMismatchGroup {
  type?: string;
  message?: string;
  mismatches?: Array<{
    type?: string;
    path?: string;
    mismatch?: string;
    expected?: unknown;
    actual?: unknown;
  }>;
  interactionId?: string;
}

/** What one run of the core verifier gave. */
export interface CoreVerifierRun {
  /** The parsed result, or undefined when the verifier could not run. */
  json: CoreVerifierJson | undefined;
  /** Why it could not run (set when `json` is undefined). */
  failure: string | undefined;
  /** Everything the verifier printed (its own report and logs), ANSI colours removed. */
  output: string;
}

// Runs in a child `node -e`: the Pact core prints its report straight to the process's stdout from native
// code, so a child keeps it off the caller's terminal and lets us hand it over as text instead.
const CHILD_SOURCE = `
const core = require(process.argv[1]).default;
process.once('message', (options) => {
  const done = (message) => process.send(message, () => process.exit(0));
  Promise.resolve().then(() => core.verifyPacts(options)).then(
    (json) => done({ json: String(json) }),
    (error) => done({ error: String((error && error.message) || error) }),
  );
});
`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing ANSI colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

let corePath: string | undefined;

function resolveCore(): string {
  corePath ??= createRequire(import.meta.url).resolve('@pact-foundation/pact-core');
  return corePath;
}

/**
 * Runs the Pact core verifier in a child process and resolves with its JSON result and printed output.
 * Never rejects for a failed verification; rejects with {@link PactError} only when the child cannot start.
 *
 * @example
 * ```ts
 * const run = await runCoreVerifier({ providerBaseUrl: 'http://127.0.0.1:8090', provider: 'p', pactUrls: ['pacts/c-p.json'], logLevel: 'error' });
 * if (run.json?.result) console.log('verified');
 * ```
 */
export function runCoreVerifier(options: CoreVerifierOptions, timeoutMs = 300_000): Promise<CoreVerifierRun> {
  // Only what the child needs: the Pact core also reads PACT_BROKER_* from the environment, which must
  // not change a verification the caller configured explicitly.
  const env: NodeJS.ProcessEnv = {};
  const keep = [
    'PATH',
    'HOME',
    'TMPDIR',
    'TEMP',
    'TMP',
    'SYSTEMROOT',
    'LANG',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
  ];
  for (const proxy of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY']) keep.push(proxy, proxy.toLowerCase());
  for (const name of keep) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  const child = spawn(process.execPath, ['-e', CHILD_SOURCE, resolveCore()], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env,
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    output += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    output += text;
  });
  return new Promise<CoreVerifierRun>((resolve, reject) => {
    let settled = false;
    let message: { json?: string; error?: string } | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(undefined, `the Pact verifier did not finish within ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    const finish = (json: CoreVerifierJson | undefined, failure: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ json, failure, output: output.replace(ANSI, '') });
    };
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(
        new PactError('verifier_failed', `the Pact verifier could not start: ${error.message}`, {
          cause: error,
        }),
      );
    });
    child.on('message', (received) => {
      message = received as typeof message;
    });
    child.once('exit', (code, signal) => {
      if (!message) {
        finish(undefined, `the Pact verifier stopped (${signal ?? `exit code ${code}`}) without a result`);
        return;
      }
      const text = message.json ?? message.error ?? '';
      const json = parseJson(text);
      if (json) finish(json, undefined);
      else finish(undefined, text.replace(ANSI, '').trim() || 'the Pact verifier failed without a message');
    });
    child.send(options);
  });
}

function parseJson(text: string): CoreVerifierJson | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as CoreVerifierJson;
    return typeof parsed === 'object' && parsed !== null && 'result' in parsed ? parsed : undefined;
  } catch {
    return undefined;
  }
}
