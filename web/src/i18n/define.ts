/** The shape of a dictionary: pt-BR (the default) sets the keys; another language has exactly them. */
export type Messages = Record<string, string>;

export type Translation<T extends Messages> = { [K in keyof T]: string };
