import type {Role} from '../../schema/index.ts';

/** A role as a heading or a badge shows it: "Owner", "L1 tech". */
export const ROLE_LABEL: Record<Role, string> = {owner: 'Owner', engineer: 'Engineer', l1_tech: 'L1 tech', viewer: 'Viewer'};

/** A role inside a sentence ("invited as an engineer", "L1 tech"); any other string reads as itself. */
export function roleInSentence(role: string): string {
  return role === 'l1_tech' ? 'L1 tech' : role;
}

/** The letters on a person's avatar: the first letters of the first two names. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map(p => p[0]!.toUpperCase())
    .join('');
}
