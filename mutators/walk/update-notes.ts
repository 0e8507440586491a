import {defineMutator} from '../define.ts';
import {said} from '../facts.ts';
import * as v from 'valibot';
import {fail} from '../../rules/errors.ts';
import {id} from '../../rules/validators.ts';
import {loadDrivenWalk, touchWalk} from './active-walk.ts';

/** Free-form notes are capped at 256 KB (UTF-8). */
export const MAX_NOTES_BYTES = 256 * 1024;

export const updateNotesArgs = v.object({walkId: id, notes: v.string()});

/** Autosaved notes of a walk (while typing, debounced by the UI). */
export const updateNotes = defineMutator(
  updateNotesArgs,
  {
    audit: a => ({type: 'walk', id: String(a.walkId)}),
    l1Workspace: true,
    queuesWork: false,
    changesSessions: false,
    outbox: a => ({label: 'Notes', text: said(a.notes), walkId: said(a.walkId), coalesceKey: `notes:${said(a.walkId)}`}),
  },
  async ({tx, ctx, args}) => {
    const bytes = new TextEncoder().encode(args.notes).length;
    if (bytes > MAX_NOTES_BYTES) {
      fail('invalid_input', `Notes are limited to 256 KB; these are ${Math.ceil(bytes / 1024)} KB. Trim them to keep saving.`, {
        field: 'notes',
        limitBytes: MAX_NOTES_BYTES,
        bytes,
      });
    }
    const {walk} = await loadDrivenWalk(tx, ctx, args.walkId);
    if (walk.notes === args.notes) return;
    await touchWalk(tx, walk, {notes: args.notes});
  },
);
