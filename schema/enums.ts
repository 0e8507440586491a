// The product's closed vocabularies, shared by schema, validators and UI.

export const ROLES = ['owner', 'engineer', 'l1_tech', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ACTING_AS = ['self', 'l1_coverage'] as const;
export type ActingAs = (typeof ACTING_AS)[number];

export const TICKET_STATUSES = ['open', 'walking', 'resolved', 'escalated'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const SESSION_KINDS = ['flow', 'proposal', 'adhoc'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const WALK_STATUSES = ['active', 'resolved', 'escalated', 'abandoned'] as const;
export type WalkStatus = (typeof WALK_STATUSES)[number];

export const ESCALATION_REASONS = ['Out of L1 scope', 'Customer demanding senior', 'Tree dead-ended', 'AI tree wrong', 'No KB available', 'Other'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const HANDOFF_STATUSES = ['open', 'claimed', 'resolved'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const LANE_KINDS = ['question', 'check', 'fact', 'suggested_fix'] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

export const FIX_OUTCOMES = ['proposed', 'applied_pending', 'applied_success', 'applied_failed', 'applied_partial', 'dismissed'] as const;
export type FixOutcome = (typeof FIX_OUTCOMES)[number];

/** A person's theme: a fixed one, or whatever their system says (prefers-color-scheme). */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
