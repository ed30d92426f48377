import { createRequire } from 'node:module';

// Read from package.json so `--version`, reports and the published package never disagree.
const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
export const VERSION: string = pkg.version;
