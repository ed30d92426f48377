// The rules and header row of a table a viewer's export or a command printed around the log
// (`|---|---|`, `| timestamp | message |`, kubectl get's `NAME  READY  STATUS`, `LAST SEEN  TYPE  REASON`).
import type { Artifact } from './types.js';

const RULE = /^[\s|+:]*[-=]{3,}[-=\s|+:]*$/;
const HEADER = /^\|(?:\s*[A-Za-z@][\w .@-]*?\s*\|)+\s*$|^[A-Z][A-Z-]+(?: [A-Z-]+)?(?: {2,}[A-Z][A-Z-]+(?: [A-Z-]+)?){2,}\s*$/;

export const table: Artifact = {
  id: 'table',
  title: "table rules and header rows (|---|, | timestamp | message |, kubectl get's NAME READY STATUS)",
  test: (text) => RULE.test(text) || HEADER.test(text),
  samples: ['-------------------------', '|---------------|-----------|', '|   timestamp   |   message   |', 'NAME                               READY     STATUS             RESTARTS   AGE',
    'LAST SEEN   TYPE      REASON             OBJECT              MESSAGE'],
};
