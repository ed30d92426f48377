// Every refusal cause, on two real-shaped excerpts of the gallery (two versions or two traces):
// each output format shows the refusal with its cause, its user, whose line it is and where the
// user comes from, and the cause's remediation. The expected refusal is the fixture's (what is
// true of the log); the remediation is the cause's own words from the registry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { tableAfter } from '../helpers/text-table.js';
import { CAUSES } from '../../src/correlate/causes/index.js';
import type { DenialCause, ReportJson } from '../../src/core/model/report.js';

const FIXTURES = join(ROOT, 'test/gallery/fixtures');

const TWO: Record<DenialCause, [string, string]> = {
  'deleted-by-culler': ['cause-deleted-by-culler-jh300-dummy-200', 'cause-deleted-by-culler-z2jh337-kubectl-ts'],
  'deleted-by-admin': ['cause-deleted-by-admin-ldap202-jh530-403', 'cause-deleted-by-admin-z2jh337-generic'],
  'not-allowed': ['cause-not-allowed-jh521-pam-journalctl', 'cause-not-allowed-oa171-azuread-cri'],
  blocked: ['cause-blocked-jh415-session-survives', 'cause-blocked-oa163-google-hd'],
  'not-in-group': ['cause-not-in-group-github-oa151-jh300', 'cause-not-in-group-ldap132-jh510'],
  'oauth-state': ['cause-oauth-state-oa1607-b64-next-url', 'cause-oauth-state-singleuser-jh08-kubectl'],
  xsrf: ['cause-xsrf-hub-api-jh415', 'cause-xsrf-login-jh530-double-encoded-next'],
  'cross-origin': ['cause-cross-origin-jh100-referer-next', 'cause-cross-origin-z2jh06-nginx-admin'],
  permission: ['cause-permission-admin-page-jh230-cut-prefix', 'cause-permission-culler-error-processing-only'],
  'service-not-allowed': ['cause-service-not-allowed-binder-jh415', 'cause-service-not-allowed-server-repr-grep'],
  'spawn-refused': ['cause-spawn-refused-jh130-behalf', 'cause-spawn-refused-named-server-limit-jh415'],
  'no-user': ['cause-no-user-jh081-whoami-anonymous', 'cause-no-user-jh300-empty-scopes'],
  token: ['cause-token-binder-missing-credentials-jh521', 'cause-token-pod-prefix-escaped-name'],
  'failed-password': ['cause-failed-password-dummy-jh530-403', 'cause-failed-password-ldap202-jh521-200'],
  'proxy-api': ['cause-proxy-api-chp-rejecting-z2jh400', 'cause-proxy-api-compose-chp3-jh092'],
  unknown: ['cause-unknown-grep-403-only-access', 'cause-unknown-jh02-oauth-callback-bare'],
};

interface Expected { line: number; user: string | null; cause: DenialCause; component: string; attributedBy: string | null }

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const htmlText = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
const mdText = (s: string) => s.trim().replace(/\\(.)/g, '$1').replace(/&(?:amp|lt|gt);/g, (e) => ENTITIES[e]);
// Our remediation is Markdown: code spans lose their backticks in HTML.
const plain = (s: string) => s.replace(/`([^`]+)`/g, '$1');

test('the table names two fixtures for every registered cause', () => {
  assert.deepEqual(Object.keys(TWO).sort(), CAUSES.map((c) => c.id).sort());
});

for (const cause of CAUSES) {
  describe(`cause ${cause.id}`, { concurrency: true }, () => {
    for (const id of TWO[cause.id]) {
      test(`${id}: cause, user, component, attributedBy and remediation in json, text, markdown and html`, async () => {
        const fx = JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), 'utf8')) as { refusals: Expected[] };
        const want = fx.refusals.find((r) => r.cause === cause.id);
        assert.ok(want, `${id} has a ${cause.id} refusal`);
        const log = join(FIXTURES, `${id}.log`);
        const [json, text, md, html] = await Promise.all(['json', 'text', 'markdown', 'html'].map((f) => runCli(['analyze', '--format', f, '--exit-zero', '--wide', log])));

        const report = JSON.parse(json.stdout) as ReportJson;
        const d = report.denials.find((x) => x.line === want.line);
        assert.ok(d, `a refusal at line ${want.line}`);
        assert.deepEqual({ cause: d.cause, user: d.user, component: d.component, attributedBy: d.attributedBy },
          { cause: want.cause, user: want.user, component: want.component, attributedBy: want.attributedBy });
        assert.deepEqual(report.causes[cause.id]?.remediation, cause.remediation);

        // text: a row of the refused-request table, then the cause with its steps
        const rows = tableAfter(text.stdout, /^Refused requests /).map((r) => r.slice(1));
        assert.ok(rows.some((r) => r[0] === (d.user ?? '-') && r[2] === cause.id && r[4] === d.component && r[5] === (d.attributedBy ?? '-')),
          `text row for ${d.user}: ${JSON.stringify(rows)}`);
        assert.match(text.stdout, new RegExp(`^${cause.id} \\(\\d+\\): `, 'm'));
        for (const step of cause.remediation) assert.ok(text.stdout.includes(`\n  - ${step}\n`), `text step: ${step}`);

        // markdown: the row cites the line; the causes list carries the steps
        const mdRow = md.stdout.split('\n').find((l) => l.startsWith('| ') && l.endsWith(`:${want.line} |`) && l.includes(` | ${cause.id} | `));
        assert.ok(mdRow, `markdown row for line ${want.line}`);
        const cells = mdRow.split(/(?<!\\)\|/).slice(1, -1).map(mdText);
        assert.deepEqual(cells.slice(1, 2).concat(cells.slice(3, 6)), [d.user ?? '—', cause.id, d.component, d.attributedBy ?? '—']);
        assert.match(md.stdout, new RegExp(`^- \\*\\*${cause.title.replace(/[()]/g, '\\$&')}\\*\\* \\(\`${cause.id}\`, \\d+\\): `, 'm'));
        for (const step of cause.remediation) assert.ok(md.stdout.includes(`\n  - ${step}\n`), `markdown step: ${step}`);

        // html: the denial row, and the cause's block with its steps
        const hRow = [...html.stdout.matchAll(/<tr data-kind="denial-row">(.*?)<\/tr>/g)]
          .map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => htmlText(c[1])))
          .find((c) => c[7].endsWith(`:${want.line}`));
        assert.ok(hRow, `html row for line ${want.line}`);
        assert.deepEqual(hRow.slice(1, 2).concat(hRow.slice(3, 6)), [d.user ?? 'unattributed', cause.id, d.component, d.attributedBy ?? '—']);
        const block = new RegExp(`<div class="cause" data-cause="${cause.id}">(.*?)</div>`).exec(html.stdout);
        assert.ok(block, `html block for ${cause.id}`);
        assert.deepEqual([...block[1].matchAll(/<li>(.*?)<\/li>/g)].map((m) => htmlText(m[1])), cause.remediation.map(plain));
      });
    }
  });
}
