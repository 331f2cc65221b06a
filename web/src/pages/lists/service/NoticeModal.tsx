import { Button, Descriptions, List, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../components/format.ts';
import type { OneTimeNotice, ServiceCase } from '../lists-api.ts';
import { PrintArea, PrintButton, StaffName } from '../shared.tsx';
import { dueLabel, STATUS_COLOR } from './service-format.ts';

/**
 * 一次性告知单: the item's conditions, EVERY material (those still missing marked), the time limit and
 * the place — printed and handed over so the resident is asked only once. With a case, also its
 * status, first responder and due date.
 */
export function NoticeModal({
  notice,
  serviceCase,
  onClose,
}: {
  notice: OneTimeNotice | null;
  serviceCase?: ServiceCase | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.service.${k}`, o ?? {});
  const marked = Boolean(serviceCase) && serviceCase?.status !== 'appointed';
  return (
    <Modal
      open={notice !== null}
      title={l('noticeModal')}
      onCancel={onClose}
      footer={[
        <PrintButton key="print" />,
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
      ]}
      width={680}
    >
      {notice ? (
        <PrintArea testId="one-time-notice">
          <Typography.Title level={4} style={{ textAlign: 'center' }}>
            {notice.title}
          </Typography.Title>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={l('item')}>
              {notice.itemName}（{notice.itemCode}）
            </Descriptions.Item>
            <Descriptions.Item label={l('conditions')}>
              {notice.conditions || l('noConditions')}
            </Descriptions.Item>
            <Descriptions.Item label={l('materialsAll')}>
              {notice.materials.length === 0 ? (
                l('noMaterials')
              ) : (
                <List
                  size="small"
                  dataSource={notice.materials}
                  data-testid="notice-materials"
                  renderItem={(m, i) => (
                    <List.Item style={{ padding: '2px 0' }}>
                      {i + 1}. {m.name}{' '}
                      {marked ? (
                        <Tag color={m.provided ? 'green' : 'red'}>
                          {m.provided ? l('provided') : l('missing')}
                        </Tag>
                      ) : null}
                    </List.Item>
                  )}
                />
              )}
            </Descriptions.Item>
            <Descriptions.Item label={l('timeLimit')}>
              {notice.timeLimit}
              <Typography.Text type="secondary">{l('timeLimitNote')}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={l('where')}>{notice.whereHandled}</Descriptions.Item>
            {serviceCase ? (
              <>
                <Descriptions.Item label={l('status')}>
                  <Tag color={STATUS_COLOR[serviceCase.status]} data-testid="notice-case-status">
                    {l(`statuses.${serviceCase.status}`)}
                  </Tag>
                </Descriptions.Item>
                <Descriptions.Item label={l('firstResponder')}>
                  <StaffName name={serviceCase.firstResponderName} username={serviceCase.firstResponder} />
                </Descriptions.Item>
                {serviceCase.appointmentAt ? (
                  <Descriptions.Item label={l('appointmentAt')}>
                    {formatTime(serviceCase.appointmentAt)}
                  </Descriptions.Item>
                ) : null}
                {serviceCase.dueAt ? (
                  <Descriptions.Item label={l('dueAt')}>
                    <span data-testid="notice-due">{dueLabel(serviceCase.dueAt)}</span>
                  </Descriptions.Item>
                ) : null}
              </>
            ) : null}
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 12 }} data-testid="notice-closing">
            {notice.missing.length > 0 && marked
              ? l('closingMissing', { count: notice.missing.length })
              : marked
                ? l('closingComplete')
                : l('closingBlank')}
          </Typography.Paragraph>
        </PrintArea>
      ) : null}
    </Modal>
  );
}
