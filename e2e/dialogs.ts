/**
 * What the dialog scenarios share: closing a dialog, drawer or menu each way a person would, and
 * proving that nothing of it stays behind: no dialog, menu or overlay left in the page, nothing
 * lying over the page (the element under the old overlay is the one a click reaches), no
 * `pointer-events: none` on the body, no aria-hidden or inert on the app, the scroll not locked,
 * focus back on what opened it, and the click outside went nowhere else.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** The two screens every dialog is tried on. */
export const SIZES = [
  { name: 'desktop', viewport: { width: 1366, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

/** A way to close: one of its buttons (× or Cancelar), the Escape key, or a click beside it. */
export type CloseWay = Locator | 'escape' | 'outside';

/** One dialog, drawer or menu as a person meets it. */
export interface Layer {
  /** Named in failure messages. */
  name: string;
  /** What a person clicks to open it; focus comes back here. */
  trigger: Locator;
  /** The layer once open (its dialog, alertdialog, menu or listbox). */
  layer: Locator;
  close: CloseWay[];
  /** How to open it when a click on the trigger is not all (a menu inside the phone's menu). */
  open?: () => Promise<void>;
  /** What else to close once it closed (the phone's menu it was opened from). */
  afterClose?: () => Promise<void>;
  /** Where focus goes when it closes, when that is not the trigger. */
  focusReturnsTo?: Locator;
  /**
   * False for a layer that leaves the page usable while open (a select's options, the alerts
   * popover): a click beside it reaches the page, so focus stays where that click went.
   */
  modal?: boolean;
}

/** An element as a failure message shows it: its opening tag, shortened. */
const DESCRIBE = `(el) => el ? el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1).slice(0, 160) : 'nothing'`;

/** What a closed layer left on the page; empty when nothing. */
export function leftovers(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const describe = ${DESCRIBE};
    const found = [];
    for (const el of document.querySelectorAll(
      '[role=dialog],[role=alertdialog],[role=menu],[role=listbox],[data-modal-overlay]',
    ))
      found.push('still on the page: ' + describe(el));
    if (getComputedStyle(document.body).pointerEvents === 'none')
      found.push('body has pointer-events: none');
    for (let el = document.getElementById('root'); el; el = el.parentElement) {
      if (el.getAttribute('aria-hidden') === 'true') found.push(describe(el) + ' is aria-hidden');
      if (el.inert) found.push(describe(el) + ' is inert');
    }
    for (const el of [document.documentElement, document.body])
      if (getComputedStyle(el).overflow === 'hidden')
        found.push(el.tagName.toLowerCase() + ' has overflow: hidden (scroll locked)');
    return found;
  })()`);
}

/** Waits up to `timeoutMs` for the page to hold nothing of a closed layer, else fails naming what is left. */
export async function assertNothingLeft(page: Page, what: string, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  let found = await leftovers(page);
  while (found.length > 0 && Date.now() < deadline) {
    await page.waitForTimeout(50);
    found = await leftovers(page);
  }
  assert.deepEqual(found, [], `${what} left this behind:\n  ${found.join('\n  ')}`);
}

/**
 * Waits for `layer` to have settled, as a person sees it: its entrance animation (a fade and a
 * slide) over. Until then its text is still partly transparent.
 */
export async function settled(layer: Locator) {
  await layer.waitFor({ timeout: 5000 });
  await layer.evaluate((el) =>
    Promise.all(
      el.getAnimations().map((animation: { finished: Promise<unknown> }) => animation.finished),
    ),
  );
}

/** Nothing lies over `target`: the element at its middle is `target` itself (or inside it). */
export async function assertUncovered(target: Locator, what: string) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  assert.ok(box, `${what} is on screen`);
  const cover = await target.evaluate(
    (el, point) => {
      const hit = el.ownerDocument.elementFromPoint(point.x, point.y);
      if (hit && (hit === el || el.contains(hit))) return null;
      return hit ? hit.outerHTML.slice(0, hit.outerHTML.indexOf('>') + 1).slice(0, 160) : 'nothing';
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  assert.equal(cover, null, `${what} is covered by ${cover}`);
}

/**
 * Where a person clicks to dismiss `layer`: a point beside it, as far from it as can be, where the
 * page has nothing that answers a click (with a modal layer that is anywhere on its dim overlay;
 * beside a select's options it is bare page). Null when there is no such point: a finger needs
 * room, since Chrome moves a tap that lands close to the panel onto it.
 */
async function pointBeside(page: Page, layer: Locator, touch: boolean) {
  const box = await layer.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && viewport);
  const margin = touch ? 40 : 8;
  const candidates: { x: number; y: number; distance: number }[] = [];
  for (let x = 4; x < viewport.width; x += 16)
    for (let y = 4; y < viewport.height; y += 16) {
      const dx = Math.max(box.x - x, x - (box.x + box.width), 0);
      const dy = Math.max(box.y - y, y - (box.y + box.height), 0);
      const distance = Math.max(dx, dy);
      if (distance >= margin) candidates.push({ x, y, distance });
    }
  candidates.sort((a, b) => b.distance - a.distance);
  // The first point whose element answers no click: no link, control or widget, not the bare body.
  return page.evaluate(`${JSON.stringify(candidates)}.find(({ x, y }) => {
    const hit = document.elementFromPoint(x, y);
    return hit && hit !== document.body && !hit.closest(
      'a,button,input,select,textarea,label,summary,[role],[tabindex]:not([tabindex="-1"]),[contenteditable]',
    );
  }) ?? null`) as Promise<{ x: number; y: number } | null>;
}

/** Closes the layer one way; false when that way does not apply here (no room beside it). */
async function closeBy(page: Page, layer: Layer, way: CloseWay): Promise<boolean> {
  if (way === 'escape') await page.keyboard.press('Escape');
  else if (way !== 'outside') {
    // A button a finger can hit: whole (WCAG's 24 px minimum target) and with nothing over it.
    await assertUncovered(way, `${layer.name}'s ${wayName(way)}`);
    const box = (await way.boundingBox())!;
    assert.ok(
      box.width >= 24 && box.height >= 24,
      `${layer.name}'s ${wayName(way)} is squeezed to ${box.width}×${box.height} px`,
    );
    await way.click();
  } else {
    // On a phone, a finger: Kobalte dismisses a touch on the click that follows it.
    const touch = (await page.evaluate('navigator.maxTouchPoints > 0')) as boolean;
    const point = await pointBeside(page, layer.layer, touch);
    if (!point) return false;
    if (touch) await page.touchscreen.tap(point.x, point.y);
    else await page.mouse.click(point.x, point.y);
  }
  return true;
}

