// The published builds, not the sources: the CommonJS and ESM entries each make a working client.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cjs = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));
const esm = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const built = existsSync(cjs) && existsSync(esm);

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok', version: '0.0.0', store: 'memory', time: '2026-11-22T00:00:00Z' }));
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs an ES module script in a fresh Node (asynchronously: the server above keeps answering). */
function runModule(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!built)('the built @tukar/client (needs `pnpm build`)', () => {
  it.each([
    [
      'CommonJS',
      `const { createHubClient } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(cjs)});`,
    ],
    ['ESM', `const { createHubClient } = await import(${JSON.stringify(esm)});`],
  ])('the %s entry makes a client that answers a request', async (_name, load) => {
    const result = await runModule(
      `${load}\nconst hub = createHubClient({ baseUrl: ${JSON.stringify(baseUrl)}, apiKey: 'tk_x' });\nconst { data } = await hub.GET('/v1/health');\nconsole.log(data.status);`,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ok');
    expect(result.code).toBe(0);
  });
});
