// The yardstick `npm run bench` holds analyze against: the simplest script anyone would write for
// the question, readline and one regular expression per line, counting the refused requests. It
// understands nothing (no envelopes, no users, no culler), so analyze should beat it by doing less
// per line, not by skipping lines. Usage: node dist/bench/naive.js FILE
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const REFUSED = /\] 403 (GET|POST|PUT|PATCH|DELETE) (\S+)/;

async function main(path: string): Promise<void> {
  let refused = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (REFUSED.test(line)) refused++;
  console.log(refused);
}

const [path] = process.argv.slice(2);
if (!path) {
  console.error('usage: node dist/bench/naive.js FILE');
  process.exit(2);
}
await main(path);
