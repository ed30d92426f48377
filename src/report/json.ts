import type { Report, Reporter } from '../core/model/report.js';
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

function* rawChunks(report: Report): Generator<string> {
  const entries: Array<[string, unknown]> = Object.entries(report).filter(([, v]) => v !== undefined);
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i];
    const comma = i < entries.length - 1 ? ',' : '';
    if (key === 'denials' && report.denials.length > 0) {
      yield '  "denials": [\n';
      const d = report.denials;
      const n = d.length;
      if (d.jsonAt) {
        for (let j = 0; j < n; j++) yield '    ' + d.jsonAt(j) + (j < n - 1 ? ',\n' : '\n');
      } else {
        let j = 0;
        for (const item of d) yield '    ' + JSON.stringify(item) + (++j < n ? ',\n' : '\n');
      }
      yield `  ]${comma}\n`;
    } else if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j++) {
        yield '    ' + indent(JSON.stringify(value[j] ?? null, null, 2), '    ') + (j < value.length - 1 ? ',\n' : '\n');
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

function indent(json: string, pad: string): string {
  return json.indexOf('\n') < 0 ? json : json.replace(/\n/g, '\n' + pad);
}
