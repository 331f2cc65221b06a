import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { demandKeys, useCategories, useDemandUnits } from '../../api/demand-queries.ts';
import {
  DEMAND_TYPES,
  type DemandDetail,
  type DemandSuggestion,
  REFUSAL_REASONS,
  type RefusalReason,
} from '../../api/demand-types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { randomId } from '../../components/random-id.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { SuggestionPanel } from './SuggestionPanel.tsx';

type Mode = 'dispatch' | 'answer' | 'refuse' | 'record';
const MODES: Mode[] = ['dispatch', 'answer', 'refuse', 'record'];

interface IntakeForm {
  callerName?: string;
  callerPhone?: string;
  type: (typeof DEMAND_TYPES)[number];
  urgent: boolean;
  address?: string;
  content: string;
  categoryCode?: string;
  ownerUnitCode?: string;
  coUnitCodes?: string[];
  answer?: string;
  refuseReason?: RefusalReason;
  refuseNote?: string;
}

const INITIAL: Partial<IntakeForm> = { type: '投诉', urgent: false, coUnitCodes: [] };

/**
 * 12345 受理 — built for a phone call: the operator types while the caller talks; grid, category,
 * owner, duplicates and refusal hints follow live (debounced). Ctrl+Enter files it in the chosen
 * mode (派单 / 直接答复 / 不予受理 / 仅登记; Alt+1…4 switch). Each form carries its own
 * Idempotency-Key, so a double click or a retry creates one demand.
 */
