// Measurements of a rendered HTML report, taken inside the page (each function is sent to the
// browser as its source, so it uses nothing from outside itself).
import type { Page } from 'playwright-core';

/** Pairs of visible text boxes (one per line of a text run, SVG text by its box) that overlap. */
export function textOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface Box { l: number; t: number; r: number; b: number; text: string }
    // What a scrolling box hides is not on screen: a box is cut to every such ancestor.
    const clipOf = (el: Element): Omit<Box, 'text'> => {
      let c = { l: -Infinity, t: -Infinity, r: Infinity, b: Infinity };
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const r = a.getBoundingClientRect();
        c = { l: Math.max(c.l, r.left), t: Math.max(c.t, r.top), r: Math.min(c.r, r.right), b: Math.min(c.b, r.bottom) };
      }
      return c;
    };
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('title, desc, style')) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = el instanceof SVGElement ? [el.getBoundingClientRect()] : [...range.getClientRects()];
      const c = clipOf(el);
      for (const r of rects) {
        const b = { l: Math.max(r.left, c.l), t: Math.max(r.top, c.t), r: Math.min(r.right, c.r), b: Math.min(r.bottom, c.b) };
        if (b.r - b.l > 0.5 && b.b - b.t > 0.5) boxes.push({ ...b, text: n.textContent.trim().slice(0, 40) });
      }
    }
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const dx = Math.min(a.r, b.r) - Math.max(a.l, b.l);
        const dy = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        if (dx > 0.5 && dy > 0.5) out.push(`"${a.text}" overlaps "${b.text}" by ${dx.toFixed(1)}×${dy.toFixed(1)} px`);
      }
    }
    if (boxes.length < 50) out.push(`only ${boxes.length} text boxes measured`);
    return out;
  });
}

/**
 * Line breaks between two letters or digits of a word that would have fitted its block (a table's
 * container, for a cell) whole: the break a reader trips over. A longer word may break (it has to).
 */
export function midWordBreaks(page: Page, selector: string): Promise<{ breaks: string[]; checked: number }> {
  return page.evaluate((sel) => {
    const word = /[\p{L}\p{N}]/u;
    const breaks: string[] = [];
    let checked = 0;
    for (const el of document.querySelectorAll(sel)) {
      if (!(el instanceof HTMLElement) || !el.checkVisibility()) continue;
      checked++;
      const lineH = parseFloat(getComputedStyle(el).fontSize);
      if (el.getBoundingClientRect().height < lineH * 2) continue;
      // The room a word has: its block's, or for a table cell the table's container (a cell
      // squeezed narrower than a word is exactly the fault looked for).
      let box: HTMLElement = el.closest('table')?.parentElement ?? el;
      while (getComputedStyle(box).display.startsWith('inline') && box.parentElement) box = box.parentElement;
      const s = getComputedStyle(box);
      const width = box.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        const range = document.createRange();
        let prevTop = NaN;
        for (let i = 0; i < text.length; i++) {
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getClientRects()[0];
          if (!r) continue;
          const broke = r.top - prevTop > lineH / 2;
          prevTop = r.top;
          if (!broke || i === 0 || !word.test(text[i - 1]) || !word.test(text[i])) continue;
          let a = i;
          let b = i;
          while (a > 0 && !/\s/.test(text[a - 1])) a--;
          while (b < text.length && !/\s/.test(text[b])) b++;
          range.setStart(n, a);
          range.setEnd(n, b);
          const wordWidth = [...range.getClientRects()].reduce((w, x) => w + x.width, 0);
          if (wordWidth <= width) breaks.push(`"${text.slice(a, i)}|${text.slice(i, b)}" (${wordWidth.toFixed(0)} px in ${width.toFixed(0)} px)`);
        }
      }
    }
    return { breaks, checked };
  }, selector);
}

/** Whether every grid line and hub-start line of each timeline comes before its first mark (SVG paints in document order). */
export function gridBeforeMarks(page: Page): Promise<Array<{ lines: number; marks: number; late: number }>> {
  return page.$$eval('svg.timeline', (svgs) => svgs.map((svg) => {
    const lines = [...svg.querySelectorAll('.grid line, [data-kind="hub-start"] line')];
    const marks = [...svg.querySelectorAll('[data-kind="deletion"], [data-kind="denial"], [data-kind="restored"], [data-kind="missing"]')];
    const late = lines.filter((l) => marks.some((m) => l.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_PRECEDING)).length;
    return { lines: lines.length, marks: marks.length, late };
  }));
}

/**
 * Each return of access drawn at a hub restart: whether a hub-start line is at its x, and whether
 * its incident's "missing" band ends there rather than running on.
 */
export function restartReturns(page: Page): Promise<Array<{ incident: string; onHubLine: boolean; bandEnds: boolean }>> {
  return page.$$eval('svg.timeline', (svgs) => svgs.flatMap((svg) => {
    const hubXs = [...svg.querySelectorAll('[data-kind="hub-start"] line')].map((l) => Number(l.getAttribute('x1')));
    return [...svg.querySelectorAll('[data-kind="restored"][data-by="restart"]')].map((c) => {
      const x = Number(c.getAttribute('cx'));
      const incident = c.getAttribute('data-incident') ?? '';
      const band = svg.querySelector(`[data-kind="missing"][data-incident="${incident}"]`);
      const end = band ? Number(band.getAttribute('x')) + Number(band.getAttribute('width')) : NaN;
      return { incident, onHubLine: hubXs.some((h) => Math.abs(h - x) <= 0.5), bandEnds: Math.abs(end - x) <= 0.5 };
    });
  }));
}

/** Each report header's figures (label → number), its summary, and the number of refused-request rows in its report. */
export function cardsAndSummaries(page: Page): Promise<Array<{ cards: Record<string, number>; summary: string; rows: number }>> {
  return page.$$eval('header[id$="verdict"]', (headers) => headers.map((h) => {
    const cards: Record<string, number> = {};
    for (const d of h.querySelectorAll('dl.stats > div')) {
      cards[d.querySelector('dt')?.textContent ?? ''] = Number(d.querySelector('dd')?.textContent);
    }
    const scope = h.closest('section.hub') ?? document;
    return { cards, summary: h.querySelector('p.summary')?.textContent ?? '', rows: scope.querySelectorAll('[data-kind="denial-row"]').length };
  }));
}
