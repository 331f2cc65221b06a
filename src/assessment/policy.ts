import { ALL_STAFF, type PolicyRule } from '../core/auth/authorize.ts';

/**
 * Who may do what with assessments. The district's assessment office (admin, supervisors) manages
 * schemes, enters surveys and scores with their evidence, runs and publishes; every unit reads its
 * own published results (scoped by the subjects' paths), auditors read everything.
 */
export const assessmentPolicy = {
  /** Schemes are how everyone is assessed: any staff member may read them. */
  readSchemes: { action: 'assessment.scheme.read', roles: ALL_STAFF, scoped: false },
  manage: { action: 'assessment.manage', roles: ['district_admin', 'supervisor'], scoped: true },
  enter: { action: 'assessment.entry', roles: ['district_admin', 'supervisor'], scoped: true },
  /** Published results: a unit sees the rows of the subjects inside its jurisdiction. */
  readResults: { action: 'assessment.result.read', roles: ALL_STAFF, scoped: true },
  /** Drafts are the office's working copies. */
  readDrafts: {
    action: 'assessment.result.draft',
    roles: ['district_admin', 'supervisor', 'auditor'],
    scoped: true,
  },
} as const satisfies Record<string, PolicyRule>;
