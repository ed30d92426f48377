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
