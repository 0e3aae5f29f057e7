import { openFixtureBank } from '../support/fixture-bank';
import { repositoryContract } from '../support/repository-contract';
import { createTemporarySchema } from '../support/postgres';

const schemas: Array<{ drop(): Promise<void> }> = [];
afterAll(async () => {
  for (const s of schemas) await s.drop();
});

repositoryContract('PostgreSQL', async () => {
  const schema = await createTemporarySchema();
  schemas.push(schema);
  return openFixtureBank({ databaseUrl: schema.url });
});
