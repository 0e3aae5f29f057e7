/**
 * `npm run index:policy [-- --handbook prompts/policy --index var/policy-index]`
 *
 * Builds (or confirms up to date) the persisted policy index with the local embedding, so the
 * bot's first policy question does not pay for the build.
 */
import { join, resolve } from 'node:path';
import { PolicyRetriever } from './policy-retriever';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = resolve(__dirname, '../..');
  const handbookDir = resolve(flag('--handbook') ?? join(root, 'prompts/policy'));
  const indexDir = resolve(flag('--index') ?? join(root, 'var/policy-index'));
  const retriever = await PolicyRetriever.open({ handbookDir, indexDir });
  console.log(
    retriever.rebuilt
      ? `Built policy index in ${indexDir}: ${retriever.passageCount} passages in ${retriever.buildMs} ms`
      : `Policy index in ${indexDir} is up to date (${retriever.passageCount} passages)`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
