import { API_KEY_PATTERN, generateApiKey, hashApiKey } from './api-key';
import { newId } from './crypto-helpers';
import type { HubOptions } from './hub-options';
import type { HubCore } from './request-context';

/**
 * Makes sure the hub has an administrator: registers the configured admin key (creating the admin
 * client if needed), or, for a store without any admin, makes a key and hands it to `onAdminKeyCreated`.
 */
export async function ensureAdmin(core: HubCore, options: HubOptions, adminClientId: string): Promise<void> {
  const { store } = core;
  const at = core.now().toISOString();
  if (options.adminKey !== undefined && !API_KEY_PATTERN.test(options.adminKey)) {
    throw new Error(
      'The admin key must be "tk_" followed by 43 base64url characters (A-Z a-z 0-9 _ -); make one with `node -e "console.log(require(\'@tukar/hub\').generateApiKey())"` or leave it unset to get one printed on first start.',
    );
  }
  const hasAdmin = (await store.listClients()).some((c) => c.role === 'admin');
  if (!(await store.getClient(adminClientId))) {
    if (hasAdmin && options.adminKey === undefined) return;
    await store.createClient({
      id: adminClientId,
      name: 'Administrator hub',
      opd: 'Diskominfo',
      role: 'admin',
      createdAt: at,
      disabled: false,
    });
  }
  const key = options.adminKey ?? (hasAdmin ? undefined : generateApiKey());
  if (key === undefined) return;
  const hash = hashApiKey(key);
  if (await store.getApiKeyByHash(hash)) return;
  await store.createApiKey({
    keyId: newId('key'),
    clientId: adminClientId,
    prefix: key.slice(0, 8),
    hash,
    label: options.adminKey === undefined ? 'first start' : 'from configuration',
    createdAt: at,
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: null,
  });
  if (options.adminKey === undefined) options.onAdminKeyCreated?.(key, adminClientId);
}
