#!/usr/bin/env node
// Part of `@tukar/cli`'s build: copies the guides (docs/guide, English and Bahasa Indonesia) into the
// package, so that `npm install @tukar/cli` brings them (node_modules/@tukar/cli/docs/guide/). The copy
// is not committed (.gitignore); `files` in the package.json ships it.
import { cpSync, rmSync } from 'node:fs';

const from = new URL('../docs/guide/', import.meta.url);
const to = new URL('../packages/cli/docs/guide/', import.meta.url);
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
