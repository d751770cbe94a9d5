/**
 * Invitation links this browser created. The API returns a link's token only once (it keeps a
 * hash), so "copy link" works where the invitation was made; elsewhere a new link is issued.
 */
const STORAGE_KEY = 'gl-invite-links';

function read(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return {};
  }
}

export function rememberInviteLink(invitationId: string, url: string) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...read(), [invitationId]: url }));
}

export function inviteLinkFor(invitationId: string): string | undefined {
  return read()[invitationId];
}
