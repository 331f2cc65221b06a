import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { demandKeys, type UnitOption, useDemandUnits } from '../../api/demand-queries.ts';
import { type ActionKind, type DemandDetail, SATISFACTION } from '../../api/demand-types.ts';
import { useUnits } from '../../api/queries.ts';
import { ActionDialogs } from '../../components/ActionDialogs.tsx';

/** The order actions are offered in: the usual next step first. */
const ORDER: ActionKind[] = [
  'sign',
  'contact',
  'reply',
  'dispatch',
  'callback',
  'close',
  'review_return',
  'review_extension',
  'review_appeal',
  'redispatch',
  'add_co',
  'request_extension',
  'return',
  'reopen',
  'appeal',
  'escalate',
  'merge',
];
const PRIMARY = new Set<ActionKind>(['sign', 'reply', 'dispatch', 'callback', 'review_return']);
const DANGER = new Set<ActionKind>(['return', 'escalate', 'reopen', 'appeal']);

type Values = Record<string, unknown>;

/** The body the API wants for an action, from the form's values. */
function toBody(kind: ActionKind, v: Values): Record<string, unknown> {
  switch (kind) {
    case 'dispatch':
      return { kind, ownerUnitCode: v.ownerUnitCode, coUnitCodes: v.coUnitCodes ?? [], note: v.note || null };
    case 'reply': {
      const evidence = v.evidenceName && v.evidenceUrl ? [{ name: v.evidenceName, url: v.evidenceUrl }] : [];
      return { kind, result: v.result, evidence };
    }
    case 'callback':
      return {
        kind,
        reached: v.reached !== false,
        resolved: v.reached === false ? null : v.resolved,
        satisfaction: v.reached === false ? null : v.satisfaction,
        note: v.note || null,
      };
    case 'review_return':
    case 'review_extension':
    case 'review_appeal':
      return { kind, approve: v.approve === true, note: v.note };
    case 'request_extension':
      return {
        kind,
        workingDays: v.workingDays,
        reason: v.reason,
        callerInformed: v.callerInformed === true,
      };
    default:
      return { kind, ...v };
  }
}

/** The unit that owns the demand now (from its last dispatch event). */
function currentOwner(d: DemandDetail): { code: string; name: string } | null {
  for (let i = d.events.length - 1; i >= 0; i--) {
    const e = d.events[i];
    if (!e || !['dispatched', 'redispatched', 'reopened'].includes(e.type)) continue;
    const o = e.data.owner as { code?: string; name?: string } | undefined;
    if (o?.code) return { code: o.code, name: o.name ?? o.code };
  }
  return null;
}

const unitOptions = (units: UnitOption[]) => units.map((u) => ({ value: u.code, label: u.name }));

