/**
 * Dragging a card with a mouse, pen or finger, on pointer events alone. A mouse drag starts after
 * a few pixels of movement (a click stays a click); a finger must rest on the card briefly first,
 * so swiping still scrolls the board. While dragging, a copy of the card follows the pointer and
 * `onFrame` runs every animation frame with the pointer's position, so the board can place the
 * drop spot and scroll its edges even while the pointer rests there.
 */

const MOUSE_THRESHOLD_PX = 5;
const TOUCH_HOLD_MS = 280;
const TOUCH_SLOP_PX = 8;

/** A finger drag is in progress: the board's touch guard keeps the page still under it. */
let fingerDragging = false;

/**
 * Only a `touchmove` listener the browser knew of when the finger came down can stop it from
 * scrolling (one added during the gesture is treated as passive, and the scroll then cancels the
 * drag with `pointercancel`). Install this once on the element holding the cards; it stops
 * nothing but a finger drag in progress.
 */
export function guardFingerDrags(element: HTMLElement): () => void {
  const holdStill = (event: TouchEvent) => {
    if (fingerDragging && event.cancelable) event.preventDefault();
  };
  element.addEventListener('touchmove', holdStill, { passive: false });
  return () => element.removeEventListener('touchmove', holdStill);
}

export interface DragHandlers {
  onStart(): void;
  onFrame(x: number, y: number): void;
  onDrop(): void;
  onCancel(): void;
}

export function trackPointerDrag(down: PointerEvent, source: HTMLElement, handlers: DragHandlers) {
  if (down.button !== 0) return;
  const startX = down.clientX;
  const startY = down.clientY;
  let x = startX;
  let y = startY;
  let dragging = false;
  let ghost: HTMLElement | null = null;
  let frame = 0;
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  const touch = down.pointerType === 'touch';

  const begin = () => {
    dragging = true;
    fingerDragging = touch;
    const rect = source.getBoundingClientRect();
    ghost = source.cloneNode(true) as HTMLElement;
    ghost.removeAttribute('id');
    ghost.setAttribute('aria-hidden', 'true');
    ghost.dataset.dragGhost = '';
    Object.assign(ghost.style, {
      position: 'fixed',
      left: `${rect.left}px`,
      top: `${rect.top}px`,
      width: `${rect.width}px`,
      height: `${rect.height}px`,
      pointerEvents: 'none',
      zIndex: '60',
      transform: 'rotate(2deg)',
      boxShadow: '0 12px 28px rgb(0 0 0 / 0.22)',
    });
    const offsetX = startX - rect.left;
    const offsetY = startY - rect.top;
    document.body.append(ghost);
    document.body.style.userSelect = 'none';
    handlers.onStart();
    const tick = () => {
      if (!ghost) return;
      ghost.style.left = `${x - offsetX}px`;
      ghost.style.top = `${y - offsetY}px`;
      handlers.onFrame(x, y);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
  };

  const finish = (drop: boolean) => {
    clearTimeout(holdTimer);
    cancelAnimationFrame(frame);
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('contextmenu', blockMenu, true);
    source.removeEventListener('touchmove', onTouchMove);
    source.removeEventListener('touchend', onTouchEnd);
    source.removeEventListener('touchcancel', onTouchCancel);
    ghost?.remove();
    ghost = null;
    if (dragging) fingerDragging = false;
    document.body.style.userSelect = '';
    if (!dragging) return;
    // The click that follows pointerup would open the card; a drag is not a click.
    window.addEventListener('click', swallowClick, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallowClick, true), 0);
    if (drop) handlers.onDrop();
    else handlers.onCancel();
  };

  const onMove = (event: PointerEvent) => {
    if (event.pointerId !== down.pointerId) return;
    x = event.clientX;
    y = event.clientY;
    if (dragging) return;
    const distance = Math.hypot(x - startX, y - startY);
    if (touch) {
      if (distance > TOUCH_SLOP_PX) finish(false);
    } else if (distance > MOUSE_THRESHOLD_PX) begin();
  };
  const onUp = (event: PointerEvent) => {
    if (event.pointerId === down.pointerId) finish(true);
  };
  // The browser took the gesture over (it started scrolling): no drag. Also sent when the card
  // a finger holds leaves the page, as the drag preview moves it; its touch events go on (below).
  const onCancel = (event: PointerEvent) => {
    if (event.pointerId !== down.pointerId) return;
    if (touch && dragging && !source.isConnected) return;
    finish(false);
  };
  // Touch events keep going to the card the finger touched, even once it has left the page; they
  // do not bubble from there, hence listeners on the card itself.
  const onTouchMove = (event: TouchEvent) => {
    const finger = event.touches[0];
    if (!finger) return;
    x = finger.clientX;
    y = finger.clientY;
    if (dragging && event.cancelable) event.preventDefault();
  };
  const onTouchEnd = () => finish(true);
  const onTouchCancel = () => finish(false);
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !dragging) return;
    event.preventDefault();
    event.stopPropagation();
    finish(false);
  };
  const blockMenu = (event: Event) => event.preventDefault();
  const swallowClick = (event: Event) => {
    event.stopPropagation();
    event.preventDefault();
  };

  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
  window.addEventListener('keydown', onKey, true);
  if (touch) {
    window.addEventListener('contextmenu', blockMenu, true);
    source.addEventListener('touchmove', onTouchMove, { passive: false });
    source.addEventListener('touchend', onTouchEnd);
    source.addEventListener('touchcancel', onTouchCancel);
    holdTimer = setTimeout(begin, TOUCH_HOLD_MS);
  }
}
