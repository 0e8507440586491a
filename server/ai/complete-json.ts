import * as v from 'valibot';
import type {AiConfig} from './model-client.ts';

export class AiUnavailable extends Error {}

/**
 * One model call that must answer with JSON of a given shape. The system
 * prompt is marked for prompt caching; the answer is parsed and validated
 * with valibot. Timeouts, API errors and malformed output all become
 * AiUnavailable (the caller falls back); tokens and latency are logged.
 */
export async function completeJson<S extends v.GenericSchema>(
  ai: AiConfig,
  request: {purpose: string; system: string; user: string; schema: S; timeoutMs: number; maxTokens?: number},
  log: (line: string) => void = () => {},
): Promise<v.InferOutput<S>> {
  const started = Date.now();
  let text: string;
  try {
    const response = await ai.client.messages.create(
      {
        model: ai.model,
        max_tokens: request.maxTokens ?? 1500,
        system: [{type: 'text', text: request.system, cache_control: {type: 'ephemeral'}}],
        messages: [{role: 'user', content: request.user}],
      },
      {signal: AbortSignal.timeout(request.timeoutMs), timeout: request.timeoutMs},
    );
    const u = response.usage;
    log(
      `ai ${request.purpose}: ${Date.now() - started} ms, tokens in ${u?.input_tokens ?? '?'} out ${u?.output_tokens ?? '?'}` +
        ` cache read ${u?.cache_read_input_tokens ?? 0} write ${u?.cache_creation_input_tokens ?? 0}`,
    );
    text = response.content.map(block => (block.type === 'text' ? block.text : '')).join('');
  } catch (error) {
    log(`ai ${request.purpose} failed after ${Date.now() - started} ms: ${error instanceof Error ? error.message : error}`);
    throw new AiUnavailable(error instanceof Error ? error.message : String(error));
  }
  const json = text
    .replace(/^\s*```(?:json)?/i, '')
    .replace(/```\s*$/, '')
    .trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    log(`ai ${request.purpose}: the answer was not JSON`);
    throw new AiUnavailable('malformed answer');
  }
  const result = v.safeParse(request.schema, parsed);
  if (!result.success) {
    log(`ai ${request.purpose}: the answer did not match the expected shape`);
    throw new AiUnavailable('answer of the wrong shape');
  }
  return result.output;
}
