/**
 * Runs the CLI from the TypeScript sources (`node --import tsx src/cli/entry.ts …`):
 * what `bin/oompah.js` does with the build, for tests and development.
 */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
