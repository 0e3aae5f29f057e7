import { ConfigError, loadConfig } from '../../bot/config';

describe('loadConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.server.port).toBe(3978);
    expect(c.server.host).toBe('127.0.0.1');
    expect(c.database.url).toBeUndefined();
    expect(c.database.sqlitePath).toMatch(/var[/\\]bank\.db$/);
    expect(c.seed).toEqual({ customers: 10_000, seed: 42 });
    expect(c.botAuth).toBeUndefined();
    expect(c.llm).toBeUndefined();
  });

  it('treats empty strings as unset, as .env files write them', () => {
    const c = loadConfig({ DATABASE_URL: '', MicrosoftAppId: '', OPENAI_API_KEY: '' });
    expect(c.database.url).toBeUndefined();
    expect(c.botAuth).toBeUndefined();
    expect(c.llm).toBeUndefined();
  });

  it('lists every bad key with how to fix it', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MicrosoftAppId: 'abc', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL is not a postgres:\/\/ URL: set it like postgres:\/\/user:pass@host:5432\/db or unset it/);
    expect(problems).toMatch(/MicrosoftAppPassword is required when MicrosoftAppId is set/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('turns on Bot Framework auth and listens on all interfaces when an app id is set', () => {
    const c = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant' });
    expect(c.botAuth).toEqual({ appId: 'app', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' });
    expect(c.server.host).toBe('0.0.0.0');
  });

  it('selects the LLM provider from the settings present', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://llm.internal:8000/v1' }).llm).toMatchObject({
      provider: 'openai',
      baseUrl: 'http://llm.internal:8000/v1',
    });
    expect(
      loadConfig({ AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_API_INSTANCE_NAME: 'i', AZURE_OPENAI_API_DEPLOYMENT_NAME: 'd' }).llm,
    ).toMatchObject({ provider: 'azure', deploymentName: 'd' });
    expect(() => loadConfig({ AZURE_OPENAI_API_KEY: 'k' })).toThrow(/Azure OpenAI needs all of/);
  });

  it('keeps the policy index on local embeddings unless a hosted one is asked for and configured', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'k' }).policy.embeddings).toEqual({ provider: 'local' });
    expect(loadConfig({ OPENAI_API_KEY: 'k', POLICY_EMBEDDINGS: 'openai' }).policy.embeddings).toMatchObject({
      provider: 'openai',
      model: 'text-embedding-3-small',
    });
    expect(() => loadConfig({ POLICY_EMBEDDINGS: 'openai' })).toThrow(/POLICY_EMBEDDINGS=openai needs OPENAI_API_KEY/);
    expect(() => loadConfig({ POLICY_EMBEDDINGS: 'azure', AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_API_INSTANCE_NAME: 'i', AZURE_OPENAI_API_DEPLOYMENT_NAME: 'd' })).toThrow(
      /AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME/,
    );
  });
});
