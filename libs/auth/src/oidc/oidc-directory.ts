import { Logger } from '@nestjs/common';
import type { AuthenticatedUser } from '../access/request-context';
import type { AuthClock } from '../auth.constants';
import type { SubjectRecords } from '../store/identity-store.port';
import type { DirectoryUser, UserDirectory } from '../users/user';
import { ASSIGNABLE_ROLES } from '../users/user-rules';
import type { Role } from '@app/domain';

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
    private readonly subjects: SubjectRecords,
    private readonly clock: AuthClock,
  ) {}

  async record(user: AuthenticatedUser): Promise<void> {
    const now = this.clock.now();
    const signature = JSON.stringify([user.username, user.displayName, user.roles]);
    const last = this.written.get(user.id);
    if (last !== undefined && last.signature === signature && now - last.at < TOUCH_INTERVAL_MS) return;
    try {
      await this.subjects.put({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: [...user.roles],
        lastSeenAt: now,
      });
      this.written.set(user.id, { signature, at: now });
    } catch (error) {
      // Recording is a convenience for later lookups: it must not fail the caller's request.
      this.logger.warn(`Could not record subject ${user.id}: ${(error as Error).message}`);
    }
  }

  async findById(id: string): Promise<DirectoryUser | null> {
    const subject = await this.subjects.byId(id);
    if (subject === undefined) return null;
    return {
      id: subject.id,
      username: subject.username,
      displayName: subject.displayName,
      roles: subject.roles.filter((role): role is Role =>
        (ASSIGNABLE_ROLES as readonly string[]).includes(role),
      ),
      active: true,
    };
  }
}
