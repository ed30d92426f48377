// How wide the text the CLI prints may be: what the user set (COLUMNS), else the terminal's own
// width, else 80 (a pipe, a file, a CI log: the width tickets and mail are read at).
const DEFAULT_WIDTH = 80;

export function terminalWidth(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean; columns?: number } = process.stdout): number {
  const set = Number(env.COLUMNS);
  if (Number.isInteger(set) && set >= 20) return set;
  if (stdout.isTTY === true && stdout.columns !== undefined && stdout.columns >= 20) return stdout.columns;
  return DEFAULT_WIDTH;
}
