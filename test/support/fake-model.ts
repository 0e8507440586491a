import type {ModelClient} from '../../server/ai/model-client.ts';

type Call = {params: Parameters<ModelClient['messages']['create']>[0]; options?: Parameters<ModelClient['messages']['create']>[1]};

/** A fake at the SDK boundary: answers from a script, records every call, never touches the network. */
export function fakeModel(answer: (call: Call) => Promise<string> | string): ModelClient & {calls: Call[]} {
  const calls: Call[] = [];
  return {
    calls,
    messages: {
      async create(params, options) {
        const call = {params, options};
        calls.push(call);
        const text = await answer(call);
        return {
          content: [{type: 'text', text, citations: null}],
          usage: {input_tokens: 100, output_tokens: 50, cache_read_input_tokens: calls.length > 1 ? 90 : 0, cache_creation_input_tokens: calls.length > 1 ? 0 : 90},
        } as never;
      },
    },
  };
}

/** Waits for the abort signal: a model that never answers within the budget. */
export const hang = (call: Call) =>
  new Promise<string>((_, reject) => call.options?.signal?.addEventListener('abort', () => reject(new Error('Request timed out.'))));
