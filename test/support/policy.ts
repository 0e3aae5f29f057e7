import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../bot/config';
import { PolicyRetriever } from '../../models/retrieval';

let shared: Promise<PolicyRetriever> | undefined;

/** The real handbook and a real hnswlib index, built once per test file into a temporary folder. */
export function testPolicy(): Promise<PolicyRetriever> {
  shared ??= PolicyRetriever.open({
    handbookDir: path.join(REPO_ROOT, 'prompts', 'policy'),
    indexDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bank-copilot-policy-')),
  });
  return shared;
}
