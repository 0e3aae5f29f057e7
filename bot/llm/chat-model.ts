import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AzureChatOpenAI, ChatOpenAI } from '@langchain/openai';
import type { LlmConfig } from '../config';

/**
 * The chat model behind the LLM path: OpenAI, any OpenAI-compatible server (`baseUrl`, e.g. vLLM or
 * Ollama on the bank's network) or Azure OpenAI. Deterministic (temperature 0) so the same message
 * is routed the same way; one retry only, because a turn has a time budget and the built-in
 * recognizer is the fallback.
 */
export function createChatModel(llm: LlmConfig): BaseChatModel {
  if (llm.provider === 'azure') {
    return new AzureChatOpenAI({
      azureOpenAIApiKey: llm.apiKey,
      azureOpenAIApiInstanceName: llm.instanceName,
      azureOpenAIApiDeploymentName: llm.deploymentName,
      azureOpenAIApiVersion: llm.apiVersion,
      temperature: 0,
      timeout: llm.timeoutMs,
      maxRetries: 1,
    });
  }
  return new ChatOpenAI({
    apiKey: llm.apiKey,
    model: llm.model,
    temperature: 0,
    timeout: llm.timeoutMs,
    maxRetries: 1,
    ...(llm.baseUrl ? { configuration: { baseURL: llm.baseUrl } } : {}),
  });
}
