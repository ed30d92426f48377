// The one Markdown escaper: what it is given comes back as the same text once rendered, with no
// markup of its own, in a paragraph and in a table cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { mdCode, mdEscape, mdFence } from '../../src/report/markdown-escape.js';

const HOSTILE = ['*bob*', '_x_', '`code`', '[a](http://e)', '![i](x.png)', '<img src=x onerror=alert(1)>', 'a|b', '# h', '~~s~~', 'back\\slash', '&amp;', 'two\nlines', 'https://evil.example/x', 'www.evil.example'];

const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

test('escaped text renders as itself: no emphasis, code, link, image, HTML or heading', () => {
  for (const s of HOSTILE) {
    const html = marked.parse(mdEscape(s), { async: false }).trim();
    assert.equal(html, `<p>${html.slice(3, -4)}</p>`, `${s} → ${html}`);
    assert.equal(decode(html.slice(3, -4)), s.replace('\n', ' '), `${s} → ${html}`);
  }
});

test('escaped text stays in its table cell', () => {
  const md = `| a | b |\n|---|---|\n| ${HOSTILE.map(mdEscape).join(' ')} | end |\n`;
  const html = marked.parse(md, { async: false });
  assert.equal((html.match(/<td>/g) ?? []).length, 2, html);
});

test('a code span and a fence cannot be closed by the text inside', () => {
  assert.equal(marked.parseInline(mdCode('a `b` c'), { async: false }), '<code>a `b` c</code>');
  const fenced = marked.parse(`${mdFence(['x', '```', 'y'])}\n\nafter`, { async: false });
  assert.match(fenced, /<code class="language-text">x\n```\ny\n<\/code><\/pre>\n<p>after<\/p>/);
});
