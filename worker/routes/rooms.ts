/**
 * @module Room tickets: the short-lived pass a browser shows to open a realtime room. Each room
 * kind says which ids an org may open; the ticket names org, room, id and role, and expires in
 * a minute (the socket, once open, stays open).
 */

import { eq, isNull } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db, OrgScope } from '../../platform/db.ts';
import { forbidden, notFound } from '../../platform/problem.ts';
import { ROOM_TICKET_TTL_SECONDS, signRoomTicket } from '../../platform/tokens.ts';
import { users } from '../../schema/accounts.ts';
import { adCampaigns } from '../../schema/ads.ts';
import { RoomTicket } from '../../schema/outputs/accounts.ts';
import { boards } from '../../schema/pipeline.ts';
import { Routes } from '../router.ts';

/** Per room kind (the URL segment after `/parties/`): may this org open this id? */
export const ROOM_ACCESS: Record<string, (db: Db, org: OrgScope, id: string) => Promise<boolean>> =
  {
    'org-hub': async (_db, org, id) => id === org.orgId,
    'campaign-room': async (db, org, id) =>
      (await db
        .select({ id: adCampaigns.id })
        .from(adCampaigns)
        .where(org.where(adCampaigns, eq(adCampaigns.id, id)))
        .get()) !== undefined,
    'pipeline-board': async (db, org, id) =>
      Boolean(
        await db
          .select({ id: boards.id })
          .from(boards)
          .where(org.where(boards, eq(boards.id, id), isNull(boards.deletedAt)))
          .get(),
      ),
  };

const TicketInput = v.object({
  room: v.pipe(v.string(), v.maxLength(40)),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});

export const roomRoutes = new Routes('Rooms').post(
  '/rooms/tickets',
  {
    summary: 'A one-minute ticket to open a realtime room over WebSocket',
    description: 'Connect to `/parties/<room>/<id>?ticket=<ticket>`.',
    auth: 'rooms:join',
    body: TicketInput,
    responses: {
      200: {
        description: 'The ticket.',
        schema: RoomTicket,
      },
      404: 'No such room in this organization.',
    },
  },
  async ({ c, env, db, org, who, body }) => {
    if (who.kind !== 'user') throw forbidden('Rooms are for signed-in people.');
    const mayOpen = ROOM_ACCESS[body.room];
    if (!mayOpen) throw notFound(`Room kind "${body.room}"`);
    if (!(await mayOpen(db, org, body.id))) throw notFound('Room');
    const user = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, who.userId))
      .get();
    const ticket = await signRoomTicket(env.JWT_SECRET, who.userId, {
      org: org.orgId,
      room: body.room,
      id: body.id,
      role: who.role,
      name: user?.name ?? '',
    });
    return c.json({
      ticket,
      url: `/parties/${body.room}/${encodeURIComponent(body.id)}?ticket=${ticket}`,
      expiresIn: ROOM_TICKET_TTL_SECONDS,
    });
  },
);
