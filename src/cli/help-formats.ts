// `hubsleuth help formats`, built from the registries so it always says what the parsers read.
import { ENVELOPES } from '../../parsers/envelopes/index.js';
import { SHAPES } from '../../parsers/shapes/index.js';
import { DOCUMENT_EXPORTS } from '../../parsers/envelopes/documents/index.js';
import { ARTIFACTS } from '../../parsers/artifacts/index.js';
import { PLACED_ARTIFACTS } from '../../parsers/assembly/paste-context.js';
import { wrap } from '../report/fit.js';

const WIDTH = 80;

/** `head` then `text`, wrapped at word boundaries; continuation lines start with `indent` spaces. */
function item(head: string, text: string, indent = 6): string {
  const lead = /^ */.exec(head)?.[0] ?? '';
  return wrap(`${head.trim()} ${text}`, WIDTH, lead, ' '.repeat(indent)).join('\n');
}

export function formatsHelp(): string {
  const envelopes = ENVELOPES.map((e) => item(`  ${e.ids.join(', ')}:`, e.title)).join('\n');
  const shapes = SHAPES.map((s) => item(`  ${s.ids.join(', ')}:`, `${s.title}. ${s.versions}.`)).join('\n');
  const artifacts = [...ARTIFACTS, ...PLACED_ARTIFACTS].map((a) => item(`  ${a.id}:`, a.title)).join('\n');
  return `What hubsleuth reads

${item('', 'Inputs: files, directories (read recursively; images, archives, YAML, databases and other files that are never logs are skipped and named in a note), globs, and `-` or a pipe for standard input. Gzip is recognised by its bytes, not its name.', 0)}

Envelopes: how a line was exported (several may be mixed in one input)
${envelopes}
  plain: anything else, as \`kubectl logs\` prints the hub container's output.

Whole-document exports: one JSON document whose records are an array inside it
(read whole, put in time order; each record is then told apart by its keys as
above), or JSON records written one after another (each passed on as it ends)
${DOCUMENT_EXPORTS.map((d) => item(`  ${d.id}:`, d.title)).join('\n')}

Line shapes, inside the envelope
${shapes}
  none: a line of no known shape (hubsleuth events prints it as "unparsed").
${item('  ', 'Multi-line records (tracebacks, indented continuations) count as one record. Times without a zone are UTC unless --tz says otherwise.', 2)}

Pasted logs
${item('  ', 'A log pasted into an issue, a chat or a ticket is read through what the paste did to it: a block indented by spaces or a tab (Markdown code blocks and list items), lines broken by a terminal at its width or marked with a trailing backslash (rejoined), blank lines inside a record or after every line, tracebacks that lost their indentation. Syslog stamps take their year from the records around them. The lines before the first record that continue a record not in the paste are one event of kind "fragment". Lines that are no log record are events of kind "paste-artifact":', 2)}
${artifacts}

Versions (as shipped by zero-to-jupyterhub; what the parsers and tests cover)
  z2jh chart   JupyterHub    idle-culler   OAuthenticator
  0.9 – 0.11   1.1 – 1.3     script, 1.0   0.11 – 0.12
  1.x          1.4 – 1.5     1.1           14
  2.0          3.0           1.2.1         15.1     (samples/real/)
  3.x          4.0 – 4.1     1.2.1 – 1.3.1 16       (samples/: chart 3.3.7)
  4.x          5.2 – 5.5     1.4.0         17

${item('', 'Not logs: chart values (use check-config), the hub database (check-db), hubsleuth\'s own JSON (read it with jq). `hubsleuth events <file>` shows how each line was read (kind "unparsed" when not).', 0)}
`;
}
