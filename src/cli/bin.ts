// Entry point for `tsx src/cli/bin.ts` (npm scripts); the published bin is bin/archmap.js.
import { main } from './main.js';

process.exitCode = await main(process.argv);
