import { useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';

interface BurdenRow {
  code: string;
  name: string;
  streetName: string;
  requestsReceived: number;
  requestsAccepted: number;
  requestsRefused: number;
  formsActive: number;
  meetings: number;
  meetingAttendances: number;
}

/** 减负统计: requests received/refused, forms and meetings per community, exported to Excel. */
export function BurdenTab() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const report = useQuery({
    queryKey: ['burden-report', from, to],
    queryFn: () =>
      api<{ rows: BurdenRow[] }>('/api/burden-report', { query: { from, to } }).then((r) => r.rows),
  });
  const b = (k: string) => t(`listsPolicy.burden.${k}`);
  if (report.isError) return <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          aria-label={`${b('from')} – ${b('to')}`}
        />
        <ExportButton path="/api/burden-report.xlsx" query={{ from, to }} testId="export-burden-report" />
      </Flex>
      <Table<BurdenRow>
        rowKey="code"
        size="small"
        loading={report.isPending}
        dataSource={report.data ?? []}
        scroll={{ x: 800 }}
        data-testid="burden-report"
        columns={[
          { title: b('street'), dataIndex: 'streetName' },
          { title: b('community'), dataIndex: 'name' },
          { title: b('received'), dataIndex: 'requestsReceived' },
          { title: b('accepted'), dataIndex: 'requestsAccepted' },
          { title: b('refused'), dataIndex: 'requestsRefused' },
          { title: b('forms'), dataIndex: 'formsActive' },
          { title: b('meetings'), dataIndex: 'meetings' },
          { title: b('attendances'), dataIndex: 'meetingAttendances' },
        ]}
      />
    </Space>
  );
}
