import {
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PROJECT_COLORS, ProjectRow } from './ProjectsTab.tsx';
import { type ProjectDetail, pct, usePAction, usePList } from './participation-api.ts';

/** The form of one action; fields follow src/participation/opinion-projects/model.ts. */
function ActionForm({ project, kind, onDone }: { project: ProjectDetail; kind: string; onDone: () => void }) {
  const { t } = useTranslation();
  const act = usePAction<Record<string, unknown>>();
  const [form] = Form.useForm();
  const submit = (v: Record<string, unknown>) => {
    const body: Record<string, unknown> = { kind, ...v };
    if (kind === 'approve') {
      body.milestones = String(v.milestones ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((title) => ({ title }));
    }
    act.mutate({ path: `/projects/${project.id}/actions`, body }, { onSuccess: onDone });
  };
  const reason = (
    <Form.Item name="reason" label={t('participation.projects.reason')} rules={[{ required: true, min: 2 }]}>
      <Input.TextArea autoSize={{ minRows: 2 }} />
    </Form.Item>
  );
  const fields: Record<string, ReactNode> = {
    put_to_consultation: null,
    approve: (
      <>
        <Form.Item
          name="feasibility"
          label={t('participation.projects.feasibility')}
          rules={[{ required: true, min: 4 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="budgetYuan" label={t('participation.projects.budget')}>
          <InputNumber min={0} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="milestones"
          label={t('participation.projects.milestonePlan')}
          rules={[{ required: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} placeholder={t('participation.projects.milestoneHint')} />
        </Form.Item>
      </>
    ),
    reject: reason,
    cancel: reason,
    add_milestone: (
      <Form.Item
        name={['milestone', 'title']}
        label={t('participation.projects.milestone')}
        rules={[{ required: true, min: 2 }]}
      >
        <Input />
      </Form.Item>
    ),
    report_progress: (
      <>
        <Form.Item
          name="milestoneId"
          label={t('participation.projects.milestone')}
          rules={[{ required: true }]}
        >
          <Select
            options={project.milestones
              .filter((m) => m.progress < 100)
              .map((m) => ({ value: m.id, label: m.title }))}
          />
        </Form.Item>
        <Form.Item name="progress" label={t('participation.projects.progress')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} addonAfter="%" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('participation.consultation.progressNote')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </>
    ),
    complete: (
      <Form.Item name="note" label={t('participation.consultation.progressNote')}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
    ),
    evaluate: (
      <>
        <Space wrap>
          {(['satisfied', 'basicallySatisfied', 'unsatisfied'] as const).map((k) => (
            <Form.Item
              key={k}
              name={k}
              label={t(`participation.projects.${k}`)}
              rules={[{ required: true }]}
              initialValue={0}
            >
              <InputNumber min={0} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item
          name="summary"
          label={t('participation.projects.evaluationSummary')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </>
    ),
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      {fields[kind]}
      <Button
        type="primary"
        htmlType="submit"
        loading={act.isPending}
        danger={kind === 'reject' || kind === 'cancel'}
      >
        {t(`participation.projects.actions.${kind}`)}
      </Button>
    </Form>
  );
}

/** 民意立项详情: where it came from, the plan and its progress, sub-projects, the steps, what may be done now. */
export default function ProjectPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const q = usePList<ProjectDetail>(`/projects/${id ?? ''}`, {}, Boolean(id));
  const [kind, setKind] = useState<string | null>(null);
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  const p = q.data;
  return (
    <>
      <PageHeader
        title={p.title}
        sub={`${p.code} · ${p.unit.name}`}
        extra={
          <LinkButton to={p.parentId ? `/participation/projects/${p.parentId}` : '/participation/projects'}>
            {t('participation.back')}
          </LinkButton>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small">
              <Space wrap style={{ marginBottom: 8 }}>
                <Tag color={PROJECT_COLORS[p.status]}>{p.statusName}</Tag>
                {p.evaluation ? (
                  <Tag color="green">
                    {t('participation.projects.satisfaction')} {pct(p.evaluation.satisfaction)}
                  </Tag>
                ) : null}
              </Space>
              <Progress percent={p.progress} />
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('participation.projects.owner')}>
                  {p.ownerUnitName ?? p.unit.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('participation.projects.budget')}>
                  {p.budgetYuan ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('participation.projects.feasibility')} span={2}>
                  {p.feasibility ?? '—'}
                </Descriptions.Item>
                {p.closingReason ? (
                  <Descriptions.Item label={t('participation.projects.reason')} span={2}>
                    {p.closingReason}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
              <p style={{ whiteSpace: 'pre-wrap' }}>{p.description}</p>
            </Card>
            <Card size="small" title={t('participation.projects.milestones')}>
              <List
                size="small"
                dataSource={p.milestones}
                locale={{ emptyText: t('participation.projects.noMilestones') }}
                renderItem={(m) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${m.title}${m.dueOn ? `（${m.dueOn}）` : ''}`}
                      description={
                        <>
                          <Progress percent={m.progress} size="small" />
                          {m.lastNote ? <span className="jd-muted">{m.lastNote}</span> : null}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
            {p.children.length > 0 ? (
              <Card size="small" title={t('participation.projects.children')}>
                <List size="small" dataSource={p.children} renderItem={(c) => <ProjectRow p={c} />} />
              </Card>
            ) : null}
            {p.allowedActions.length > 0 ? (
              <Card size="small" title={t('participation.projects.next')}>
                <Space wrap style={{ marginBottom: 8 }}>
                  {p.allowedActions.map((a) => (
                    <Button key={a} type={kind === a ? 'primary' : 'default'} onClick={() => setKind(a)}>
                      {t(`participation.projects.actions.${a}`)}
                    </Button>
                  ))}
                </Space>
                {kind && p.allowedActions.includes(kind) ? (
                  <ActionForm key={kind} project={p} kind={kind} onDone={() => setKind(null)} />
                ) : null}
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('participation.projects.origin')}>
              <List
                size="small"
                dataSource={[
                  ...p.topics.map((x) => ({
                    key: x.id,
                    text: `${t('participation.projects.topic')}：${x.title}`,
                  })),
                  ...p.demands.map((d) => ({
                    key: d.id,
                    text: `${t('participation.projects.demand')} ${d.code}：${d.content}`,
                  })),
                ]}
                locale={{ emptyText: '—' }}
                renderItem={(x) => <List.Item key={x.key}>{x.text}</List.Item>}
              />
            </Card>
            <Card size="small" title={t('participation.projects.steps')}>
              <Timeline
                items={p.steps.map((s) => ({
                  key: s.seq,
                  children: (
                    <div>
                      <strong>{s.name}</strong>{' '}
                      <span className="jd-muted">
                        {formatTime(s.at)} · {s.actor}
                      </span>
                      {s.note ? <div>{s.note}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </>
  );
}