function ActionFields({ kind, demand }: { kind: ActionKind; demand: DemandDetail }) {
  const { t } = useTranslation();
  const units = useDemandUnits();
  const owner = currentOwner(demand);
  const ownCommunities = useUnits({ parent: owner?.code ?? '' }, kind === 'redispatch' && Boolean(owner));
  const form = Form.useFormInstance();
  const reached = Form.useWatch('reached', form);
  const dispatchOptions = useMemo(
    () => [
      { label: t('intake.streets'), options: unitOptions(units.streets) },
      { label: t('intake.departments'), options: unitOptions(units.departments) },
    ],
    [units.streets, units.departments, t],
  );
  const note = (required: boolean, min = 2, label = t('actions.note')) => (
    <Form.Item
      name="note"
      label={label}
      rules={required ? [{ required: true, min, message: t('actions.minChars', { min }) }] : []}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
    </Form.Item>
  );
  const reason = (min = 4) => (
    <Form.Item
      name="reason"
      label={t('actions.reason')}
      rules={[{ required: true, min, message: t('actions.minChars', { min }) }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );
  const approve = (
    <Form.Item
      name="approve"
      label={t('actions.decision')}
      rules={[{ required: true, message: t('actions.pickOne') }]}
    >
      <Radio.Group
        options={[
          { value: true, label: t('actions.approve') },
          { value: false, label: t('actions.deny') },
        ]}
      />
    </Form.Item>
  );
  switch (kind) {
    case 'dispatch':
      return (
        <>
          <Form.Item
            name="ownerUnitCode"
            label={t('intake.owner')}
            rules={[{ required: true, message: t('actions.pickOne') }]}
          >
            <Select showSearch optionFilterProp="label" options={dispatchOptions} />
          </Form.Item>
          <Form.Item name="coUnitCodes" label={t('intake.coUnits')}>
            <Select mode="multiple" showSearch optionFilterProp="label" options={dispatchOptions} />
          </Form.Item>
          {note(false)}
        </>
      );
    case 'sign':
    case 'close':
      return note(false);
    case 'contact':
    case 'escalate':
    case 'reopen':
      return note(true);
    case 'reply':
      return (
        <>
          <Form.Item
            name="result"
            label={t('actions.result')}
            rules={[{ required: true, min: 5, message: t('actions.minChars', { min: 5 }) }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="evidenceName" label={t('actions.evidenceName')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="evidenceUrl" label={t('actions.evidenceUrl')}>
              <Input maxLength={2000} />
            </Form.Item>
          </Space>
        </>
      );
    case 'callback':
      return (
        <>
          <Form.Item name="reached" label={t('actions.reached')} valuePropName="checked" initialValue={true}>
            <Switch />
          </Form.Item>
          {reached === false ? null : (
            <>
              <Form.Item
                name="resolved"
                label={t('actions.resolved')}
                rules={[{ required: true, message: t('actions.pickOne') }]}
              >
                <Radio.Group
                  options={[
                    { value: true, label: t('timeline.resolved') },
                    { value: false, label: t('timeline.unresolved') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="satisfaction"
                label={t('actions.satisfaction')}
                rules={[{ required: true, message: t('actions.pickOne') }]}
              >
                <Radio.Group
                  options={SATISFACTION.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))}
                />
              </Form.Item>
            </>
          )}
          {note(false)}
        </>
      );
    case 'return':
    case 'appeal':
      return reason(4);
    case 'review_return':
    case 'review_extension':
    case 'review_appeal':
      return (
        <>
          {approve}
          {note(true)}
        </>
      );
    case 'redispatch':
      return (
        <>
          <Form.Item
            name="toUnitCode"
            label={t('actions.toUnit')}
            rules={[{ required: true, message: t('actions.pickOne') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="redispatch-target"
              options={[
                {
                  label: t('actions.ownCommunities'),
                  options: (ownCommunities.data ?? [])
                    .filter((u) => u.level === 'community')
                    .map((u) => ({ value: u.code, label: u.name })),
                },
                { label: t('intake.departments'), options: unitOptions(units.departments) },
              ]}
            />
          </Form.Item>
          {note(true)}
        </>
      );
    case 'add_co':
      return (
        <>
          <Form.Item
            name="unitCode"
            label={t('actions.coUnit')}
            rules={[{ required: true, message: t('actions.pickOne') }]}
          >
            <Select showSearch optionFilterProp="label" options={dispatchOptions} />
          </Form.Item>
          {note(false)}
        </>
      );
    case 'request_extension':
      return (
        <>
          <Form.Item
            name="workingDays"
            label={t('actions.workingDays')}
            rules={[{ required: true, message: t('actions.pickOne') }]}
          >
            <InputNumber min={1} max={30} />
          </Form.Item>
          {reason(4)}
          <Form.Item
            name="callerInformed"
            valuePropName="checked"
            rules={[
              {
                validator: (_r, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error(t('actions.mustInform'))),
              },
            ]}
          >
            <Checkbox>{t('actions.callerInformed')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <Form.Item
          name="intoCode"
          label={t('actions.intoCode')}
          rules={[{ required: true, min: 4, message: t('actions.pickOne') }]}
        >
          <Input placeholder="JD…" />
        </Form.Item>
      );
  }
}

/**
 * 办理: only the actions the server says this person may take now (allowedActions), each with its
 * form in a dialog; the answer replaces the detail (new status, timeline, next actions).
 */
export function ActionPanel({ demand }: { demand: DemandDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: ({ kind, values }: { kind: ActionKind; values: Values }) =>
      api<DemandDetail>(`/api/demands/${demand.id}/actions`, { method: 'POST', body: toBody(kind, values) }),
    onSuccess: (data, { kind }) => {
      queryClient.setQueryData(demandKeys.detail(demand.id), data);
      void queryClient.invalidateQueries({ queryKey: ['demands', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['todo'] });
      void message.success(t('actions.done', { action: t(`actionNames.${kind}`) }));
    },
  });
  return (
    <ActionDialogs<ActionKind>
      title={t('actions.title')}
      none={t('actions.none')}
      submitText={t('actions.submit')}
      cancelText={t('common.cancel')}
      allowed={ORDER.filter((k) => demand.allowedActions.includes(k))}
      primary={PRIMARY}
      danger={DANGER}
      nameOf={(k) => t(`actionNames.${k}`)}
      testIds={{
        card: 'action-panel',
        none: 'no-actions',
        buttonPrefix: 'action',
        form: 'action-form',
        submit: 'action-submit',
      }}
      pending={act.isPending}
      submit={(kind, values) => act.mutateAsync({ kind, values })}
      fields={(kind) => <ActionFields kind={kind} demand={demand} />}
    />
  );
}
