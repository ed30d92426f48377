// One map of reporters, all with the same signature.
import type { Reporter } from '../core/model/report.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import { renderJson } from './json.js';
import { renderHtml } from './html.js';
import { htmlByHub, markdownByHub, textByHub } from './hubs.js';

// A report of several hubs is one section per hub in every format (JSON writes its `hubs` itself).
export const REPORTERS = {
  text: textByHub(renderText), markdown: markdownByHub(renderMarkdown), json: renderJson, html: htmlByHub(renderHtml),
} satisfies Record<string, Reporter>;
export type ReportFormat = keyof typeof REPORTERS;
