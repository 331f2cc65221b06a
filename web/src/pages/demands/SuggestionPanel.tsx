import {
  AimOutlined,
  ApartmentOutlined,
  CopyOutlined,
  StopOutlined,
  TagsOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DemandSuggestion, RefusalReason } from '../../api/demand-types.ts';
import { ClampedText } from '../../components/ClampedText.tsx';
import { formatTime } from '../../components/format.ts';
import { StatusTag } from './labels.tsx';

/**
 * What the system suggests for the call being typed, each with the why: where (grid → community →
 * street), the top-3 categories with the words that decided, the owner unit with its rule, likely
 * duplicates (links open a new tab, so the call stays on screen) and refusal hints.
 */
export function SuggestionPanel({
  suggestion,
  loading,
  chosenCategory,
  onPickCategory,
  onRefuse,
}: {
  suggestion: DemandSuggestion | undefined;
  loading: boolean;
  chosenCategory: string | undefined;
  onPickCategory: (code: string) => void;
  onRefuse: (reason: RefusalReason) => void;
}) {
  const { t } = useTranslation();
  if (!suggestion) {
    return (
      <Card size="small" title={t('intake.suggestions')} data-testid="suggestions">
        {loading ? <Spin /> : <Empty description={t('intake.typeToSuggest')} />}
      </Card>
    );
  }
  const s = suggestion;
  const loc = s.location;
  const maxWeight = Math.max(0.0001, ...s.categories.flatMap((c) => c.why.tokens.map((x) => x.weight)));
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('intake.suggestions')}
          {loading ? <Spin size="small" /> : null}
        </Space>
      }
      data-testid="suggestions"
      aria-live="polite"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {s.refusalHints.map((h) => (
          <Alert
            key={h.reason}
            type="error"
            showIcon
            icon={<StopOutlined />}
            message={h.message}
            description={t('intake.hintMatched', { words: h.matched })}
            action={
              <Button size="small" danger onClick={() => onRefuse(h.reason)}>
                {t('intake.refuseWith')}
              </Button>
            }
            data-testid="refusal-hint"
          />
        ))}
        {s.duplicates.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            icon={<CopyOutlined />}
            message={t('intake.duplicates', { count: s.duplicates.length })}
            data-testid="duplicates"
            description={
              <List
                size="small"
                dataSource={s.duplicates}
                renderItem={(d) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                      <Space wrap size={4}>
                        <Link to={`/demands/${d.id}`} target="_blank" rel="noopener">
                          {d.code}
                        </Link>
                        <StatusTag status={d.status} />
                        <span className="jd-muted">{formatTime(d.createdAt)}</span>
                      </Space>
                      <ClampedText rows={1} title={d.content} style={{ maxWidth: 360 }}>
                        {d.content}
                      </ClampedText>
                    </Space>
                  </List.Item>
                )}
              />
            }
          />
        ) : null}

        <section aria-label={t('intake.location')} data-testid="suggest-location">
          <Typography.Text strong>
            <AimOutlined /> {t('intake.location')}
          </Typography.Text>
          <div>
            {loc && (loc.grid || loc.community || loc.street) ? (
              <Space wrap size={4}>
                {[loc.street, loc.community, loc.grid]
                  .filter((u): u is NonNullable<typeof u> => Boolean(u))
                  .map((u) => (
                    <Tag key={u.code}>{u.name}</Tag>
                  ))}
                <span className="jd-muted">{t(`intake.locatedBy.${loc.method}`)}</span>
              </Space>
            ) : (
              <Typography.Text type="warning">
                <WarningOutlined /> {t('intake.notLocated')}
              </Typography.Text>
            )}
          </div>
        </section>

        <section aria-label={t('intake.category')} data-testid="suggest-categories">
          <Typography.Text strong>
            <TagsOutlined /> {t('intake.categoryTop')}
          </Typography.Text>
          <List
            size="small"
            dataSource={s.categories.slice(0, 3)}
            renderItem={(c, i) => (
              <List.Item
                style={{ paddingInline: 0 }}
                actions={[
                  <Button
                    key="pick"
                    size="small"
                    type={chosenCategory === c.category ? 'primary' : 'default'}
                    onClick={() => onPickCategory(c.category)}
                    aria-pressed={chosenCategory === c.category}
                    data-testid={`pick-category-${i}`}
                  >
                    {chosenCategory === c.category ? t('intake.picked') : t('intake.pick')}
                  </Button>,
                ]}
              >
                <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
                  <span>
                    {i === 0 ? <Tag color="blue">{t('intake.best')}</Tag> : null}
                    {c.path}
                  </span>
                  <Space wrap size={2}>
                    <span className="jd-muted">{t('intake.decidedBy')}</span>
                    {c.why.tokens.map((w) => (
                      <Tooltip key={w.token} title={t('intake.weight', { weight: w.weight.toFixed(2) })}>
                        <Tag
                          style={{
                            marginInlineEnd: 2,
                            background: `rgba(31,95,191,${0.08 + 0.4 * (w.weight / maxWeight)})`,
                          }}
                        >
                          {w.token}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        </section>

        <section aria-label={t('intake.owner')} data-testid="suggest-owner">
          <Typography.Text strong>
            <ApartmentOutlined /> {t('intake.ownerSuggested')}
          </Typography.Text>
          <div style={{ margin: '4px 0' }}>
            <Tag color="geekblue" data-testid="suggested-owner">
              {s.route.owner.name}
            </Tag>
            {s.route.co.map((c) => (
              <Tag key={c.code}>
                {t('intake.co')}：{c.name}
              </Tag>
            ))}
            {s.route.roundTheClock ? <Tag color="purple">{t('intake.roundTheClock')}</Tag> : null}
          </div>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {s.route.why.map((w) => (
              <li key={w} className="jd-muted" style={{ fontSize: 13 }}>
                {w}
              </li>
            ))}
          </ul>
        </section>
      </Space>
    </Card>
  );
}
