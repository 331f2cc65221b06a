import { ALL_STAFF, type PolicyRule } from '../auth/authorize.ts';

/** Who may upload and read attachments. Reading is scoped to the records a file is attached to. */
export const filePolicy = {
  upload: {
    action: 'file.upload',
    roles: ALL_STAFF.filter((r) => r !== 'auditor'),
    scoped: false,
  },
  read: { action: 'file.read', roles: ALL_STAFF, scoped: true },
  /** One's own upload, before it is attached anywhere (or after): staff of the same district only. */
  readOwnUpload: { action: 'file.read_own', roles: ALL_STAFF, scoped: false },
} as const satisfies Record<string, PolicyRule>;
