import type { HubReport, Report, Reporter, UserStory } from '../core/model/report.js';
import { jsonVisible } from './json-text.js';

// JSON stays in UTC whatever --tz says: it is the machine contract (schema/report-v1.schema.json).
export const renderJson: Reporter = (report) => [...jsonChunks(report)].join('');

/**
 * The report as indented JSON, a piece at a time: a report of a big archive holds tens of thousands
 * of denials, and one string of it would double the memory. Denials are written one per line
 * (`grep bob report.json` finds them, and there are many of them); everything else is indented
 * as JSON.stringify(value, null, 2) would.
 */
export function* jsonChunks(report: Report): Generator<string> {
  for (const chunk of rawChunks(report)) yield jsonVisible(chunk);
}

function* rawChunks(report: Report | HubReport, pad = ''): Generator<string> {
  const entries: Array<[string, unknown]> = Object.entries(report).filter(([, v]) => v !== undefined);
  const inner = pad + '  ';
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i];
    const comma = i < entries.length - 1 ? ',' : '';
    if (key === 'denials' && report.denials.length > 0) {
      yield `${inner}"denials": [\n`;
      const d = report.denials;
      const n = d.length;
      if (d.jsonAt) {
        for (let j = 0; j < n; j++) yield inner + '  ' + d.jsonAt(j) + (j < n - 1 ? ',\n' : '\n');
      } else {
        let j = 0;
        for (const item of d) yield inner + '  ' + JSON.stringify(item) + (++j < n ? ',\n' : '\n');
      }
      yield `${inner}]${comma}\n`;
    } else if (key === 'hubs' && Array.isArray(value)) {
      // Each hub's section is written as the report is: its denials one per line too.
      yield `${inner}"hubs": [\n`;
      for (let j = 0; j < value.length; j++) {
        yield inner + '  ';
        yield* rawChunks(value[j] as HubReport, inner + '  ');
        if (j < value.length - 1) yield ',\n';
        else yield '\n';
      }
      yield `${inner}]${comma}\n`;
    } else if (key === 'users' && Array.isArray(value) && value.length > 0) {
      // A story has a step per login, spawn and stop: one line each, as denials.
      yield `${inner}"users": [\n`;
      const users = value as UserStory[];
      for (let j = 0; j < users.length; j++) {
        const u = users[j];
        // One chunk per user: a story of thousands of steps is still one write.
        const steps = u.story.map((s) => `${inner}      ${JSON.stringify(s)}`).join(',\n');
        yield `${inner}  {\n${inner}    "user": ${JSON.stringify(u.user)},\n${inner}    "story": [${steps ? `\n${steps}\n${inner}    ` : ''}]\n${inner}  }${j < users.length - 1 ? ',\n' : '\n'}`;
      }
      yield `${inner}]${comma}\n`;
    } else if (Array.isArray(value) && value.length > 0) {
      yield `${inner}${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j++) {
        yield inner + '  ' + indent(JSON.stringify(value[j] ?? null, null, 2), inner + '  ') + (j < value.length - 1 ? ',\n' : '\n');
      }
      yield `${inner}]${comma}\n`;
    } else {
      yield `${inner}${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), inner)}${comma}\n`;
    }
  }
  yield pad === '' ? '}\n' : `${pad}}`;
}

function indent(json: string, pad: string): string {
  return json.indexOf('\n') < 0 ? json : json.replace(/\n/g, '\n' + pad);
}
