import type {Assessment, EscalationPackage} from '../../schema/index.ts';
import {writeLocalPackage} from './local-package-writer.ts';
import {redactWalkRecord, type WalkRecord} from './walk-record.ts';
import {completeJson} from '../ai/complete-json.ts';
import {ESCALATION_SYSTEM_PROMPT, escalationAnswer, escalationUserPrompt} from './escalation-prompt.ts';
import type {AiConfig} from '../ai/model-client.ts';

export const PACKAGE_BUDGET_MS = 45_000;

type WrittenPackage = {package: EscalationPackage; assessment: Assessment; writer: 'ai' | 'local'};

/**
 * The AI writer when configured and answering in time; the deterministic
 * writer otherwise. Both get the same record, redacted first.
 */
export async function writeEscalationPackage(
  walk: WalkRecord,
  ai: AiConfig | undefined,
  log: (line: string) => void,
  budgetMs = PACKAGE_BUDGET_MS,
): Promise<WrittenPackage> {
  const record = redactWalkRecord(walk);
  if (ai) {
    try {
      const a = await completeJson(
        ai,
        {purpose: 'escalation package', system: ESCALATION_SYSTEM_PROMPT, user: escalationUserPrompt(record), schema: escalationAnswer, timeoutMs: budgetMs},
        log,
      );
      return {
        package: {problem: a.problem, confirmed: a.confirmed, tried: a.tried, hypothesis: a.hypothesis, nextSteps: a.nextSteps},
        assessment: {
          likely_cause: a.likelyCause,
          suggested_steps: a.suggestedSteps,
          // A number only with its explanation (docs/ai-assist.md).
          confidence: a.basis ? (a.confidence ?? null) : null,
          basis: a.basis ?? null,
        },
        writer: 'ai',
      };
    } catch {
      // Logged by completeJson; the deterministic writer takes over.
    }
  }
  return {...writeLocalPackage(record), writer: 'local'};
}
