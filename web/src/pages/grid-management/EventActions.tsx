import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Radio, Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useDepartments, useUnits } from '../../api/queries.ts';
import { ActionDialogs } from '../../components/ActionDialogs.tsx';
import { PhotoPicker } from '../grid-work/PhotoPicker.tsx';
import { type Attachment, type EventActionKind, type EventDetail, mgmtKeys } from './grid-management-api.ts';

/** The order actions are offered in: the usual next step of the closed loop first. */
const ORDER: EventActionKind[] = [
  'register',
  'dispatch',
  'dispose',
  'verify',
  'close',
  'review_extension',
  'escalate',
  'request_extension',
  'close_on_spot',
  'reject',
];
const PRIMARY = new Set<EventActionKind>(['register', 'dispatch', 'dispose', 'verify', 'close']);
const DANGER = new Set<EventActionKind>(['reject']);

type Values = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
/** The ids of the photos attached in the dialog (uploaded already with POST /api/files). */
const evidence = (v: unknown) => ((v as Attachment[] | undefined) ?? []).map((p) => p.id);

/** The body POST /api/grid-events/:id/actions wants (src/grid-work/event-actions.ts). */
function toBody(kind: EventActionKind, v: Values): Record<string, unknown> {
  switch (kind) {
    case 'close_on_spot':
    case 'dispose':
      return { kind, result: v.result, evidence: evidence(v.evidence) };
    case 'reject':
      return { kind, reason: v.reason };
    case 'escalate':
      return { kind, note: v.note };
    case 'dispatch':
      return { kind, handlerUnitCode: v.handlerUnitCode, demandCode: text(v.demandCode), note: text(v.note) };
    case 'request_extension':
      return { kind, workingDays: v.workingDays, reason: v.reason };
    case 'review_extension':
      return { kind, approve: v.approve === true, note: text(v.note) };
    case 'verify':
      return { kind, passed: v.passed !== false, note: text(v.note), evidence: evidence(v.evidence) };
    default:
      return { kind, note: text(v.note) };
  }
}

/** Where the managing level may dispatch: a community to itself; a street to itself, its communities, a department. */
function HandlerField({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const owner = event.owner;
  const street = event.level === 'street';
  const communities = useUnits({ parent: owner?.code ?? '' }, street && Boolean(owner));
  const departments = useDepartments();
  const self = owner ? [{ value: owner.code, label: `${owner.name}（${t('gridMgmt.actions.self')}）` }] : [];
  const options: SelectProps['options'] = street
    ? [
        { label: t('gridMgmt.actions.self'), options: self },
        {
          label: t('gridMgmt.actions.communities'),
          options: (communities.data ?? [])
            .filter((u) => u.level === 'community')
            .map((u) => ({ value: u.code, label: u.name })),
        },
        {
          label: t('gridMgmt.actions.departments'),
          options: (departments.data ?? [])
            .filter((d) => d.level === 'department')
            .map((d) => ({ value: d.code, label: d.name })),
        },
      ]
    : self;
  return (
    <Form.Item
      name="handlerUnitCode"
      label={t('gridMgmt.actions.handler')}
      initialValue={street ? undefined : owner?.code}
      rules={[{ required: true, message: t('gridMgmt.actions.pickOne') }]}
    >
      <Select showSearch optionFilterProp="label" options={options} data-testid="dispatch-handler" />
    </Form.Item>
  );
}

function ActionFields({
  kind,
  event,
  onUploading,
}: {
  kind: EventActionKind;
  event: EventDetail;
  onUploading: (busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const passed = Form.useWatch('passed', form);
  const a = (k: string) => t(`gridMgmt.actions.${k}`);
  const area = (name: string, label: string, min: number | null) => (
    <Form.Item
      name={name}
      label={label}
      rules={min === null ? [] : [{ required: true, min, message: t('gridMgmt.actions.minChars', { min }) }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );
  const choice = (name: string, label: string, yes: string, no: string) => (
    <Form.Item name={name} label={label} initialValue={true} rules={[{ required: true }]}>
      <Radio.Group
        options={[
          { value: true, label: yes },
          { value: false, label: no },
        ]}
      />
    </Form.Item>
  );
  const photos = (
    <Form.Item name="evidence" label={a('evidence')} initialValue={[]}>
      <PhotoPicker onUploading={onUploading} testId="event-evidence" />
    </Form.Item>
  );
  switch (kind) {
    case 'close_on_spot':
    case 'dispose':
      return (
        <>
          {area('result', a('result'), 2)}
          {photos}
        </>
      );
    case 'reject':
      return area('reason', a('reason'), 2);
    case 'escalate':
      return area('note', a('reason'), 2);
    case 'dispatch':
      return (
        <>
          <HandlerField event={event} />
          {event.level === 'street' ? (
            <Form.Item name="demandCode" label={a('demandCode')}>
              <Input maxLength={20} placeholder="JD…" />
            </Form.Item>
          ) : null}
          {area('note', a('note'), null)}
        </>
      );
    case 'request_extension':
      return (
        <>
          <Form.Item
            name="workingDays"
            label={a('workingDays')}
            initialValue={3}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={30} />
          </Form.Item>
          {area('reason', a('reason'), 2)}
        </>
      );
    case 'review_extension':
      return (
        <>
          {choice('approve', a('decision'), a('approve'), a('deny'))}
          {area('note', a('note'), null)}
        </>
      );
    case 'verify':
      return (
        <>
          {choice('passed', a('verdict'), a('pass'), a('fail'))}
          {passed === false ? area('note', a('failReason'), 2) : area('note', a('note'), null)}
          {photos}
        </>
      );
    default:
      return area('note', a('note'), null);
  }
}

/** 办理: only the actions the server lists in allowedActions, each with its form in a dialog. */
export function EventActions({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const act = useMutation({
    mutationFn: ({ kind, values }: { kind: EventActionKind; values: Values }) =>
      api<EventDetail>(`/api/grid-events/${event.id}/actions`, {
        method: 'POST',
        body: toBody(kind, values),
      }),
    onSuccess: (data, { kind }) => {
      queryClient.setQueryData(mgmtKeys.event(event.id), data);
      void queryClient.invalidateQueries({ queryKey: [...mgmtKeys.all, 'events'] });
      void queryClient.invalidateQueries({ queryKey: ['todo'] });
      void message.success(t('gridMgmt.actions.done', { action: t(`gridMgmt.actions.names.${kind}`) }));
    },
  });
  return (
    <ActionDialogs<EventActionKind>
      title={t('gridMgmt.actions.title')}
      none={t('gridMgmt.actions.none')}
      submitText={t('gridMgmt.actions.submit')}
      cancelText={t('common.cancel')}
      allowed={ORDER.filter((k) => event.allowedActions.includes(k))}
      primary={PRIMARY}
      danger={DANGER}
      nameOf={(k) => t(`gridMgmt.actions.names.${k}`)}
      testIds={{
        card: 'event-actions',
        none: 'event-no-actions',
        buttonPrefix: 'event-action',
        form: 'event-action-form',
        submit: 'event-action-submit',
      }}
      pending={act.isPending}
      submitDisabled={uploading}
      submit={(kind, values) => act.mutateAsync({ kind, values })}
      fields={(kind) => <ActionFields kind={kind} event={event} onUploading={setUploading} />}
    />
  );
}
