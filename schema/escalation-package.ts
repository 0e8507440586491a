/** The structured handoff an escalation carries (docs/handoff.md). */
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
  /**
   * 0–100, only where the writer can explain it (docs/ai-assist.md); null or absent
   * otherwise. The local writer never gives one: it has nothing to measure.
   */
  confidence?: number | null;
  /** What the likely cause is based on, in plain words. */
  basis?: string | null;
};
