import { AzureChatOpenAI, ChatOpenAI } from '@langchain/openai';
import { createChatModel } from '../../bot/llm';
import { loadConfig } from '../../bot/config';

describe('chat model from the configuration', () => {
  it('builds an OpenAI-compatible client for a server on the bank network', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://llm.internal:8000/v1', OPENAI_MODEL: 'qwen2.5-32b-instruct', LLM_TIMEOUT_MS: '4000' });
    const model = createChatModel(config.llm!);
    expect(model).toBeInstanceOf(ChatOpenAI);
    const chat = model as ChatOpenAI;
    expect(chat.model).toBe('qwen2.5-32b-instruct');
    expect(chat.temperature).toBe(0);
    expect(chat.timeout).toBe(4000);
    expect((chat.caller as unknown as { maxRetries: number }).maxRetries).toBe(1);
    expect(chat.clientConfig.baseURL).toBe('http://llm.internal:8000/v1');
  });

  it('builds an Azure OpenAI client from the deployment settings', () => {
    const config = loadConfig({
      AZURE_OPENAI_API_KEY: 'az-test',
      AZURE_OPENAI_API_INSTANCE_NAME: 'jinhai-ai',
      AZURE_OPENAI_API_DEPLOYMENT_NAME: 'gpt-4o-mini',
      AZURE_OPENAI_API_VERSION: '2024-10-21',
    });
    const model = createChatModel(config.llm!);
    expect(model).toBeInstanceOf(AzureChatOpenAI);
    const azure = model as AzureChatOpenAI;
    expect(azure.azureOpenAIApiInstanceName).toBe('jinhai-ai');
    expect(azure.azureOpenAIApiDeploymentName).toBe('gpt-4o-mini');
    expect(azure.azureOpenAIApiVersion).toBe('2024-10-21');
    expect(azure.temperature).toBe(0);
    expect(azure.timeout).toBe(6000);
  });
});
