import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/**
 * A chat model that never answers on its own: it waits until the caller aborts the request (as a
 * time-out does) and records that it was aborted. Stands in for a hosted model that hangs.
 */
export class HangingChatModel extends BaseChatModel {
  calls = 0;
  aborted = 0;

  constructor() {
    super({});
  }

  _llmType(): string {
    return 'hanging-test-model';
  }

  override bindTools(): ReturnType<NonNullable<BaseChatModel['bindTools']>> {
    return this.withConfig({});
  }

  async _generate(_messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    this.calls += 1;
    const signal = (options as BaseChatModelCallOptions).signal;
    return new Promise<ChatResult>((_resolve, reject) => {
      // Settles only when aborted; a hung upstream that is never cancelled would leak here.
      signal?.addEventListener('abort', () => {
        this.aborted += 1;
        reject(new Error('aborted by the caller'));
      });
    });
  }
}

/** Log lines a component wrote, for asserting that a fallback was logged. */
export function capturingLogger() {
  const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, fields });
  };
  return { lines, logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } };
}
