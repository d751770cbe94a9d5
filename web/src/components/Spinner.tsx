/** A small spinning ring for busy buttons and inline loading. */
export function Spinner(props: { class?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      class={`animate-spin shrink-0 ${props.class ?? 'size-4'}`}
      fill="none"
      aria-hidden="true"
    >
      <circle cx="12" cy="12" r="9" stroke="currentColor" stroke-opacity=".25" stroke-width="3" />
      <path
        d="M21 12a9 9 0 0 0-9-9"
        stroke="currentColor"
        stroke-width="3"
        stroke-linecap="round"
      />
    </svg>
  );
}
