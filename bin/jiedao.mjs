#!/usr/bin/env node
// The `jiedao` command: TypeScript sources run through tsx (ARCHITECTURE.md: no build step for the server).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
