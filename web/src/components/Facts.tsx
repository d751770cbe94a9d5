/**
 * A card's facts on a phone (a list that is a table on a wide screen): each label beside its value
 * in two columns, the values wrapping rather than widening the card.
 */
import type { JSX } from 'solid-js';

export function Facts(props: { children: JSX.Element }) {
  return (
    <dl class="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">{props.children}</dl>
  );
}

/** One label and its value; `class` styles the value (text-fg unless given). */
export function Fact(props: { label: string; class?: string; children: JSX.Element }) {
  return (
    <>
      <dt class="text-fg-muted">{props.label}</dt>
      <dd class={props.class ?? 'text-fg'}>{props.children}</dd>
    </>
  );
}
