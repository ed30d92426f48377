// What a line must contain for the correlator to read it, as regular-expression alternatives.
// `hubsleuth filter` prints them as a grep or LogQL filter, so logs can be cut down where they live
// (`logcli query … | hubsleuth`) and give the same verdict. Each entry names the rule it serves;
// a test runs every sample through the printed grep filter and compares verdicts.

export const PUSHDOWN_NEEDLES: ReadonlyArray<{ re: string; why: string }> = [
  { re: '\\] [45][0-9][0-9] ', why: 'refused and failed requests: access lines and tornado web: lines with 4xx/5xx' },
  { re: 'DELETE ', why: 'user deletions (hub access line)' },
  { re: '201 POST ', why: 'users created through the API' },
  { re: '/login', why: 'form logins (a refused one is a 200 POST /hub/login)' },
  { re: '/oauth_callback', why: 'OAuth logins' },
  { re: '/api/users[ ?]', why: "the culler's cycle (for its cadence)" },
  { re: 'not allowed|not in whitelist|blocked|in blacklist|Disallowing invalid username|unverified email|Login with domain|unauthorized domain|hosted_domain', why: 'login refusals' },
  { re: 'Failed login for |User logged in: |Adding role user for User: ', why: 'login outcomes' },
  { re: 'Culling |Deleting user |Deleting pvc ', why: 'culler decisions and home volume deletions' },
  { re: 'Running JupyterHub version|/values\\.yaml|Received signal|Starting service|Starting managed service|Spawning ', why: 'hub starts, shutdowns and the culler command line' },
];

/** One extended regular expression (grep -E, RE2 and JavaScript agree on this subset). */
export function pushdownRegex(): string {
  return PUSHDOWN_NEEDLES.map((n) => n.re).join('|');
}
