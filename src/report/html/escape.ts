// Everything that came from a log passes through here before it reaches markup: user names,
// paths and evidence lines are attacker-controlled (anyone can try to log in as `<script>`).
import { visibleText } from '../../core/text.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

/**
 * Safe in text content and in double- or single-quoted attribute values; controls and invisible
 * formatting characters shown as `\x1b` and `<U+202E>` (a browser would show neither).
 */
export function esc(value: string | number | null | undefined): string {
  return visibleText(String(value ?? ''), true).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Escaped, with `code` spans for backticked words (remediation steps quote chart values). */
export function escWithCode(value: string): string {
  return esc(value).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Keeps one absurd log line from dominating the page; the JSON report keeps the whole text. */
export function clip(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** 7200 → `7200 s (2 h)`; the raw number stays visible so it can be compared to chart values. */
export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'min']];
  for (const [size, unit] of units) {
    if (value >= size && value % size === 0) return `${value} s (${value / size} ${unit})`;
  }
  if (value >= 3600) return `${value} s (${(value / 3600).toFixed(1)} h)`;
  return `${value} s`;
}
