// What kubectl, docker compose and stern print about the log rather than from it.
import type { Artifact } from './types.js';

const NOTICE = /^(?:[+-] [a-z0-9][\w.-]* › [a-z0-9][\w.-]*$|Defaulted container "[^"]+" out of: |Found \d+ pods, using pod\/|Error from server \(|Unable to use a TTY|If you don't see a command prompt|Attaching to [a-z0-9][\w.-]*(?:, [a-z0-9][\w.-]*)*$|(?:Starting|Creating|Recreating|Stopping) [a-z0-9][\w.-]*(?: \.\.\. \w+)?$)/;

export const toolNotice: Artifact = {
  id: 'tool-notice',
  title: "kubectl's, docker compose's and stern's own notices (Defaulted container …, Attaching to hub, + pod › container)",
  test: (text) => NOTICE.test(text),
  samples: ['Defaulted container "notebook" out of: notebook, volume-mount-ownership-fix (init)', 'Attaching to jupyterhub', 'Starting jupyterhub', 'Creating jupyterhub_db_1 ... done', '+ hub-6f9c7d8b5-k2lqz › hub'],
};