const wayName = (way: CloseWay) => (typeof way === 'string' ? way : String(way));

/** Focus is on `target` or inside it, within a moment (Kobalte moves it after unmounting). */
export async function assertFocused(page: Page, target: Locator, what: string) {
  const deadline = Date.now() + 2000;
  let focused = false;
  while (!focused && Date.now() < deadline) {
    focused = await target.evaluate(
      (el) => el === el.ownerDocument.activeElement || el.contains(el.ownerDocument.activeElement),
    );
    if (!focused) await page.waitForTimeout(50);
  }
  const active = await page.evaluate(`(${DESCRIBE})(document.activeElement)`);
  assert.ok(focused, `${what}: focus went to ${active}`);
}

/**
 * Opens the layer and closes it each of its ways in turn (so it is reopened after each), checking
 * every time that nothing is left and that the opener, which lay under the overlay, takes the next
 * click; then reopens it once more and closes it with Escape.
 */
export async function walkLayer(page: Page, layer: Layer) {
  const url = page.url();
  for (const way of [...layer.close, 'escape' as const]) {
    const what = `${layer.name} closed by ${wayName(way)}`;
    if (layer.open) await layer.open();
    else {
      await assertUncovered(layer.trigger, `${layer.name}'s opener`);
      await layer.trigger.click();
    }
    await layer.layer.waitFor({ timeout: 5000 }).catch(() => {
      throw new Error(`${what}: it did not open`);
    });
    // Kobalte starts listening for clicks beside it a moment after it opens; a click in that
    // moment is taken by nothing.
    await settled(layer.layer);
    if (!(await closeBy(page, layer, way))) {
      // No room beside it on this screen: close it the first way, and go on.
      await closeBy(page, layer, layer.close[0]!);
    }
    await layer.layer.waitFor({ state: 'detached', timeout: 3000 }).catch(() => {
      throw new Error(`${what}: it is still there`);
    });
    if (!(way === 'outside' && layer.modal === false))
      await assertFocused(page, layer.focusReturnsTo ?? layer.trigger, what);
    assert.equal(page.url(), url, `${what}: the page changed`);
    await layer.afterClose?.();
    await assertNothingLeft(page, what);
  }
}
