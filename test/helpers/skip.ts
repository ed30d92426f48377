// Skips for what a developer's machine may lack. CI installs all of it (.ci/run), so there a
// missing piece must fail the run: a suite that silently skips would pass without testing.

/** The skip reason when `what` is missing, or false: the test runs (and fails if it is missing in CI). */
export function skipUnless(present: boolean, what: string): string | false {
  if (present || process.env.CI) return false;
  return `${what} not installed: skipping (in CI this is a failure)`;
}
