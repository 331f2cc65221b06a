import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useUnits } from '../../../api/queries.ts';
import type { Items } from '../../../api/types.ts';
import { useMe } from '../../../app/session.ts';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { formatTime } from '../../../components/format.ts';
import { type OneTimeNotice, SERVE_ROLES, type ServiceCase, useCan, useLp } from '../lists-api.ts';
import { StaffName } from '../shared.tsx';
import { AcceptModal, CompleteModal } from './CaseActions.tsx';
import { NoticeModal } from './NoticeModal.tsx';
import { type CaseResult, OpenCaseModal } from './OpenCaseModal.tsx';
import { dueLabel, remainingLabel, STATUS_COLOR } from './service-format.ts';

/**
 * 便民服务: a station's cases — one-window intake, appointments, proxy handling, the one-time notice,
 * and completion against the working-day deadline (due date, time left, overdue). A community worker
 * works at their own community's station; streets and the district pick one.
 */
export function ServiceTab() {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.service.${k}`, o ?? {});
  const me = useMe().data;
  const canServe = useCan(SERVE_ROLES);
  const ownStation = me?.user.unit.level === 'community' ? me.user.unit.code : undefined;
  const communities = useUnits({ level: 'community' }, !ownStation);
  const [picked, setPicked] = useState<string | undefined>();
  const station = ownStation ?? picked ?? communities.data?.[0]?.code;
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [opening, setOpening] = useState(false);
  const [shown, setShown] = useState<{ notice: OneTimeNotice; serviceCase?: ServiceCase } | null>(null);
  const [accepting, setAccepting] = useState<ServiceCase | null>(null);
  const [completing, setCompleting] = useState<ServiceCase | null>(null);
  const cases = useLp<Items<ServiceCase>>(
    '/api/service/cases',
    { station, overdue: overdueOnly ? 'true' : undefined },
    Boolean(station),
  );
  const showResult = (r: CaseResult) => {
    setOpening(false);
    setAccepting(null);
    setShown({ notice: r.notice, serviceCase: r.serviceCase });
  };
  /** The notice of a case, with the case's own marks: what it still lacks. */
  const caseNotice = useMutation({
    mutationFn: (c: ServiceCase) =>
      api<OneTimeNotice>('/api/service/notice', { query: { station: c.stationCode, item: c.itemCode } }),
    onSuccess: (notice, c) => {
      const materials = notice.materials.map((m) => ({
        name: m.name,
        provided: !c.missingMaterials.includes(m.name),
      }));
      setShown({ notice: { ...notice, materials, missing: c.missingMaterials }, serviceCase: c });
    },
  });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        {ownStation ? (
          <Typography.Text strong>{l('stationIs', { name: me?.user.unit.name ?? '' })}</Typography.Text>
        ) : (
          <Select
            showSearch
            optionFilterProp="label"
            value={station}
            onChange={setPicked}
            loading={communities.isPending}
            options={(communities.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            style={{ minWidth: 220 }}
            aria-label={l('station')}
          />
        )}
        <Space>
          <Switch checked={overdueOnly} onChange={setOverdueOnly} aria-label={l('overdueOnly')} />
          <span>{l('overdueOnly')}</span>
        </Space>
        {canServe && station ? (
          <Button type="primary" onClick={() => setOpening(true)} data-testid="open-case">
            {l('openTitle')}
          </Button>
        ) : null}
      </Flex>
      {cases.isError ? (
        <ErrorResult error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <Table<ServiceCase>
          rowKey="id"
          size="small"
          loading={cases.isPending && Boolean(station)}
          dataSource={cases.data?.items ?? []}
          scroll={{ x: 1100 }}
          data-testid="service-cases"
          columns={[
            { title: l('item'), render: (_: unknown, c) => `${c.itemCode} ${c.itemName}` },
            {
              title: l('applicant'),
              width: 130,
              render: (_: unknown, c) => [c.applicantName, c.applicantPhone].filter(Boolean).join(' '),
            },
            {
              title: l('channel'),
              width: 150,
              render: (_: unknown, c) => (
                <Space direction="vertical" size={0}>
                  <span>{l(`channels.${c.channel}`)}</span>
                  {c.proxyAgent ? (
                    <Typography.Text type="secondary">{l('proxyBy', { name: c.proxyAgent })}</Typography.Text>
                  ) : null}
                  {c.appointmentAt ? (
                    <Typography.Text type="secondary">{formatTime(c.appointmentAt)}</Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: l('firstResponder'),
              width: 100,
              render: (_: unknown, c) => (
                <StaffName name={c.firstResponderName} username={c.firstResponder} testId="case-responder" />
              ),
            },
            {
              title: l('status'),
              width: 110,
              render: (_: unknown, c) => (
                <Space direction="vertical" size={2}>
                  <Tag color={STATUS_COLOR[c.status]}>{l(`statuses.${c.status}`)}</Tag>
                  {c.completedOnTime === false ? <Tag color="red">{l('late')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: l('dueAt'),
              width: 190,
              render: (_: unknown, c) => (
                <Space direction="vertical" size={0} data-testid="case-due">
                  <span>{dueLabel(c.dueAt)}</span>
                  {c.overdue ? <Tag color="red">{l('overdue')}</Tag> : null}
                  {remainingLabel(t, c) ? (
                    <Typography.Text type={c.overdue ? 'danger' : 'secondary'}>
                      {remainingLabel(t, c)}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '',
              width: 200,
              render: (_: unknown, c) => (
                <Space wrap>
                  <Button size="small" type="link" onClick={() => caseNotice.mutate(c)}>
                    {l('notice')}
                  </Button>
                  {canServe && (c.status === 'appointed' || c.status === 'notified') ? (
                    <Button size="small" onClick={() => setAccepting(c)}>
                      {l('accept')}
                    </Button>
                  ) : null}
                  {canServe && c.status === 'accepted' ? (
                    <Button size="small" type="primary" onClick={() => setCompleting(c)}>
                      {l('complete')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      {station && canServe ? (
        <OpenCaseModal
          open={opening}
          station={station}
          onClose={() => setOpening(false)}
          onDone={showResult}
          onBlankNotice={(notice) => setShown({ notice })}
        />
      ) : null}
      <AcceptModal serviceCase={accepting} onClose={() => setAccepting(null)} onDone={showResult} />
      <CompleteModal serviceCase={completing} onClose={() => setCompleting(null)} />
      <NoticeModal
        notice={shown?.notice ?? null}
        serviceCase={shown?.serviceCase ?? null}
        onClose={() => setShown(null)}
      />
    </Space>
  );
}
