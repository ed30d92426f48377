// Docker json-file (dockershim clusters): `{"log": "<line>\n", "stream": …, "time": …}`. A long line
// is split into several objects; only the last one ends with `\n`.
import type { JsonExport } from '../types.js';
import { body, str, time } from './fields.js';

export const dockerJson: JsonExport = {
  id: 'docker-json',
  title: 'Docker json-file',
  unwrap(o) {
    if (typeof o.log !== 'string' || !('time' in o || 'stream' in o)) return null;
    const b = body(o.log);
    return { envelope: 'docker-json', text: b.text, t: time(o.time), stream: str(o.stream), partial: !b.complete };
  },
  samples: [{
    line: '{"log":"[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User \'alice\' not allowed.\\n","stream":"stderr","time":"2025-05-14T13:40:02.118734512Z"}',
    envelope: 'docker-json', text: "[W 2025-05-14 13:40:02.118 JupyterHub auth:534] User 'alice' not allowed.", t: '2025-05-14T13:40:02.118Z',
  }],
};
