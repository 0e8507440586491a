import {Hono} from 'hono';
import * as v from 'valibot';
import {TandemError} from '../../rules/errors.ts';
import type {Auth} from '../auth/auth.ts';
import {acceptInvite, acceptInviteBody, describeInvite, InvalidInviteError} from '../people/accept-invite.ts';
import type {DbProvider} from '../zero/db-provider.ts';

/**
 * The invitee has no session yet, so accepting is a plain API call:
 * GET /api/invites/:code describes a usable invite; POST /api/invites/accept
 * creates the login and membership, then signs the person in.
 */
export function inviteRoutes(db: DbProvider, auth: Auth) {
  const app = new Hono();
  const invalid = (c: {json: (b: unknown, s: 404) => Response}) => c.json({error: 'not_found', message: new InvalidInviteError().message}, 404);

  app.get('/:code', async c => {
    try {
      return c.json(await describeInvite(db, c.req.param('code')));
    } catch (error) {
      if (error instanceof InvalidInviteError) return invalid(c);
      throw error;
    }
  });

  app.post('/accept', async c => {
    const parsed = v.safeParse(acceptInviteBody, await c.req.json().catch(() => null));
    if (!parsed.success) {
      return c.json({error: 'invalid_input', message: parsed.issues.map(i => i.message).join(' ')}, 400);
    }
    try {
      const {email} = await acceptInvite(db, parsed.output);
      // Sign the new member in: better-auth answers with its session cookie.
      return auth.api.signInEmail({body: {email, password: parsed.output.password}, asResponse: true});
    } catch (error) {
      if (error instanceof InvalidInviteError) return invalid(c);
      if (error instanceof TandemError) return c.json({error: error.details.code, message: error.message, details: error.details}, 409);
      throw error;
    }
  });
  return app;
}
