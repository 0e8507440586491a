import type {Assessment, EscalationPackage} from '../../schema/index.ts';
import {writeLocalPackage, type WalkRecord} from '../handoff/local-package-writer.ts';
import {completeJson} from './complete-json.ts';
import {ESCALATION_SYSTEM_PROMPT, escalationAnswer, escalationUserPrompt} from './escalation-prompt.ts';
import type {AiConfig} from './model-client.ts';
import {redact} from './redact.ts';

export const PACKAGE_BUDGET_MS = 45_000;

export type WrittenPackage = {package: EscalationPackage; assessment: Assessment; writer: 'ai' | 'local'};

/** The AI writer when configured and answering in time; the deterministic writer otherwise. */
export async function writeEscalationPackage(
  walk: WalkRecord,
  ai: AiConfig | undefined,
  log: (line: string) => void,
  budgetMs = PACKAGE_BUDGET_MS,
): Promise<WrittenPackage> {
  if (ai) {
    try {
      const a = await completeJson(
        ai,
        {purpose: 'escalation package', system: ESCALATION_SYSTEM_PROMPT, user: escalationUserPrompt(walk), schema: escalationAnswer, timeoutMs: budgetMs},
        log,
      );
      return {
        package: {problem: a.problem, confirmed: a.confirmed, tried: a.tried, hypothesis: a.hypothesis, nextSteps: a.nextSteps},
        assessment: {likely_cause: a.likelyCause, suggested_steps: a.suggestedSteps, confidence: a.confidence},
        writer: 'ai',
      };
    } catch {
      // Logged by completeJson; the deterministic writer takes over.
    }
  }
  const local = writeLocalPackage({
    ...walk,
    problem: redact(walk.problem),
    details: walk.details ? redact(walk.details) : null,
    notes: redact(walk.notes),
    steps: walk.steps.map(s => ({...s, note: s.note ? redact(s.note) : null})),
  });
  return {...local, writer: 'local'};
}
