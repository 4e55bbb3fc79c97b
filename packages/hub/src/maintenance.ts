import type { components } from '@tukar/spec';
import type { Store } from './store';

type Maintenance = components['schemas']['Maintenance'];
type MaintenanceSettings = components['schemas']['MaintenanceSettings'];

/** The store setting that holds maintenance mode (JSON of {@link Maintenance}); absent when off. */
const SETTING = 'maintenance';
/** How long an instance trusts what it last read: another instance's switch is seen within this (ms). */
export const MAINTENANCE_CACHE_MS = 1_000;
/** `Retry-After` of writes refused during maintenance, unless the switch gives another. */
const DEFAULT_RETRY_AFTER_SECONDS = 300;

const OFF: Maintenance = {
  enabled: false,
  reason: null,
  since: null,
  by: null,
  retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
};

/**
 * Maintenance mode, shared by every instance on one store (a store setting): while it is on, writes
 * answer 503 `maintenance` and reads go on. An instance reads the setting at most once per
 * {@link MAINTENANCE_CACHE_MS}; the instance that switches sees its own switch at once.
 */
export class MaintenanceSwitch {
  #cached: { state: Maintenance; until: number } | undefined;

  /** @param cacheMs how long a read is trusted (0: read the store every time, as a metrics scrape does). */
  constructor(
    private readonly store: Pick<Store, 'readSetting' | 'writeSetting'>,
    private readonly cacheMs = MAINTENANCE_CACHE_MS,
  ) {}

  /** The state now (from the cache when it is fresh). A store failure rejects and is not cached. */
  async current(): Promise<Maintenance> {
    const now = Date.now();
    if (this.#cached && this.#cached.until > now) return this.#cached.state;
    const stored = await this.store.readSetting(SETTING);
    const state = stored === undefined ? OFF : (JSON.parse(stored) as Maintenance);
    this.#cached = { state, until: now + this.cacheMs };
    return state;
  }

  /** Turns maintenance on or off for every instance; `by` is the admin client, or `signal`. */
  async set(settings: MaintenanceSettings, by: string, at: Date): Promise<Maintenance> {
    const state: Maintenance = settings.enabled
      ? {
          enabled: true,
          reason: settings.reason ?? null,
          since: at.toISOString(),
          by,
          retryAfterSeconds: settings.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
        }
      : OFF;
    await this.store.writeSetting(SETTING, state.enabled ? JSON.stringify(state) : undefined);
    this.#cached = { state, until: Date.now() + this.cacheMs };
    return state;
  }
}
