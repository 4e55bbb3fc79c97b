import hubPackage from '../package.json' with { type: 'json' };

/** The version of `@tukar/hub` (its package.json), reported by `GET /v1/health` unless configured. */
export const HUB_VERSION: string = hubPackage.version;
