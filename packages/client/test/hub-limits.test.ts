import { HUB_LIMITS } from '@tukar/spec';
import { describe, expect, it } from 'vitest';
import * as limits from '../src/hub-limits';

describe("the client's copies of the hub limits", () => {
  it('equal HUB_LIMITS of @tukar/spec', () => {
    expect({ ...limits }).toEqual({
      MAX_BATCH_SIZE: HUB_LIMITS.maxBatchSize,
      MAX_BODY_BYTES: HUB_LIMITS.maxBodyBytes,
      DEFAULT_PAGE_SIZE: HUB_LIMITS.defaultPageSize,
      MAX_PAGE_SIZE: HUB_LIMITS.maxPageSize,
      DEFAULT_CHANGES_LIMIT: HUB_LIMITS.defaultChangesLimit,
      MAX_CHANGES_LIMIT: HUB_LIMITS.maxChangesLimit,
    });
  });
});
