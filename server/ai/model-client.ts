import Anthropic from '@anthropic-ai/sdk';

/** The part of the Anthropic SDK Tandem uses: the boundary tests replace with a fake. */
export type ModelClient = {
  messages: {
    create(
      params: Anthropic.MessageCreateParamsNonStreaming,
      options?: {signal?: AbortSignal; timeout?: number},
    ): Promise<Pick<Anthropic.Message, 'content' | 'usage'>>;
  };
};

export const DEFAULT_MODEL = 'claude-sonnet-4-5';

export type AiConfig = {client: ModelClient; model: string};

/** From ANTHROPIC_API_KEY (and ANTHROPIC_MODEL); none → the deterministic writer is used. */
export function aiConfigFromEnv(env = process.env): AiConfig | undefined {
  if (!env.ANTHROPIC_API_KEY) return undefined;
  // One retry and a timeout: nothing in Tandem waits long on the model.
  const client = new Anthropic({apiKey: env.ANTHROPIC_API_KEY, maxRetries: 1, timeout: 30_000});
  return {client, model: env.ANTHROPIC_MODEL || DEFAULT_MODEL};
}
