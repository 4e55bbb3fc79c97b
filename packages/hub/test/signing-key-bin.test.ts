// `tukar-hub --signing-key-file` and `TUKAR_SIGNING_KEY`: the configured key signs and is published,
// and its private part appears nowhere in the output.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/index';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  output: () => string;
  exit: Promise<number | null>;
  listening: Promise<{ url: string; kid: string }>;
}

function start(args: string[], env: Record<string, string>): Started {
  const dir = mkdtempSync(join(tmpdir(), 'tukar-bin-key-'));
  dirs.push(dir);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', bin, '--port', '0', '--store', `sqlite:${join(dir, 'hub.db')}`, ...args],
    { env: { ...process.env, TUKAR_ADMIN_KEY: generateApiKey(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<{ url: string; kid: string }>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (\S+) \(store: sqlite; receipts signed by key ([\w-]+)\)/.exec(output);
      if (found) resolve({ url: found[1] as string, kid: found[2] as string });
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exit.then((code) => reject(new Error(`tukar-hub exited ${code}: ${output}`)));
  });
  return { output: () => output, exit, listening };
}

function ed25519Pem(): { pem: string; kid: Promise<string> } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  return {
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    kid: calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }),
  };
}

describe('tukar-hub signing key', () => {
  it('signs with the key of --signing-key-file, publishes it, and never prints it', async () => {
    const { pem, kid } = ed25519Pem();
    const keyDir = mkdtempSync(join(tmpdir(), 'tukar-key-'));
    dirs.push(keyDir);
    writeFileSync(join(keyDir, 'hub-signing.pem'), pem);
    const hub = start(['--signing-key-file', join(keyDir, 'hub-signing.pem')], {});
    const { url, kid: shown } = await hub.listening;
    expect(shown).toBe(await kid);
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual([await kid]);
    const secretLine = pem.split('\n')[1] as string;
    expect(hub.output()).not.toContain(secretLine);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  }, 30_000);

  it('takes the key from TUKAR_SIGNING_KEY, and stops with exit 2 naming a missing key file', async () => {
    const { pem, kid } = ed25519Pem();
    const fromEnv = start([], { TUKAR_SIGNING_KEY: pem });
    expect((await fromEnv.listening).kid).toBe(await kid);

    const missing = start(['--signing-key-file', '/nonexistent/hub-signing.pem'], {});
    await expect(missing.listening).rejects.toThrow(/exited 2/);
    expect(missing.output()).toContain(
      'cannot read --signing-key-file /nonexistent/hub-signing.pem: not found',
    );
  }, 30_000);
});
