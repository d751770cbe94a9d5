/**
 * The org's members, for owner names and avatars on cards and the owner filter. Remembered on
 * the device so an offline board still shows who owns what.
 */
import { createSignal } from 'solid-js';
import { call, client } from '../../lib/api.ts';

export interface Person {
  userId: string;
  name: string;
}

const cacheKey = (orgId: string) => `gl-people:${orgId}`;

export function loadOrgPeople(orgId: string): () => Person[] {
  const saved = localStorage.getItem(cacheKey(orgId));
  const [people, setPeople] = createSignal<Person[]>(saved ? (JSON.parse(saved) as Person[]) : []);
  void call(client.GET('/api/v1/org/members'))
    .then(({ items }) => {
      const slim = items.map(({ userId, name }) => ({ userId, name }));
      setPeople(slim);
      localStorage.setItem(cacheKey(orgId), JSON.stringify(slim));
    })
    .catch(() => {});
  return people;
}
