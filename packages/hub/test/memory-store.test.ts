import { createMemoryStore } from '../src/memory-store';
import { describeStoreConformance } from './store-conformance';

describeStoreConformance('memory store', async () => createMemoryStore());
