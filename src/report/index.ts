// One map of reporters, all with the same signature.
import type { Reporter } from '../core/model/report.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import { renderJson } from './json.js';
import { renderHtml } from './html.js';

export const REPORTERS = { text: renderText, markdown: renderMarkdown, json: renderJson, html: renderHtml } satisfies Record<string, Reporter>;
export type ReportFormat = keyof typeof REPORTERS;
