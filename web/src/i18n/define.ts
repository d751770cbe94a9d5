/** The shape of a domain dictionary: pt-BR (the default) sets the keys, en must have exactly the same ones. */
export type Messages = Record<string, string>;

export function defineMessages<const T extends Messages>(dictionary: {
  'pt-BR': T;
  en: { [K in keyof T]: string };
}) {
  return dictionary;
}
