import { openFixtureBank } from '../support/fixture-bank';
import { repositoryContract } from '../support/repository-contract';

repositoryContract('SQLite', () => openFixtureBank());
