import { CreateAccountSections1700000006100 } from './migrations/1700000006100-create-account-sections';

/** The B2B sections' migrations (their tables are used through SQL, so there are no entities). */
export const accountMigrations = [CreateAccountSections1700000006100];
