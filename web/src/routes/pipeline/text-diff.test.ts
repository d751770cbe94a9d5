import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, shiftThroughDelta, type TextDelta } from './text-diff.ts';

function apply(text: Y.Text, before: string, after: string, cursor?: number) {
  const edit = diffText(before, after, cursor);
  if (!edit) return;
  text.doc!.transact(() => {
    if (edit.remove) text.delete(edit.index, edit.remove);
    if (edit.insert) text.insert(edit.index, edit.insert);
  });
}

describe('diffText', () => {
  it('finds nothing to do for equal texts', () => {
    expect(diffText('abc', 'abc')).toBeNull();
  });

  it('sends only the typed character, at the caret', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('hello world', 'hello, world', 6)).toEqual({
      index: 5,
      remove: 0,
      insert: ',',
    });
  });

  it('describes deletions and replacements as one span', () => {
    expect(diffText('hello world', 'hello', 5)).toEqual({ index: 5, remove: 6, insert: '' });
    expect(diffText('the cat sat', 'the dog sat', 7)).toEqual({
      index: 4,
      remove: 3,
      insert: 'dog',
    });
  });

  it('turns any text into any other', () => {
    const samples = ['', 'a', 'abc', 'Olá, João!', 'aaaa', 'xyzabc', 'abcxyz', '🙂 ok'];
    for (const before of samples)
      for (const after of samples)
        for (let cursor = 0; cursor <= after.length; cursor++) {
          const edit = diffText(before, after, cursor);
          const result = edit
            ? before.slice(0, edit.index) + edit.insert + before.slice(edit.index + edit.remove)
            : before;
          expect(result).toBe(after);
        }
  });
});

describe('two people typing in the same note', () => {
  it('both keep their text after syncing', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const noteA = a.getText('notes');
    const noteB = b.getText('notes');
    noteA.insert(0, 'Ligar na segunda.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

    // Each edits their local copy while apart, the way the textarea binding does.
    apply(noteA, noteA.toString(), 'Ligar na segunda. Pediu proposta.');
    apply(noteB, noteB.toString(), 'Cliente quente! Ligar na segunda.', 16);

    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(noteA.toString()).toBe(noteB.toString());
    expect(noteA.toString()).toContain('Pediu proposta.');
    expect(noteA.toString()).toContain('Cliente quente!');
    expect(noteA.toString()).toContain('Ligar na segunda.');
  });
});

describe('shiftThroughDelta', () => {
  const cases: [string, number, TextDelta, number][] = [
    ['insert before the caret pushes it right', 5, [{ retain: 2 }, { insert: 'xyz' }], 8],
    ['insert after the caret leaves it', 2, [{ retain: 4 }, { insert: 'xyz' }], 2],
    ['insert at the caret leaves it', 4, [{ retain: 4 }, { insert: 'xyz' }], 4],
    ['delete before the caret pulls it left', 6, [{ retain: 1 }, { delete: 3 }], 3],
    ['delete around the caret puts it at the cut', 3, [{ retain: 1 }, { delete: 5 }], 1],
    ['delete after the caret leaves it', 1, [{ retain: 2 }, { delete: 5 }], 1],
    ['insert at the start', 0, [{ insert: 'ab' }], 0],
    ['both', 10, [{ insert: 'ab' }, { retain: 3 }, { delete: 2 }], 10],
  ];
  for (const [name, position, delta, expected] of cases)
    it(name, () => expect(shiftThroughDelta(position, delta)).toBe(expected));
});
