import { Logger } from '@nestjs/common';
import type { AuthenticatedUser } from '../access/request-context';
import type { AuthClock } from '../auth.constants';
import type { AuthDatabase } from '../store/auth-database';
import type { DirectoryUser, UserDirectory } from '../users/user';
import { ASSIGNABLE_ROLES } from '../users/user-rules';
import type { Role } from '@app/domain';

interface SubjectRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  last_seen_at: number;
}

/** Rewrite an unchanged subject at most this often (last seen), not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * USER_DIRECTORY in AUTH_MODE=oidc. The provider has the users, but the domain asks the directory about people
 * who are not the caller (is this team member an AUDITOR?). So every subject that calls the API is recorded here
 * with the roles of their last token, and the directory answers from that: a person must have signed in once
 * before they can be put on an audit team, and their roles are as the provider last said.
 */
export class OidcSubjectDirectory implements UserDirectory {
  private readonly logger = new Logger(OidcSubjectDirectory.name);
  private readonly written = new Map<string, { signature: string; at: number }>();

  constructor(
    private readonly db: AuthDatabase,
    private readonly clock: AuthClock,
  ) {}

  record(user: AuthenticatedUser): void {
    const now = this.clock.now();
    const signature = JSON.stringify([user.username, user.displayName, user.roles]);
    const last = this.written.get(user.id);
    if (last !== undefined && last.signature === signature && now - last.at < TOUCH_INTERVAL_MS) return;
    try {
      this.db
        .prepare(
          `INSERT INTO oidc_subjects (id, username, display_name, roles, last_seen_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
             roles = excluded.roles, last_seen_at = excluded.last_seen_at`,
        )
        .run(user.id, user.username, user.displayName, JSON.stringify(user.roles), now);
      this.written.set(user.id, { signature, at: now });
    } catch (error) {
      // Recording is a convenience for later lookups: it must not fail the caller's request.
      this.logger.warn(`Could not record subject ${user.id}: ${(error as Error).message}`);
    }
  }

  async findById(id: string): Promise<DirectoryUser | null> {
    const row = this.db.prepare('SELECT * FROM oidc_subjects WHERE id = ?').get(id) as SubjectRow | undefined;
    if (row === undefined) return null;
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: (JSON.parse(row.roles) as string[]).filter((role): role is Role =>
        (ASSIGNABLE_ROLES as readonly string[]).includes(role),
      ),
      active: true,
    };
  }
}
