import { ALL_STAFF, type PolicyRule } from '../core/auth/authorize.ts';
import type { Role } from '../core/auth/roles.ts';

/** The community's own staff and the street and district above it. */
const COMMUNITY_STAFF: readonly Role[] = ['community_worker', 'street_dispatcher', 'district_admin'];

/**
 * Who may do what in participation. Every rule is scoped: a record's paths are its community (or
 * street) and, where one is named, the unit it belongs to (a member's unit, a resolution's owner), so
 * a department sees its own members and resolutions and nobody reaches outside their jurisdiction.
 */
export const participationPolicy = {
  read: { action: 'participation.read', roles: ALL_STAFF, scoped: true },
  /** Personal data in full (names, phones, ID numbers): the community's staff, audited. */
  reveal: { action: 'participation.reveal', roles: COMMUNITY_STAFF, scoped: true },
  registerMember: { action: 'party_member.register', roles: COMMUNITY_STAFF, scoped: true },
  /** A unit registers with its street: the street records it, or the unit itself. */
  registerUnit: {
    action: 'party_unit.register',
    roles: ['street_dispatcher', 'district_admin', 'dept_handler'],
    scoped: true,
  },
  /** Service records: the community, its grid workers, or the member's unit; the community confirms. */
  recordService: {
    action: 'participation_service.record',
    roles: [...COMMUNITY_STAFF, 'grid_worker', 'dept_handler'],
    scoped: true,
  },
  reviewService: { action: 'participation_service.review', roles: COMMUNITY_STAFF, scoped: true },
  manageVolunteers: {
    action: 'volunteer.manage',
    roles: [...COMMUNITY_STAFF, 'grid_worker'],
    scoped: true,
  },
  /** Rates and cadence: each reader sees the rows of their jurisdiction. */
  reports: {
    action: 'participation.report',
    roles: [
      'district_admin',
      'supervisor',
      'auditor',
      'street_dispatcher',
      'community_worker',
      'dept_handler',
    ],
    scoped: true,
  },
  /** Residents' proposals and supports are recorded by the community and its grid workers. */
  proposeTopic: {
    action: 'consultation_topic.propose',
    roles: [...COMMUNITY_STAFF, 'grid_worker'],
    scoped: true,
  },
  runMeetings: { action: 'consultation_meeting.manage', roles: COMMUNITY_STAFF, scoped: true },
  /** The community follows up every resolution; an owner unit reports on its own. */
  followUp: {
    action: 'consultation_resolution.follow_up',
    roles: [...COMMUNITY_STAFF, 'dept_handler'],
    scoped: true,
  },
  manageProjects: { action: 'opinion_project.manage', roles: COMMUNITY_STAFF, scoped: true },
  /** Feasibility approval (立项审批) is the street's (or district's), never the proposing community's. */
  approveProjects: {
    action: 'opinion_project.approve',
    roles: ['street_dispatcher', 'district_admin'],
    scoped: true,
  },
  reportProgress: {
    action: 'opinion_project.progress',
    roles: [...COMMUNITY_STAFF, 'dept_handler'],
    scoped: true,
  },
  readSettings: { action: 'participation_settings.read', roles: ALL_STAFF, scoped: false },
  settings: { action: 'participation_settings.update', roles: ['district_admin'], scoped: false },
} as const satisfies Record<string, PolicyRule>;
