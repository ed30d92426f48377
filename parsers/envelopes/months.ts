// Month abbreviations as `journalctl` and syslog daemons print them under the host's locale (glibc's
// abmon, LC_TIME), matched without case and with or without a trailing dot. No abbreviation means
// two different months in two of these languages, so the language need not be known.
const NAMES: ReadonlyArray<readonly string[]> = [
  ['jan', 'janv', 'ene', 'gen', 'jän'],
  ['feb', 'févr', 'fevr', 'fév', 'fev'],
  ['mar', 'mars', 'mär', 'mrt', 'maa'],
  ['apr', 'avr', 'avril', 'abr'],
  ['may', 'mai', 'mag', 'mei'],
  ['jun', 'juin', 'giu'],
  ['jul', 'juil', 'lug'],
  ['aug', 'août', 'aout', 'ago'],
  ['sep', 'sept', 'set'],
  ['oct', 'okt', 'ott', 'out'],
  ['nov'],
  ['dec', 'déc', 'dez', 'dic'],
];

const MONTHS = new Map<string, number>(NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));

/** The month (1-12) a syslog line starts with, and where the day begins; null when it starts otherwise. */
export function monthAt(line: string): { month: number; next: number } | null {
  let end = 0;
  while (end < 6 && isLetter(line.charCodeAt(end))) end++;
  if (end < 3) return null;
  const month = MONTHS.get(line.slice(0, end).toLowerCase());
  if (month === undefined) return null;
  const dot = line.charCodeAt(end) === 46 ? 1 : 0;
  return line.charCodeAt(end + dot) === 32 ? { month, next: end + dot + 1 } : null;
}

// ASCII letters and the accented ones of the abbreviations above (é, ä, û…).
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xff);
