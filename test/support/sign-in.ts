import {DEMO_PASSWORD} from '../../server/seed/demo-people.ts';
import type {TandemContext} from '../../schema/index.ts';

export type Session = {
  token: string;
  cookie: string;
  context: TandemContext;
  /** The zero-cache URL /api/session placed this person on (their view syncer, with several). */
  zeroUrl: string;
};

/** Signs in through better-auth's public endpoint, as any client would. */
export async function signIn(appUrl: string, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${appUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: {'content-type': 'application/json', origin: appUrl},
    body: JSON.stringify({email, password}),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {token: string};
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const me = await fetch(`${appUrl}/api/session`, {headers: {authorization: `Bearer ${body.token}`}});
  if (!me.ok) throw new Error(`session of ${email} failed: ${me.status}`);
  const {context, zeroUrl} = (await me.json()) as {context: TandemContext; zeroUrl: string};
  return {token: body.token, cookie, context, zeroUrl};
}