export default function IntakePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<IntakeForm>();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const units = useDemandUnits();
  const [mode, setMode] = useState<Mode>('dispatch');
  const [last, setLast] = useState<DemandDetail | null>(null);
  const idempotencyKey = useRef(randomId());
  const contentRef = useRef<TextAreaRef>(null);

  const content = Form.useWatch('content', form) ?? '';
  const address = Form.useWatch('address', form) ?? '';
  const categoryCode = Form.useWatch('categoryCode', form);
  const probe = useDebounced({ content: content.trim(), address: address.trim(), categoryCode }, 400);
  const suggest = useQuery({
    queryKey: ['demand-suggest', probe],
    queryFn: ({ signal }) =>
      api<DemandSuggestion>('/api/demands/suggest', {
        method: 'POST',
        body: {
          content: probe.content,
          address: probe.address || null,
          categoryCode: probe.categoryCode ?? null,
        },
        signal,
      }),
    enabled: probe.content.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const suggestion = probe.content.length >= 2 ? suggest.data : undefined;

  const create = useMutation({
    mutationFn: (values: IntakeForm) => {
      const action =
        mode === 'dispatch'
          ? {
              kind: 'dispatch' as const,
              ownerUnitCode: values.ownerUnitCode || null,
              coUnitCodes: values.ownerUnitCode ? (values.coUnitCodes ?? []) : [],
            }
          : mode === 'answer'
            ? { kind: 'answer' as const, answer: values.answer ?? '' }
            : mode === 'refuse'
              ? { kind: 'refuse' as const, reason: values.refuseReason, note: values.refuseNote || null }
              : { kind: 'record' as const };
      return api<DemandDetail>('/api/demands', {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey.current },
        body: {
          caller: { name: values.callerName || null, phone: values.callerPhone || null },
          content: values.content,
          type: values.type,
          channel: 'hotline',
          urgency: values.urgent ? 'urgent' : 'normal',
          address: values.address || null,
          categoryCode: values.categoryCode || null,
          action,
        },
      });
    },
    onSuccess: (demand) => {
      setLast(demand);
      idempotencyKey.current = randomId();
      form.resetFields();
      setMode('dispatch');
      void queryClient.invalidateQueries({ queryKey: demandKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['todo'] });
      contentRef.current?.focus();
    },
  });

  const submit = useCallback(() => {
    if (create.isPending) return;
    form.submit();
  }, [create.isPending, form]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        submit();
      } else if (e.altKey && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault();
        setMode(MODES[Number(e.key) - 1] as Mode);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit]);

  const categoryOptions = useMemo(
    () => (categories.data ?? []).map((c) => ({ value: c.code, label: c.path })),
    [categories.data],
  );
  const ownerOptions = useMemo(
    () => [
      {
        label: t('intake.streets'),
        options: units.streets.map((u) => ({ value: u.code, label: u.name })),
      },
      {
        label: t('intake.departments'),
        options: units.departments.map((u) => ({ value: u.code, label: u.name })),
      },
    ],
    [units.streets, units.departments, t],
  );
  const ownerCode = Form.useWatch('ownerUnitCode', form);
  const submitLabel = t(`intake.submit.${mode}`);

  return (
    <>
      <PageHeader
        title={t('intake.title')}
        sub={t('intake.shortcuts')}
        extra={<Link to="/demands?status=pending_dispatch">{t('intake.pendingQueue')}</Link>}
      />
      {last ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          closable
          onClose={() => setLast(null)}
          style={{ marginBottom: 12 }}
          data-testid="intake-result"
          message={
            <Space wrap>
              <span>{t('intake.created')}</span>
              <Typography.Text copyable strong data-testid="created-code">
                {last.code}
              </Typography.Text>
              <Tag>{t(`demandStatus.${last.status}`)}</Tag>
            </Space>
          }
          description={
            <Space wrap>
              <span>{t('intake.readCode')}</span>
              <Link to={`/demands/${last.id}`} data-testid="created-link">
                {t('intake.openCreated')}
              </Link>
            </Space>
          }
        />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Form<IntakeForm>
              form={form}
              layout="vertical"
              initialValues={INITIAL}
              onFinish={(values) => create.mutate(values)}
              data-testid="intake-form"
            >
              <Form.Item
                name="content"
                label={t('intake.content')}
                rules={[{ required: true, min: 5, message: t('intake.contentRequired') }]}
              >
                <Input.TextArea
                  ref={contentRef}
                  autoFocus
                  autoSize={{ minRows: 4, maxRows: 10 }}
                  placeholder={t('intake.contentPlaceholder')}
                  maxLength={5000}
                />
              </Form.Item>
              <Form.Item
                name="address"
                label={t('intake.address')}
                rules={[{ required: true, message: t('intake.addressRequired') }]}
              >
                <Input placeholder={t('intake.addressPlaceholder')} maxLength={300} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="callerName" label={t('intake.callerName')}>
                    <Input maxLength={50} autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="callerPhone"
                    label={t('intake.callerPhone')}
                    rules={[{ pattern: /^[\d+\-() ]{5,20}$/, message: t('intake.phoneInvalid') }]}
                  >
                    <Input inputMode="tel" autoComplete="off" />
                  </Form.Item>
                </Col>
              </Row>
              <Space wrap size={16} align="start">
                <Form.Item name="type" label={t('intake.type')}>
                  <Radio.Group
                    optionType="button"
                    options={DEMAND_TYPES.map((v) => ({ value: v, label: v }))}
                  />
                </Form.Item>
                <Form.Item name="urgent" label={t('intake.urgent')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Space>
              <Form.Item name="categoryCode" label={t('intake.category')} extra={t('intake.categoryHint')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={categoryOptions}
                  placeholder={
                    suggestion?.chosenCategory
                      ? t('intake.perSuggestion', { name: suggestion.chosenCategory.path })
                      : t('intake.pickCategory')
                  }
                />
              </Form.Item>

              <Form.Item label={t('intake.mode')}>
                <Segmented<Mode>
                  value={mode}
                  onChange={setMode}
                  options={MODES.map((m, i) => ({
                    value: m,
                    label: `${t(`intake.modes.${m}`)} (Alt+${i + 1})`,
                  }))}
                  data-testid="intake-mode"
                />
              </Form.Item>

              {mode === 'dispatch' ? (
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name="ownerUnitCode" label={t('intake.owner')}>
                      <Select
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        options={ownerOptions}
                        placeholder={
                          suggestion
                            ? t('intake.perSuggestion', { name: suggestion.route.owner.name })
                            : t('intake.ownerPlaceholder')
                        }
                        data-testid="owner-select"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="coUnitCodes" label={t('intake.coUnits')}>
                      <Select
                        mode="multiple"
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        options={ownerOptions}
                        disabled={!ownerCode}
                        placeholder={
                          ownerCode
                            ? t('intake.coPlaceholder')
                            : suggestion?.route.co.map((c) => c.name).join('、') || t('intake.coPlaceholder')
                        }
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ) : null}
              {mode === 'answer' ? (
                <Form.Item
                  name="answer"
                  label={t('intake.answer')}
                  rules={[{ required: true, min: 2, message: t('intake.answerRequired') }]}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                </Form.Item>
              ) : null}
              {mode === 'refuse' ? (
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="refuseReason"
                      label={t('intake.refuseReason')}
                      rules={[{ required: true, message: t('intake.refuseReasonRequired') }]}
                    >
                      <Select
                        options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`refusal.${r}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="refuseNote" label={t('intake.refuseNote')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                </Row>
              ) : null}
              <Button
                type="primary"
                htmlType="submit"
                icon={<SendOutlined />}
                loading={create.isPending}
                danger={mode === 'refuse'}
                size="large"
                data-testid="intake-submit"
              >
                {submitLabel} (Ctrl+Enter)
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <SuggestionPanel
            suggestion={suggestion}
            loading={suggest.isFetching}
            chosenCategory={categoryCode}
            onPickCategory={(code) => form.setFieldValue('categoryCode', code)}
            onRefuse={(reason) => {
              setMode('refuse');
              // the fields mount with the mode: set the reason after they exist
              setTimeout(() => form.setFieldValue('refuseReason', reason), 0);
            }}
          />
        </Col>
      </Row>
    </>
  );
}
