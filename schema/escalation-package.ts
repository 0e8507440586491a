/** The structured handoff an escalation carries (SPEC §8). */
export type EscalationPackage = {
  problem: string;
  confirmed: string[];
  tried: string[];
  hypothesis: string;
  nextSteps: string[];
};

export type Assessment = {
  likely_cause: string;
  suggested_steps: string[];
  /** 0–100 */
  confidence: number;
};
