import { z } from 'zod';
import { civilDate, communityCode, hours, idNumber, personName, phone } from '../model.ts';

/** 志愿者注册: the person and the community they register at. */
export const RegisterVolunteerInput = z.object({
  communityCode,
  name: personName,
  phone: phone.nullish(),
  idNumber: idNumber.nullish(),
  skills: z.string().trim().max(200).nullish(),
  registeredOn: civilDate.optional(),
});
export type RegisterVolunteerInput = z.input<typeof RegisterVolunteerInput>;

/** From which day a volunteer leaves and why. */
export const DeregisterVolunteerInput = z.object({
  leftOn: civilDate.optional(),
  reason: z.string().trim().min(2, '请说明原因').max(200),
});
export type DeregisterVolunteerInput = z.input<typeof DeregisterVolunteerInput>;

/** 志愿服务队: a community's team, its service and (optionally) a leader among its volunteers. */
export const CreateTeamInput = z.object({
  communityCode,
  name: z.string().trim().min(2, '队名至少 2 个字').max(50),
  serviceType: z.string().trim().min(2).max(30),
  leaderId: z.uuid().nullish(),
  memberIds: z.array(z.uuid()).max(500).default([]),
  description: z.string().trim().max(500).nullish(),
});
export type CreateTeamInput = z.input<typeof CreateTeamInput>;

/** Volunteers to add to a team. */
export const AddTeamMembersInput = z.object({ volunteerIds: z.array(z.uuid()).min(1).max(500) });
export type AddTeamMembersInput = z.input<typeof AddTeamMembersInput>;

/** Hours a volunteer served: what, when, how long, for which team. */
export const RecordVolunteerServiceInput = z.object({
  title: z.string().trim().min(2, '请填写服务内容').max(200),
  servedOn: civilDate,
  hours,
  teamId: z.uuid().nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type RecordVolunteerServiceInput = z.input<typeof RecordVolunteerServiceInput>;
