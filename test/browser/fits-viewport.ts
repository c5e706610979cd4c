import type { Page } from 'playwright-core';

/** A viewport a bench screen must fit whole: the packing-table laptops stations are set up on. */
export interface ScreenSize {
  width: number;
  height: number;
}

export const SMALL_SCREENS: readonly ScreenSize[] = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

/** Why an element a clerk must see is not fully on screen; empty when it is. */
export interface Unseen {
  what: string;
  why: string;
}

/**
 * Every element matching `selector` (named by its `data-key`, or its text) that is not wholly
 * on screen: outside the viewport, cut by an ancestor that clips its overflow (a scrolled-away key
 * row) or inside a region that scrolls, wider than its own box, or covered by another element at its centre. Run in the page as a
 * string: this file is type-checked without the DOM library.
 */
export async function unseen(
  page: Page,
  selector: string,
  options: { mayScroll?: boolean } = {},
): Promise<Unseen[]> {
  const script = `(() => {
    const selector = ${JSON.stringify(selector)};
    const mayScroll = ${options.mayScroll === true};
    const out = [];
    const els = Array.from(document.querySelectorAll(selector));
    if (els.length === 0) return [{ what: selector, why: 'nothing on screen matches' }];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    for (const el of els) {
      const what = el.getAttribute('data-key') || (el.textContent || '').trim().slice(0, 40) || selector;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) { out.push({ what, why: 'no size' }); continue; }
      // A pixel of rounding (client sizes are whole pixels, boxes are not) is not a cut a clerk can see.
      const e = 1;
      if (r.left < -e || r.top < -e || r.right > vw + e || r.bottom > vh + e) {
        out.push({ what, why: 'outside the ' + vw + 'x' + vh + ' viewport: ' + JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round)) });
        continue;
      }
      if (el.scrollWidth > el.clientWidth + 1) {
        out.push({ what, why: 'its text is wider than its box (' + el.scrollWidth + ' > ' + el.clientWidth + ')' });
        continue;
      }
      let clipped = null;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        // Overflow clips at the padding box: inside the borders.
        const b = a.getBoundingClientRect();
        const c = { left: b.left + a.clientLeft, top: b.top + a.clientTop };
        c.right = c.left + a.clientWidth;
        c.bottom = c.top + a.clientHeight;
        const name = String(a.className || a.tagName);
        if (r.left < c.left - e || r.top < c.top - e || r.right > c.right + e || r.bottom > c.bottom + e) {
          clipped = name + ' clips it';
          break;
        }
        // In a region that scrolls, one more line above it and the key is gone: it must not be there.
        if (!mayScroll && (a.scrollHeight > a.clientHeight + 1 || a.scrollWidth > a.clientWidth + 1)) {
          clipped = name + ' scrolls around it (' + a.scrollHeight + ' > ' + a.clientHeight + ')';
          break;
        }
      }
      if (clipped) { out.push({ what, why: clipped }); continue; }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === el || el.contains(hit))) {
        out.push({ what, why: 'covered by ' + (hit ? (hit.className || hit.tagName) : 'nothing') });
      }
    }
    return out;
  })()`;
  return page.evaluate<Unseen[]>(script);
}
