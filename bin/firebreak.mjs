#!/usr/bin/env node
// The `firebreak` CLI: runs host/cli/main.ts through tsx (the project ships TypeScript sources).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../host/cli/main.ts');
process.exit(await main(process.argv.slice(2)));
